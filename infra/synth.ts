import * as fs from 'fs';
import * as path from 'path';
import { buildAwsApp } from './aws-app';
import { buildGcpApp } from './gcp-app';
import { Cloud, CLOUDS, Tenant } from './registry/tenant';

/** Where each cloud's app is synthesized below the output root: where `cdk deploy` and `cdktf deploy` look. */
export const OUTPUT_DIRS: Readonly<Record<Cloud, string>> = { aws: 'cdk.out', gcp: 'cdktf.out' };

/** Suffix of an output the gate rejected, moved aside for inspection (see `setAside`). */
export const REJECTED_SUFFIX = '.rejected';

export interface SynthOutput {
  readonly awsDir: string;
  readonly gcpDir: string;
}

/** One cloud's synthesized output, written beside its final place and not yet promoted. */
export interface StagedOutput {
  readonly cloud: Cloud;
  /** Where the output was written: `<final>.staged-<pid>`. */
  readonly staged: string;
  /** Where `promote` puts it: `root/cdk.out` or `root/cdktf.out`. */
  readonly final: string;
}

/**
 * Synthesizes the apps of `clouds` into staging folders beside their final place. Nothing a
 * deploy tool reads is touched until the caller promotes them, so an output the gate rejects
 * never reaches `cdk deploy --app cdk.out` or `cdktf deploy`. A failed synth leaves nothing behind.
 */
export function synthStaged(tenants: readonly Tenant[], root: string, clouds: readonly Cloud[] = CLOUDS): StagedOutput[] {
  const outputs = clouds.map((cloud) => {
    const final = path.join(root, OUTPUT_DIRS[cloud]);
    return { cloud, final, staged: `${final}.staged-${process.pid}` };
  });
  fs.mkdirSync(root, { recursive: true });
  try {
    for (const o of outputs) {
      fs.rmSync(o.staged, { recursive: true, force: true });
      (o.cloud === 'aws' ? buildAwsApp : buildGcpApp)(tenants, o.staged).synth();
    }
  } catch (e) {
    for (const o of outputs) fs.rmSync(o.staged, { recursive: true, force: true });
    throw e;
  }
  return outputs;
}

/** Replaces the final output with the staged one (the previous output is removed only once the new one is in place). */
export function promote(o: StagedOutput): string {
  const old = `${o.final}.old-${process.pid}`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(o.final)) fs.renameSync(o.final, old);
  fs.renameSync(o.staged, o.final);
  fs.rmSync(old, { recursive: true, force: true });
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

/** Synthesizes both apps into `root/cdk.out` and `root/cdktf.out`, swapped in only when complete (no gate). */
export function synthEstate(tenants: readonly Tenant[], root: string): SynthOutput {
  const [aws, gcp] = synthStaged(tenants, root, ['aws', 'gcp']).map(promote);
  return { awsDir: aws, gcpDir: gcp };
}
