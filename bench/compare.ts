/**
 * The 1,000-tenant gate of bench/gate.ts across revisions: each revision in a git worktree of its
 * own (the repository's node_modules, its own policy bundle), all gating one estate synthesized once,
 * in turn, N times each, so that what else the machine does falls on every revision alike. Prints
 * per revision the read + evaluate times, their median, and resources per second (mean, range).
 *
 *   npm run -s bench:compare -- REV [REV...] [--runs N] [--estate DIR]
 *
 * REV is any git revision, `.` the working tree. DIR holds the generated estate's cdk.out and
 * cdktf.out (`node -r ts-node/register/transpile-only bench/gate.ts --synth DIR`); without it the
 * estate is synthesized into a temporary folder first (a minute or more). Default 5 runs.
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
  return { rev, dir, commit: rev === '.' ? `${commit}+working tree` : commit, rules, ms: [] };
}

/** One gate of the estate in `tree`, in ms: read + evaluate (older revisions report the two apart). */
function gateOnce(tree: Tree, estate: string): number {
  const out = run(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', 'bench/gate.ts', '--gate', 'generated', 'cold', path.join(estate, 'cdk.out'), path.join(estate, 'cdktf.out')], tree.dir);
  const sample = JSON.parse(out) as { gateMs?: number; readMs?: number; evaluateMs?: number; resources: number };
  return sample.gateMs ?? sample.readMs! + sample.evaluateMs!;
}

function main(): void {
  const { values, positionals: revs } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' }, estate: { type: 'string' } } });
  const runs = Number(values.runs);
  if (revs.length === 0 || !Number.isInteger(runs) || runs < 1) throw new Error('usage: npm run -s bench:compare -- REV [REV...] [--runs N] [--estate DIR]');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-compare-'));
  const trees: Tree[] = [];
  try {
    const estate = values.estate ? path.resolve(values.estate) : path.join(work, 'estate');
    if (!values.estate) run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/gate.ts', '--synth', estate], ROOT);
    for (const rev of revs) trees.push(prepare(rev, work));
    const resources = (ms: number) => Math.round(54_890 / (ms / 1000));
    for (let i = 0; i < runs; i++) for (const t of trees) t.ms.push(gateOnce(t, estate));
    console.log(`the 1,000-tenant gate (54,890 resources), ${runs} runs per revision in turn, on ${os.cpus().length} cores`);
    console.log('revision                    rules  read + evaluate (ms)                      median  resources/s mean (range)');
    for (const t of trees) {
      const sorted = [...t.ms].sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      const mean = Math.round(t.ms.reduce((n, ms) => n + resources(ms), 0) / t.ms.length);
      console.log(`${t.commit.padEnd(26)}  ${String(t.rules).padStart(5)}  ${sorted.map((ms) => Math.round(ms)).join(' ').padEnd(40)}  ${String(Math.round(median)).padStart(6)}  ${mean} (${resources(sorted.at(-1)!)}–${resources(sorted[0])})`);
    }
  } finally {
    for (const t of trees) if (t.dir !== ROOT) spawnSync('git', ['worktree', 'remove', '--force', t.dir], { cwd: ROOT });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
