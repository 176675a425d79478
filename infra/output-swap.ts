import * as fs from 'fs';
import * as path from 'path';
import type { Cloud } from './registry/tenant';

/** Suffix of an output the gate rejected, moved aside for inspection (see `setAside`). */
export const REJECTED_SUFFIX = '.rejected';

/** One cloud's synthesized output, written beside its final place and not yet promoted. */
export interface StagedOutput {
  readonly cloud: Cloud;
  /** Where the output was written: `<final>.staged-<pid>`. */
  readonly staged: string;
  /** Where `promote` puts it: `root/cdk.out` or `root/cdktf.out`. */
  readonly final: string;
}

/** Suffix of a promoted output's folder; `cdk.out` / `cdktf.out` are symlinks to the current one. */
export const GENERATION_SUFFIX = '.gen-';

/**
 * Makes the staged output the final one in one atomic step: the output becomes a generation folder
 * and `final`, a symlink, is switched to it by a single rename. A kill at any moment leaves `final`
 * naming the old complete output or the new one, never a missing or partial folder. Older
 * generations are removed afterwards. (A `final` that is still a real folder, from before
 * generations, is moved aside once first.)
 */
export function promote(o: StagedOutput): string {
  const gen = `${o.final}${GENERATION_SUFFIX}${process.pid}-${Date.now()}`;
  fs.renameSync(o.staged, gen);
  const link = `${o.final}.link-${process.pid}`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.basename(gen), link);
  if (fs.lstatSync(o.final, { throwIfNoEntry: false })?.isDirectory()) fs.renameSync(o.final, `${o.final}.old-${process.pid}`);
  fs.renameSync(link, o.final);
  const dir = path.dirname(o.final);
  const base = path.basename(o.final);
  for (const name of fs.readdirSync(dir)) {
    const stale = (name.startsWith(`${base}${GENERATION_SUFFIX}`) && name !== path.basename(gen)) || name.startsWith(`${base}.old-`);
    if (stale) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  return o.final;
}

/**
 * Moves a staged output the gate did not pass to `<final>.rejected` (replacing an older one), and
 * renames its manifest so that neither the CDK CLI nor cdktf can load it as an app by mistake. The
 * last promoted output, if any, stays where it is.
 */
export function setAside(o: StagedOutput, why: string): string {
  const dest = `${o.final}${REJECTED_SUFFIX}`;
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(o.staged, dest);
  const manifest = path.join(dest, 'manifest.json');
  if (fs.existsSync(manifest)) fs.renameSync(manifest, path.join(dest, 'manifest.rejected.json'));
  fs.writeFileSync(path.join(dest, 'REJECTED.txt'), `Rejected by the cordon gate: ${why}.\nKept for inspection only; its manifest is renamed so no deploy tool loads it.\n`);
  return dest;
}
