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
 * synthesis then builds every unit, as without one.
 */
export function planReuse(cloud: Cloud, previous: string, keys: ReadonlyMap<string, string>): Reuse {
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
  const units = new Map<string, readonly string[]>();
  for (const [tenant, key] of keys) {
    const unit = file.units[tenant];
    // A tenant's stacks are named after it (`<id>-<env>…`): a unit naming another stack is not taken.
    const own = (s: unknown) => typeof s === 'string' && s.startsWith(`${tenant}-`) && listed.has(s);
    if (unit?.key === key && Array.isArray(unit.stacks) && unit.stacks.length > 0 && unit.stacks.every(own)) units.set(tenant, unit.stacks);
  }
  return { from: previous, units, manifest };
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
  // Paths within the output only: the file is read from a folder anyone with the checkout can write.
  if (!names.every((f) => f !== '' && !path.isAbsolute(f) && !f.split(/[\\/]/).includes('..'))) return undefined;
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
  if (cloud === 'aws') {
    for (const id of stacks) {
      const stack = from.artifacts[id];
      // The stack's asset manifest (its template as a file asset) and what that lists are its own files.
      const assets = (stack.dependencies ?? []).filter((d: string) => from.artifacts[d]?.type === 'cdk:asset-manifest');
      for (const a of [id, ...assets]) to.artifacts[a] = from.artifacts[a];
      const files = [stack.properties?.templateFile, stack.additionalMetadataFile, ...assets.map((a: string) => from.artifacts[a].properties.file)];
      for (const a of assets) {
        const listed = JSON.parse(fs.readFileSync(path.join(reuse.from, from.artifacts[a].properties.file), 'utf8'));
        files.push(...Object.values<{ source: { path?: string } }>(listed.files ?? {}).map((f) => f.source.path));
      }
      for (const f of files) if (f) place(path.join(reuse.from, f), path.join(dir, f));
    }
  } else {
    for (const id of stacks) {
      to.stacks[id] = from.stacks[id];
      place(path.join(reuse.from, from.stacks[id].workingDirectory), path.join(dir, from.stacks[id].workingDirectory));
    }
  }
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
