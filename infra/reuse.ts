import * as fs from 'fs';
import * as path from 'path';
import { Cloud } from './registry/tenant';
import { SynthError } from './synth-error';
import { fileSha256, outputFiles, UNITS_FILE, UnitsFile } from './units';

/** The tenant units an earlier output holds with the same keys, and that output (infra/units.ts). */
export interface Reuse {
  readonly from: string;
  /** Per reused tenant, the artifact ids of its stacks in `from`. */
  readonly units: ReadonlyMap<string, readonly string[]>;
  /** `from`'s manifest, as read to plan (copyUnits takes the units' entries from it). */
  readonly manifest: Record<string, any>;
}

/**
 * The units of `keys` (tenant id -> unit key) that `previous` holds unchanged. An earlier output that
 * cannot be read, or whose manifest does not list a unit's stacks, gives nothing to reuse: the
 * synthesis then builds every unit, as without one. With `verified`, a unit is taken only when each
 * of its files is one the output recorded (UnitsFile.output) with the sha256 recorded: for an output
 * anyone with the checkout can write (`cordon check`'s), not a seed of cordon's own.
 */
export function planReuse(cloud: Cloud, previous: string, keys: ReadonlyMap<string, string>, verified = false): Reuse {
  const none = { from: previous, units: new Map(), manifest: {} };
  let file: UnitsFile;
  let manifest: Record<string, any>;
  let listed: Set<string>;
  try {
    file = JSON.parse(fs.readFileSync(path.join(previous, UNITS_FILE), 'utf8'));
    manifest = JSON.parse(fs.readFileSync(path.join(previous, 'manifest.json'), 'utf8'));
    listed = new Set(Object.keys((cloud === 'aws' ? manifest.artifacts : manifest.stacks) ?? {}));
  } catch {
    return none;
  }
  if (file?.version !== 1 || typeof file.units !== 'object' || file.units === null) return none;
  const recorded = file.output?.files;
  if (verified && (typeof recorded !== 'object' || recorded === null)) return none;
  // Its files within the output (a manifest naming ../ paths is not followed) and, when verified, as recorded.
  const sound = (stacks: readonly string[]) => {
    try {
      const files = unitFiles(cloud, { from: previous, manifest }, stacks);
      return files.every(withinOutput) && (!verified || expandFiles(previous, files).every((f) => recorded![f] === fileSha256(path.join(previous, f))));
    } catch {
      return false; // a file missing, or its asset manifest unreadable
    }
  };
  const units = new Map<string, readonly string[]>();
  for (const [tenant, key] of keys) {
    const unit = file.units[tenant];
    // A tenant's stacks are named after it (`<id>-<env>…`): a unit naming another stack is not taken.
    const own = (s: unknown) => typeof s === 'string' && s.startsWith(`${tenant}-`) && listed.has(s);
    if (unit?.key === key && Array.isArray(unit.stacks) && unit.stacks.length > 0 && unit.stacks.every(own) && sound(unit.stacks)) units.set(tenant, unit.stacks);
  }
  return { from: previous, units, manifest };
}

/** A path within an output: the files naming paths are in a folder anyone with the checkout can write. */
const withinOutput = (f: unknown): boolean => typeof f === 'string' && f !== '' && !path.isAbsolute(f) && !f.split(/[\\/]/).includes('..');

/**
 * The files and folders of `stacks` in an output (paths relative to it): on AWS each stack's template,
 * metadata file, asset manifests and what those list; on GCP each stack's folder.
 */
function unitFiles(cloud: Cloud, { from, manifest }: Pick<Reuse, 'from' | 'manifest'>, stacks: readonly string[]): string[] {
  if (cloud !== 'aws') return stacks.map((id) => manifest.stacks[id].workingDirectory);
  return stacks.flatMap((id) => {
    const stack = manifest.artifacts[id];
    const assets: string[] = (stack.dependencies ?? []).filter((d: string) => manifest.artifacts[d]?.type === 'cdk:asset-manifest');
    const listed = assets.flatMap((a) => Object.values<{ source: { path?: string } }>(JSON.parse(fs.readFileSync(path.join(from, manifest.artifacts[a].properties.file), 'utf8')).files ?? {}).map((f) => f.source.path));
    return [stack.properties?.templateFile, stack.additionalMetadataFile, ...assets.map((a) => manifest.artifacts[a].properties.file), ...listed].filter((f): f is string => !!f);
  });
}

/** The regular files at or below `paths` of `dir` ('/'-separated, relative to it); anything else stops the reuse. */
function expandFiles(dir: string, paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const st = fs.lstatSync(path.join(dir, p));
    if (st.isFile()) return [p.split(path.sep).join('/')];
    if (!st.isDirectory()) throw new Error(`${p} is neither a file nor a folder`);
    return outputFiles(path.join(dir, p)).map((f) => `${p.split(path.sep).join('/')}/${f}`);
  });
}

/**
 * Takes the earlier output `previous` whole into `dir` when it was built from `key` (outputKey:
 * the same registry, code and environment) and every file it recorded is there, a regular file
 * with the sha256 recorded: a synthesis would write the same files. Only those files are taken
 * (one added to `previous` later is not), and they are verified once linked into `dir`, so what is
 * verified is what the gate then reads. Returns how many tenant units it holds, or undefined, `dir`
 * left empty, when it cannot be taken: then it is built.
 */
export function takeWhole(previous: string, key: string, dir: string): number | undefined {
  let file: UnitsFile;
  try {
    file = JSON.parse(fs.readFileSync(path.join(previous, UNITS_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const recorded = file?.output?.key === key && typeof file.output.files === 'object' && file.output.files !== null ? file.output.files : undefined;
  if (!recorded || typeof file.units !== 'object' || file.units === null) return undefined;
  const names = Object.keys(recorded);
  if (!names.every(withinOutput)) return undefined;
  try {
    for (const f of [...names, UNITS_FILE]) {
      // Regular files only: a link or folder under a recorded name is not followed.
      if (!fs.lstatSync(path.join(previous, f)).isFile()) throw new Error(`${f} is not a file`);
      place(path.join(previous, f), path.join(dir, f));
    }
    const files = outputFiles(dir);
    if (files.length === names.length && files.every((f) => fs.lstatSync(path.join(dir, f)).isFile() && recorded[f] === fileSha256(path.join(dir, f)))) return Object.keys(file.units).length;
  } catch {
    // a recorded file missing, or not a regular file: built instead
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return undefined;
}

/** Adds the reused units' stacks of `reuse.from` to the synthesized output `dir`: their files and their manifest entries. */
export function copyUnits(cloud: Cloud, reuse: Reuse, dir: string): void {
  if (reuse.units.size === 0) return;
  const from = reuse.manifest;
  const to = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stacks = [...reuse.units.values()].flat();
  // Never in place of a stack this synthesis built (a platform or cell stack): refused, not overwritten.
  const built = stacks.find((id) => (cloud === 'aws' ? to.artifacts : to.stacks)[id] !== undefined);
  if (built) throw new SynthError(`${path.join(reuse.from, UNITS_FILE)}: names ${built} as a tenant's, but this synthesis built it; remove that earlier output`);
  for (const id of stacks) {
    if (cloud === 'aws') {
      // The stack's asset manifests (its template as a file asset) and what they list are its own files.
      for (const a of [id, ...(from.artifacts[id].dependencies ?? []).filter((d: string) => from.artifacts[d]?.type === 'cdk:asset-manifest')]) to.artifacts[a] = from.artifacts[a];
    } else to.stacks[id] = from.stacks[id];
  }
  for (const f of unitFiles(cloud, reuse, stacks)) place(path.join(reuse.from, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(to, null, 2));
}

/** A hard link of each file (outputs are never written in place), a copy across file systems; what is there already stays. */
function place(src: string, dest: string): void {
  if (fs.existsSync(dest)) return;
  if (fs.statSync(src).isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(src)) place(path.join(src, name), path.join(dest, name));
    return;
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    fs.linkSync(src, dest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    fs.copyFileSync(src, dest);
  }
}
