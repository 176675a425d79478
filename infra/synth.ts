import * as fs from 'fs';
import * as path from 'path';
import { buildAwsApp } from './aws-app';
import { buildGcpApp } from './gcp-app';
import { Tenant } from './registry/tenant';

export interface SynthOutput {
  readonly awsDir: string;
  readonly gcpDir: string;
}

/**
 * Synthesizes both apps into `root/cdk.out` and `root/cdktf.out`. Each is written to a temporary
 * sibling first and swapped in only when complete, so a failed synth never leaves a half-written
 * estate for the gate to pass.
 */
export function synthEstate(tenants: readonly Tenant[], root: string): SynthOutput {
  const awsDir = path.join(root, 'cdk.out');
  const gcpDir = path.join(root, 'cdktf.out');
  const tmpAws = `${awsDir}.tmp-${process.pid}`;
  const tmpGcp = `${gcpDir}.tmp-${process.pid}`;
  try {
    buildAwsApp(tenants, tmpAws).synth();
    buildGcpApp(tenants, tmpGcp).synth();
    swapIn(tmpAws, awsDir);
    swapIn(tmpGcp, gcpDir);
  } finally {
    fs.rmSync(tmpAws, { recursive: true, force: true });
    fs.rmSync(tmpGcp, { recursive: true, force: true });
  }
  return { awsDir, gcpDir };
}

function swapIn(tmp: string, dest: string): void {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
}
