import * as fs from 'fs';
import * as path from 'path';
import { alive } from './alive';
import { promote, StagedOutput } from './output-swap';
import { Cloud, CLOUDS, Tenant } from './registry/tenant';
import { copyUnits, planReuse, Reuse, takeWhole } from './reuse';
import { SynthError } from './synth-error';
import { outputKey, unitKey, unitStacks, writeUnits } from './units';
import { firstLine } from './first-line';

/** Where each cloud's app is synthesized below the output root: where `cdk deploy` and `cdktf deploy` look. */
export const OUTPUT_DIRS: Readonly<Record<Cloud, string>> = { aws: 'cdk.out', gcp: 'cdktf.out' };

/**
 * The side file in each output naming where cordon's code created each resource (construct path ->
 * `file:line`, infra/sources.ts), for the gate's findings. Beside the templates, never in them: a
 * moved line would otherwise change every template and so every deploy's diff.
 */
export const SOURCES_FILE = 'cordon-sources.json';

export interface SynthOutput {
  readonly awsDir: string;
  readonly gcpDir: string;
}

/** A cloud's output staged by `synthStaged`, and how many tenant units it took from an earlier output. */
export interface SynthStaged extends StagedOutput {
  readonly reusedUnits: number;
  /** The whole output was taken from the `unchanged` one: nothing was built. */
  readonly reusedWhole: boolean;
}

/** What `synthStaged` may take from earlier outputs, and what it builds for deletion. */
export interface SynthOptions {
  /** The clouds to synthesize. @default both */
  readonly clouds?: readonly Cloud[];
  /** An earlier output per cloud whose unchanged tenant units are taken instead of built (infra/units.ts). @default none */
  readonly reuse?: Partial<Record<Cloud, string>>;
  /**
   * An earlier output per cloud taken whole, nothing built, when it was synthesized from the same
   * registry, code and environment and its files are as it recorded them (reuse.ts takeWhole);
   * otherwise, unless `reuse` names one, its unchanged units whose files are as recorded are taken
   * and the rest built. Given (even empty), the outputs written record their key and files for the
   * next time. @default none, and nothing recorded
   */
  readonly unchanged?: Partial<Record<Cloud, string>>;
  /** Offboarded tenants whose stacks are built for deletion (AppBuild). @default none */
  readonly deleting?: ReadonlySet<string>;
}

/**
 * Synthesizes the apps of `clouds` into staging folders beside their final place. Nothing a
 * deploy tool reads is touched until the caller promotes them, so an output the gate rejects
 * never reaches `cdk deploy --app cdk.out` or `cdktf deploy`. A failed synth leaves nothing behind.
 * `options.reuse` names an earlier output of a cloud: tenant units it holds unchanged are taken from
 * it instead of built (infra/units.ts), which makes a synthesis that adds one tenant to a large
 * registry cost about that tenant; `options.unchanged` one taken whole when nothing it was built
 * from changed. Every output records its units for the next one, and with `options.unchanged` its
 * key and its files' sha256 too.
 */
export function synthStaged(tenants: readonly Tenant[], root: string, options: SynthOptions = {}): SynthStaged[] {
  const { clouds = CLOUDS, reuse = {}, unchanged = {}, deleting = new Set<string>() } = options;
  const outputs = clouds.map((cloud) => {
    const final = path.join(root, OUTPUT_DIRS[cloud]);
    return { cloud, final, staged: `${final}.staged-${process.pid}`, reusedUnits: 0, reusedWhole: false };
  });
  try {
    fs.mkdirSync(root, { recursive: true });
    removeStaleStaging(root);
    for (const o of outputs) {
      fs.rmSync(o.staged, { recursive: true, force: true });
      // A caller that takes unchanged outputs records each for the next time (its key, its files' sha256).
      const key = options.unchanged ? outputKey(o.cloud, tenants, deleting) : undefined;
      const whole = key === undefined || unchanged[o.cloud] === undefined ? undefined : takeWhole(unchanged[o.cloud]!, key, o.staged);
      if (whole !== undefined) {
        [o.reusedUnits, o.reusedWhole] = [whole, true];
        continue;
      }
      const keys = new Map(tenants.filter((t) => t.cloud === o.cloud).map((t) => [t.id, unitKey(t, deleting.has(t.id))]));
      // Else its unchanged units: from `reuse` (a seed of cordon's own), or from the `unchanged` output when their files are as it recorded.
      const reused = reuse[o.cloud] ? planReuse(o.cloud, reuse[o.cloud]!, keys) : key !== undefined && unchanged[o.cloud] ? planReuse(o.cloud, unchanged[o.cloud]!, keys, true) : NO_REUSE;
      const app = synthApp(o.cloud, tenants, o.staged, reused, deleting);
      writeUnits(o.staged, keys, new Map([...reused.units, ...unitStacks(app)]), key);
      o.reusedUnits = reused.units.size;
    }
  } catch (e) {
    for (const o of outputs) {
      try {
        fs.rmSync(o.staged, { recursive: true, force: true });
      } catch {
        // nothing was staged where nothing can be written (the root is a file, or unwritable)
      }
    }
    // A full disk, a read-only or unwritable folder: the machine's state, said in one line (a programming error keeps its trace).
    const code = (e as NodeJS.ErrnoException).code;
    if (code && FILESYSTEM_ERRORS.has(code)) throw new SynthError(`cannot write the synthesized output below ${root}: ${code}, ${firstLine(e).replace(/^\w+: /, '')}; nothing of it was kept`);
    throw e;
  }
  return outputs;
}

const NO_REUSE: Reuse = { from: '', units: new Map(), manifest: {} };

/**
 * Builds and synthesizes one cloud's app into `dir` (the units of `reuse` taken from its earlier
 * output, not built), then writes SOURCES_FILE there (inside the staged folder, so it is promoted
 * with the templates it describes). Returns the app.
 */
export function synthApp(cloud: Cloud, tenants: readonly Tenant[], dir: string, reuse: Reuse = NO_REUSE, deleting: ReadonlySet<string> = new Set()): import('constructs').IConstruct {
  // Loaded here, not at the top: aws-cdk-lib and cdktf cost a command that synthesizes nothing most of its start-up.
  const { recordingSources } = require('./sources') as typeof import('./sources');
  const { build, isResource } = cloud === 'aws' ? (require('./aws-app') as typeof import('./aws-app')).AWS_APP : (require('./gcp-app') as typeof import('./gcp-app')).GCP_APP;
  const { value: app, sources } = recordingSources(isResource, () => build(tenants, { outdir: dir, reused: new Set(reuse.units.keys()), deleting }));
  app.synth();
  copyUnits(cloud, reuse, dir);
  fs.writeFileSync(path.join(dir, SOURCES_FILE), `${JSON.stringify({ version: 1, constructs: { ...reusedSources(reuse), ...sources() } }, null, 1)}\n`);
  return app;
}

/** The reused units' entries of the side file of the output they come from; none when it cannot be read (it is only a pointer). */
function reusedSources(reuse: Reuse): Record<string, string> {
  if (reuse.units.size === 0) return {};
  const stacks = new Set([...reuse.units.values()].flat());
  try {
    const { constructs } = JSON.parse(fs.readFileSync(path.join(reuse.from, SOURCES_FILE), 'utf8'));
    return Object.fromEntries(Object.entries<string>(constructs ?? {}).filter(([p]) => stacks.has(p.split('/')[0])));
  } catch {
    return {};
  }
}

const FILESYSTEM_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EMFILE', 'ENAMETOOLONG']);

/** Staging folders of synthesis processes that are gone (killed mid-synthesis) are removed. */
function removeStaleStaging(root: string): void {
  for (const name of fs.readdirSync(root)) {
    const pid = Number(/^(?:cdk|cdktf)\.out\.staged-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** Synthesizes both apps into `root/cdk.out` and `root/cdktf.out`, swapped in only when complete (no gate). */
export function synthEstate(tenants: readonly Tenant[], root: string): SynthOutput {
  const [aws, gcp] = synthStaged(tenants, root, { clouds: ['aws', 'gcp'] }).map(promote);
  return { awsDir: aws, gcpDir: gcp };
}

/**
 * Synthesizes without gating, for CI jobs that gate the output in shards (`cordon synth`). Never
 * into `repositoryRoot`: the `cdk.out` / `cdktf.out` there (where `cdk deploy` and `cdktf deploy`
 * look) are only ever a gated output.
 */
export function synthUngated(tenants: readonly Tenant[], out: string, repositoryRoot: string): SynthOutput {
  if (path.resolve(out) === path.resolve(repositoryRoot)) {
    throw new SynthError(`--out: the repository root holds only gated output (cordon check promotes it there); give another folder, e.g. build`);
  }
  return synthEstate(tenants, out);
}
