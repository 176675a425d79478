import * as path from 'path';
import { parseArgs } from 'util';
import { loadRegistry } from '../../../infra/registry/load';
import { exitCode } from '../../gate/gate';
import { readInputs } from '../../gate/inputs';
import { Report } from '../../gate/model';
import { EstateOutput, gateEstate, gateStacks, outputNote } from '../../gate/estate';
import { FORMATS, needsCheckedValues, parseFormats, writeOutputs } from '../../gate/outputs';
import { waiverSummary } from '../../gate/outputs/waiver-summary';
import { loadBaseline } from '../../gate/baseline';
import { GateError } from '../../gate/model';
import { parseShard } from '../../gate/shard';
import { ROOT } from '../../toolchain/paths';
import { GATE_OPTIONS, gateSettings, TODAY_OPTION } from '../gate-settings';
import { Io } from '../io';
import { progress } from '../progress';

export const CHECK_USAGE = `usage: cordon check [PATH...] [--format table,json=FILE] [--fail-on TERMS [--allow-unverifiable]] [--waivers FILE] [--strict]
                    [--baseline REPORT] [--shard i/n] [--registry DIR] [--today YYYY-MM-DD]
                    [--out DIR] [--fresh] [--bundle DIR] [--policies DIR]

  Without PATH: load the tenant registry, synthesize the estate into DIR/cdk.out and
  DIR/cdktf.out (--out, default the repository root) and gate it. An output there that was
  synthesized from the same registry, code and environment, its files as written, is gated
  again as it is instead of synthesized anew; after a registry change, its unchanged tenants'
  stacks are taken from it (--fresh synthesizes everything).
  With PATH: gate those files, folders or glob patterns (CDK cloud assembly, cdktf.out,
  CloudFormation JSON/YAML, Terraform JSON, plan JSON or HCL) instead; with --registry too, the
  stacks of registry tenants are judged against their contracts.

  --format    comma-separated outputs: ${FORMATS.join(', ')}; NAME=FILE writes to a file
              (default table; at most one output without =FILE goes to stdout)
  --fail-on   comma-separated terms that fail the run (default mandatory,unverifiable):
              mandatory     a violation of a mandatory rule
              unverifiable  what a mandatory rule could not verify (known only at deploy time,
                            or a link outside the input); always added unless --allow-unverifiable
              advisory      every finding
              critical | high | medium | low   that severity or worse
              none          nothing fails (report only)
  --allow-unverifiable  pass what could not be verified (drops the implied unverifiable)
  --waivers   waiver file (default policies/waivers.yaml when it exists)
  --strict    a waiver that matched nothing fails the run
  --baseline  a previous JSON report: findings already in it do not fail, only new ones do
  --shard     i/n: gate only the i-th of n deterministic slices of the stacks (a CI matrix
              job); combine the jobs' JSON reports with cordon merge
  --registry  tenant registry folder (default infra/tenants when synthesizing; none with PATH)
  --fresh     synthesize even when the output in place is unchanged (recorded all the same)
  --today     the UTC date the run is judged on (default the real clock's): waiver expiry and
              offboarding windows (RET-5-SHRED); for reproducible runs and tests
  --bundle    compiled policy bundle (default .tools/policy)
  --policies  the sources the bundle must have been built from (default policies/)

  exit 0 passed, 1 open findings fail under --fail-on, 2 usage or evaluation error`;

export function check(args: string[], io: Io): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${CHECK_USAGE}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'table' },
      ...GATE_OPTIONS,
      ...TODAY_OPTION,
      strict: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      shard: { type: 'string' },
      registry: { type: 'string' },
      out: { type: 'string', default: ROOT },
      fresh: { type: 'boolean', default: false },
    },
  });
  // Validate everything cheap before any work, so a typo costs nothing and writes nothing.
  const targets = parseFormats(values.format!);
  const overwritten = targets.find((t) => t.file && positionals.some((p) => path.resolve(p) === path.resolve(t.file!)));
  if (overwritten) throw new GateError(`--format ${overwritten.format}=${overwritten.file}: that file is an input; the report would overwrite what it judged`);
  const { bundle, failOn, waivers, today } = gateSettings(values);
  const baseline = values.baseline ? loadBaseline(values.baseline, bundle.manifest) : undefined;
  const shard = values.shard ? parseShard(values.shard) : undefined;

  const show = progress(io);
  let report: Report;
  let outputs: readonly EstateOutput[] = [];
  try {
    const onStack = (done: number, total: number) => show.update('evaluating stacks and estate rules', done, total);
    const gate = { failOn, waivers, baseline, strict: values.strict, today, onStack, checkedValues: needsCheckedValues(targets) };
    if (positionals.length > 0) {
      // Files gated by path get their tenants' contracts only when a registry is named.
      const registry = values.registry ? loadRegistry(path.resolve(values.registry)) : [];
      show.update('reading and gating inputs');
      report = gateStacks(readInputs(positionals), bundle, { ...gate, registry, shard });
    } else {
      const registry = loadRegistry(values.registry && path.resolve(values.registry));
      ({ report, outputs } = gateEstate(bundle, { ...gate, registry, root: path.resolve(values.out!), shard, inPlace: values.fresh ? 'fresh' : 'reuse', onPhase: (p) => show.update(p) }));
    }
  } finally {
    show.done();
  }
  writeOutputs(report, targets, io.stdout, io.color);
  // Code-scanning UIs hide suppressions: when no readable report reaches the terminal, say it on stderr.
  const readable = targets.some((t) => !t.file && (t.format === 'table' || t.format === 'markdown'));
  const summary = waiverSummary(report);
  if (!readable && summary.length > 0) io.stderr(`${summary.join('\n')}\n`);
  for (const o of outputs) if (o.state !== 'promoted') io.stderr(`${outputNote(o)}\n`);
  return exitCode(report);
}
