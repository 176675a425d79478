import * as path from 'path';
import { promote, setAside } from '../../infra/output-swap';
import { OUTPUT_DIRS, synthStaged } from '../../infra/synth';
import { Cloud, CLOUDS, Tenant } from '../../infra/registry/tenant';
import { GateOptions, runGate } from './gate';
import { collecting, readInputs } from './inputs';
import { LoadedStack, Report } from './model';
import { PolicyBundle } from './policy';
import { selectShard, Shard } from './shard';
import { firstLine } from '../../infra/first-line';

export interface EstateGateOptions extends Omit<GateOptions, 'estate' | 'estateRules' | 'shard' | 'registry'> {
  readonly registry: readonly Tenant[];
  /** Folder holding `cdk.out` and `cdktf.out`. */
  readonly root: string;
  /** The clouds to synthesize and gate. @default both */
  readonly clouds?: readonly Cloud[];
  readonly shard?: Shard;
  /** Phases for a progress display: synthesizing, reading. */
  readonly onPhase?: (phase: string) => void;
  /** An earlier output per cloud whose unchanged tenant units are taken instead of built (infra/units.ts). */
  readonly reuse?: Partial<Record<Cloud, string>>;
  /**
   * The output in place (`root`'s cdk.out and cdktf.out, the last that passed). `reuse`: taken whole,
   * nothing synthesized, when the registry, code and environment it was built from are unchanged and
   * its files are as recorded, else its unchanged tenant units whose files are as recorded
   * (infra/reuse.ts). `fresh`: everything synthesized. Both record the new output's key and files
   * for the next time. @default neither: nothing taken from it, nothing recorded
   */
  readonly inPlace?: 'reuse' | 'fresh';
  /** Offboarded AWS tenants whose stacks the deploy removes: built for deletion (AppBuild). @default none */
  readonly deleting?: ReadonlySet<string>;
}

/** What became of one cloud's synthesized output. */
export interface EstateOutput {
  readonly cloud: Cloud;
  /**
   * `promoted`: the gate passed and it replaced the deployable output. `rejected`: the gate failed,
   * so it was moved aside and the last passing output stays in place. `unproven`: a shard passed,
   * which proves only its slice, so it was moved aside too.
   */
  readonly state: 'promoted' | 'rejected' | 'unproven';
  /** Where it is now. */
  readonly dir: string;
  /** Tenant units taken from the `reuse` output instead of built. */
  readonly reusedUnits: number;
  /** The output in place was taken whole (`inPlace: 'reuse'`): nothing was synthesized. */
  readonly reusedWhole: boolean;
}

export interface EstateGateResult {
  readonly report: Report;
  readonly outputs: readonly EstateOutput[];
  /** The stacks as read, with files at their final place (for a deploy to re-hash). */
  readonly stacks: readonly LoadedStack[];
}

/**
 * Synthesizes the registry's estate, gates it, and only then lets it become deployable: a passing
 * unsharded gate promotes the output to `cdk.out` / `cdktf.out`; any other outcome sets it aside
 * as `*.rejected`. File paths in the report name where the files ended up.
 */
export function gateEstate(bundle: PolicyBundle, options: EstateGateOptions): EstateGateResult {
  const { registry, root, clouds, shard, onPhase, reuse, inPlace, deleting, ...gateOptions } = options;
  onPhase?.(`synthesizing ${registry.length} tenants`);
  const inPlaceDirs = Object.fromEntries(CLOUDS.map((c) => [c, path.join(root, OUTPUT_DIRS[c])]));
  const staged = synthStaged(registry, root, { clouds, reuse, deleting, unchanged: inPlace === 'reuse' ? inPlaceDirs : inPlace === 'fresh' ? {} : undefined });
  let report: Report;
  const all: LoadedStack[] = [];
  try {
    onPhase?.(staged.every((s) => s.reusedWhole) ? 'reading and gating the unchanged synthesized stacks (nothing synthesized)' : 'reading and gating the synthesized stacks');
    report = gateStacks(collecting(readInputs(staged.map((s) => s.staged)), all), bundle, { ...gateOptions, registry: markDeleting(registry, deleting), shard });
  } catch (e) {
    for (const s of staged) setAside(s, `the gate did not complete (${firstLine(e)})`);
    throw e;
  }
  const state: EstateOutput['state'] = !report.summary.passed ? 'rejected' : shard ? 'unproven' : 'promoted';
  const outputs = staged.map((s) => ({
    cloud: s.cloud,
    reusedUnits: s.reusedUnits,
    reusedWhole: s.reusedWhole,
    state,
    from: s.staged,
    dir: state === 'promoted' ? promote(s) : setAside(s, state === 'rejected' ? 'open findings fail the run' : `only shard ${report.summary.shard} was gated`),
  }));
  const moved = (file: string) => {
    const o = outputs.find((x) => isWithin(file, x.from));
    return o ? path.join(rel(o.dir), path.relative(rel(o.from), file)) : file;
  };
  return {
    report: {
      ...report,
      stacks: report.stacks.map((s) => ({ ...s, file: moved(s.file) })),
      findings: report.findings.map((f) => ({ ...f, file: moved(f.file) })),
    },
    outputs: outputs.map(({ cloud, state: st, dir, reusedUnits, reusedWhole }) => ({ cloud, state: st, dir, reusedUnits, reusedWhole })),
    stacks: all.map((s) => ({ ...s, file: moved(s.file) })),
  };
}

/**
 * Gates `all` (evaluated as it is read, see readInputs), or one shard of it: each shard resolves
 * imports against every stack, so all are read first; the estate rules run in the first shard only.
 */
export function gateStacks(stacks: Iterable<LoadedStack>, bundle: PolicyBundle, options: Omit<GateOptions, 'estate' | 'estateRules' | 'shard'> & { readonly shard?: Shard }): Report {
  const { shard, ...rest } = options;
  if (!shard) return runGate(stacks, bundle, rest);
  const all = [...stacks];
  return runGate(selectShard(all, shard), bundle, { ...rest, estate: all, estateRules: shard.index === 1, shard: `${shard.index}/${shard.count}` });
}

/** One line for a person: where an output that was not promoted went, and why. */
export function outputNote(o: EstateOutput): string {
  const why = o.state === 'rejected' ? 'the gate failed' : 'a shard proves only its slice';
  return `cordon: ${why}: the ${o.cloud} output was not made deployable; it is in ${rel(o.dir)} for inspection (the last passing output, if any, stays in place)`;
}

const rel = (p: string) => path.relative(process.cwd(), p) || '.';
const isWithin = (file: string, dir: string) => !path.relative(rel(dir), file).startsWith('..');

/**
 * The registry as the rules see it: a tenant whose stacks this synthesis builds for deletion carries
 * `deleting: true` in `input.tenant` (RET-5-AWS and RET-5-GCP then admit its data, if nothing of it is kept).
 * Not a registry field: only a deploy that removes those stacks right after sets it.
 */
export function markDeleting(registry: readonly Tenant[], deleting: ReadonlySet<string> | undefined): readonly Tenant[] {
  if (!deleting?.size) return registry;
  return registry.map((t) => (deleting.has(t.id) ? Object.assign({ deleting: true }, t) : t));
}
