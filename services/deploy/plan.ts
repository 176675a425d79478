import * as fs from 'fs';
import { Cloud } from '../../infra/registry/tenant';
import { sha256 } from '../toolchain/policy-sources';
import { DeployError } from './errors';

/** One stack a deploy will hand to its cloud: what the gate judged, and what must be in place first. */
export interface PlannedStack {
  readonly name: string;
  readonly cloud: Cloud;
  readonly tenant: string | null;
  readonly environment: string | null;
  /** The template (AWS) or Terraform configuration (GCP) the gate judged. */
  readonly file: string;
  /** Its sha256 as the gate read it. */
  readonly sha256: string;
  /** Stacks of the same assembly that must be deployed first (from its manifest). */
  readonly dependsOn: readonly string[];
  /** AWS: the region the assembly deploys it to. */
  readonly region?: string;
  /**
   * GCP: not applied when its plan would create anything (a `-deleting` stack, which turns protection
   * off): what it would create is data destroyed already, which must not come back.
   */
  readonly skipIfCreating?: boolean;
}

/** An artifact that is not byte for byte what the gate judged: the deploy stops, nothing of it reaches the cloud. */
export class ArtifactChangedError extends DeployError {
  constructor(stack: string, file: string, expected: string, actual: string) {
    super(`${stack}: ${file} changed after the gate judged it (sha256 ${actual.slice(0, 12)}, gated ${expected.slice(0, 12)}); re-run the deploy to gate what is there now`);
    this.name = 'ArtifactChangedError';
  }
}

/** sha256 of a template's JSON with keys sorted: the same for every spelling of the same template. */
export function templateDigest(text: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return sha256(JSON.stringify(sort(JSON.parse(text))));
}

/** Re-hashes `file` right before it is handed to the cloud, refuses any difference from `expected`, and returns the bytes it verified. */
export function verifyArtifact(stack: string, file: string, expected: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new DeployError(`${stack}: cannot read ${file} to verify it against the gate: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const actual = sha256(bytes);
  if (actual !== expected) throw new ArtifactChangedError(stack, file, expected, actual);
  return bytes;
}
