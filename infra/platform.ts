import type { Environment, LlmSubprocessor } from './registry/tenant';

const ENV_SUFFIX: Record<Environment, string> = { prod: 'prd', staging: 'stg' };

/**
 * Platform-wide settings: where each environment's keys, audit logs, shared cell and each tenant's
 * data live. prod and staging never share a project, an account, a network or a key (NET-5).
 */
export const PLATFORM = {
  /** Public DNS zone under which every tenant gets its entry point. */
  domain: 'cordon.example',
  gcp: {
    /** The environment's dedicated KMS project: keys are never stored beside the data (ENC-4). */
    kmsProject: (env: Environment) => `cdn-kms-${ENV_SUFFIX[env]}`,
    /** The environment's central audit project, holding the locked audit log bucket (LOG-1, RET-3). */
    auditProject: (env: Environment) => `cdn-audit-${ENV_SUFFIX[env]}`,
    /** Id of the locked log bucket in the audit project. */
    auditBucket: 'audit',
    /** The environment's pooled cell: shared network and compute of pooled tenants in a region. */
    cellProject: (env: Environment) => `cdn-cell-${ENV_SUFFIX[env]}`,
    /** The tenant's data project; at most 29 characters for the longest tenant id. */
    dataProject: (tenantId: string, env: Environment) => `cdn-${tenantId}-${ENV_SUFFIX[env]}`,
    /** Container images for every environment's compute, scanned on push (OPS-1). */
    artifactRegistry: (region: string) => `${region}-docker.pkg.dev/cdn-artifacts/cordon`,
    /** Who may request and who approves a production access grant (IAM-1). Groups, never users. */
    pam: { requesters: ['group:sre@cordon.example'], approvers: ['group:prod-approvers@cordon.example'] },
  },
  aws: {
    account: { prod: '111111111111', staging: '222222222222' } as Record<Environment, string>,
    /** Region of the account-wide services (CloudTrail, audit bucket) and of every CloudFront edge: CloudFront's WAF and certificates live only there. */
    homeRegion: 'us-east-1',
  },
  /** Address range of every pooled cell's network (cells of one region are separate, unpeered networks); no tenant network may use it. */
  cellCidr: '10.0.0.0/16',
  /** Hosts each LLM sub-processor is reached at; egress to them exists only where a tenant allows it (TEN-3). */
  llmHosts: { openai: ['api.openai.com'], anthropic: ['api.anthropic.com'] } as Record<LlmSubprocessor, readonly string[]>,
  /** One letter per sub-processor, distinct: the short form of a cell's LLM profile in GCP names (infra/cells.ts). */
  llmCodes: { openai: 'o', anthropic: 'a' } as Record<LlmSubprocessor, string>,
} as const;

/** Tenant ids may not start with this: platform stacks are named `cordon-<kind>-<env>[-<region>]`. */
export const RESERVED_ID_PREFIX = 'cordon';

/** Stack name shared by both clouds: one stack per tenant per environment. */
export function stackName(tenantId: string, env: Environment): string {
  return `${tenantId}-${env}`;
}

/** The GCP stack that deletes what the tombstone `name` no longer holds (GcpTenantStack forDeletion). */
export const deletingStackName = (name: string) => `${name}-deleting`;

/** Name of a platform stack (`kind` e.g. `platform`, `cell`, `keys`), optionally per region. */
export function platformStackName(kind: string, env: Environment, region?: string): string {
  return [RESERVED_ID_PREFIX, kind, env, region].filter(Boolean).join('-');
}

/** The public host name of a tenant in an environment; staging lives under its own sub-domain. */
export function tenantDomain(tenantId: string, env: Environment): string {
  return env === 'prod' ? `${tenantId}.${PLATFORM.domain}` : `${tenantId}.staging.${PLATFORM.domain}`;
}

/** Labels (GCP) and tags (AWS) put on every tenant resource (TEN-1). */
export function tenantLabels(t: { id: string; tier: string }, env: Environment): Record<string, string> {
  return { tenant: t.id, environment: env, tier: t.tier };
}

/** Labels and tags of platform resources: no tenant, tier `platform`. */
export function platformLabels(env: Environment): Record<string, string> {
  return { environment: env, tier: 'platform' };
}
