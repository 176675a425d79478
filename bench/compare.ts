/**
 * The 1,000-tenant gate of bench/gate.ts (or its plan) across revisions: each revision in a git
 * worktree of its own (the repository's node_modules, its own policy bundle), all gating one input
 * written once, in turn, N times each, so that what else the machine does falls on every revision
 * alike. Prints per revision the read + evaluate times, their median, resources per second (mean,
 * range) and the largest peak RSS.
 *
 *   npm run -s bench:compare -- REV [REV...] [--runs N] [--estate DIR | --plan FILE]
 *
 * REV is any git revision, `.` the working tree. DIR holds the generated estate's cdk.out and
 * cdktf.out (`node -r ts-node/register/transpile-only bench/gate.ts --synth DIR`); without it (and
 * without --plan) the estate is synthesized into a temporary folder first (a minute or more). FILE
 * is a plan JSON (`bench/gate.ts --plan FILE` writes the 42 MB one). Default 5 runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { ROOT } from '../services/toolchain/paths';

interface Tree {
  readonly rev: string;
  readonly dir: string;
  readonly commit: string;
  readonly rules: number;
  readonly ms: number[];
  readonly rssMb: number[];
}

/** What is gated: the generated estate's two outputs with its registry, or a plan without one. */
interface Input {
  readonly label: string;
  readonly args: readonly string[];
}

function run(cmd: string, args: readonly string[], cwd: string): string {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with exit ${res.status}:\n${res.stderr}`);
  return res.stdout;
}

/** A worktree of `rev` under `into`, ready to gate: node_modules linked, opa copied, its own bundle built. */
function prepare(rev: string, into: string): Tree {
  const commit = run('git', ['rev-parse', '--short', rev === '.' ? 'HEAD' : rev], ROOT).trim();
  let dir = ROOT;
  if (rev !== '.') {
    dir = path.join(into, commit);
    run('git', ['worktree', 'add', '--detach', dir, commit], ROOT);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    // A copy, not a link: a revision pinned to another opa builds its own over it.
    fs.cpSync(path.join(ROOT, '.tools', 'bin'), path.join(dir, '.tools', 'bin'), { recursive: true });
  }
  run('npm', ['run', '-s', 'tools'], dir);
  const rules = (JSON.parse(fs.readFileSync(path.join(dir, '.tools', 'policy', 'catalog.json'), 'utf8')) as unknown[]).length;
  return { rev, dir, commit: rev === '.' ? `${commit}+working tree` : commit, rules, ms: [], rssMb: [] };
}

/** One gate of the input in `tree`: read + evaluate in ms (older revisions report the two apart), and the peak RSS; its resources. */
function gateOnce(tree: Tree, input: Input): number {
  const out = run(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', 'bench/gate.ts', '--gate', ...input.args], tree.dir);
  const sample = JSON.parse(out) as { gateMs?: number; readMs?: number; evaluateMs?: number; resources: number; peakRssMb: number };
  tree.ms.push(sample.gateMs ?? sample.readMs! + sample.evaluateMs!);
  tree.rssMb.push(sample.peakRssMb);
  return sample.resources;
}

function main(): void {
  const { values, positionals: revs } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' }, estate: { type: 'string' }, plan: { type: 'string' } } });
  const runs = Number(values.runs);
  if (revs.length === 0 || !Number.isInteger(runs) || runs < 1 || (values.estate && values.plan)) throw new Error('usage: npm run -s bench:compare -- REV [REV...] [--runs N] [--estate DIR | --plan FILE]');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-compare-'));
  const trees: Tree[] = [];
  try {
    let input: Input;
    if (values.plan) input = { label: `the plan ${path.basename(values.plan)}`, args: ['none', 'cold', path.resolve(values.plan)] };
    else {
      const estate = values.estate ? path.resolve(values.estate) : path.join(work, 'estate');
      if (!values.estate) run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/gate.ts', '--synth', estate], ROOT);
      input = { label: 'the 1,000-tenant gate', args: ['generated', 'cold', path.join(estate, 'cdk.out'), path.join(estate, 'cdktf.out')] };
    }
    for (const rev of revs) trees.push(prepare(rev, work));
    let count = 0;
    for (let i = 0; i < runs; i++) for (const t of trees) count = gateOnce(t, input);
    const resources = (ms: number) => Math.round(count / (ms / 1000));
    console.log(`${input.label} (${count.toLocaleString('en-US')} resources), ${runs} runs per revision in turn, on ${os.cpus().length} cores`);
    console.log('revision                    rules  read + evaluate (ms)                      median  resources/s mean (range)  peak RSS (MB)');
    for (const t of trees) {
      const sorted = [...t.ms].sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      const mean = Math.round(t.ms.reduce((n, ms) => n + resources(ms), 0) / t.ms.length);
      const range = `${mean} (${resources(sorted.at(-1)!)}–${resources(sorted[0])})`;
      console.log(`${t.commit.padEnd(26)}  ${String(t.rules).padStart(5)}  ${sorted.map((ms) => Math.round(ms)).join(' ').padEnd(40)}  ${String(Math.round(median)).padStart(6)}  ${range.padEnd(25)}  ${Math.round(Math.max(...t.rssMb))}`);
    }
  } finally {
    for (const t of trees) if (t.dir !== ROOT) spawnSync('git', ['worktree', 'remove', '--force', t.dir], { cwd: ROOT });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
