import { Environment } from './registry/tenant';

/**
 * Platform-wide settings: where each environment's keys and each tenant's data live.
 * prod and staging never share a project or an account (NET-5).
 */
export const PLATFORM = {
  gcp: {
    /** The environment's dedicated KMS project: keys are never stored beside the data (ENC-4). */
    kmsProject: (env: Environment) => `cdn-kms-${ENV_SUFFIX[env]}`,
    /** The tenant's data project; at most 29 characters for the longest tenant id. */
    dataProject: (tenantId: string, env: Environment) => `cdn-${tenantId}-${ENV_SUFFIX[env]}`,
  },
  aws: {
    account: { prod: '111111111111', staging: '222222222222' } as Record<Environment, string>,
  },
} as const;

const ENV_SUFFIX: Record<Environment, string> = { prod: 'prd', staging: 'stg' };

/** Stack name shared by both clouds: one stack per tenant per environment. */
export function stackName(tenantId: string, env: Environment): string {
  return `${tenantId}-${env}`;
}

/** Labels (GCP) and tags (AWS) put on every tenant resource (TEN-1). */
export function tenantLabels(t: { id: string; tier: string }, env: Environment): Record<string, string> {
  return { tenant: t.id, environment: env, tier: t.tier };
}
