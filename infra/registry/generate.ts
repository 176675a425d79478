import { RegistryError } from './issues';
import { crossTenantIssues } from './load';
import { Cloud, Tenant, validateTenant } from './tenant';

/** Share of tiers in a generated estate, per 20 tenants: 16 pooled, 3 dedicated, 1 enterprise. */
const TIER_CYCLE = [...Array(16).fill('pooled'), 'dedicated', 'dedicated', 'dedicated', 'enterprise'] as const;
const REGION: Record<Cloud, string> = { gcp: 'europe-west1', aws: 'us-east-1' };
const LLM_CYCLE = [[], ['openai'], ['anthropic'], ['openai', 'anthropic']];

/**
 * A deterministic synthetic estate of `count` tenants on one cloud, for benchmarks and scale tests.
 * Every tenant goes through the registry's validation, so a generated estate is one onboarding
 * could have produced. Dedicated and enterprise tenants get non-overlapping /20 networks from
 * 10.16.0.0 upwards (4,000 fit below 10.255.255.255; the cell keeps 10.0.0.0/16).
 */
export function generateTenants(count: number, cloud: Cloud): Tenant[] {
  if (!Number.isInteger(count) || count < 1 || count > 4000) {
    throw new RangeError(`generateTenants: count must be an integer from 1 to 4000, received ${count}`);
  }
  const tenants: Tenant[] = [];
  let networks = 0;
  for (let i = 0; i < count; i++) {
    const id = `t${String(i).padStart(4, '0')}-${cloud}`;
    const tier = TIER_CYCLE[i % TIER_CYCLE.length];
    const raw: Record<string, unknown> = {
      id,
      name: `Tenant ${i}`,
      tier,
      cloud,
      region: REGION[cloud],
      environments: ['prod', 'staging'],
      retention: { documentDays: [90, 30, 0, 365][i % 4] },
      llm: { subprocessors: LLM_CYCLE[i % LLM_CYCLE.length] },
      edge: { rateLimitPerMinute: 600 + (i % 10) * 60 },
    };
    if (tier !== 'pooled') {
      const n = 16 * 16 + networks++; // skip 10.0.0.0/12: the first /20s stay free for platform use
      raw.network = { cidr: `10.${Math.floor(n / 16)}.${(n % 16) * 16}.0/20` };
    }
    if (tier === 'enterprise') {
      Object.assign(raw, { phi: true, baa: true, retention: { documentDays: 0 } });
      if (cloud === 'aws') {
        const arn = (account: string) => `arn:aws:kms:${REGION.aws}:${account}:key/00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        raw.cmek = { prod: arn('333333333333'), staging: arn('444444444444') };
      }
    }
    const { tenant, issues } = validateTenant(raw, `<generated ${id}>`, id);
    if (!tenant) throw new RegistryError(issues);
    tenants.push(tenant);
  }
  const issues = crossTenantIssues(tenants.map((tenant) => ({ tenant, file: `<generated ${tenant.id}>` })));
  if (issues.length > 0) throw new RegistryError(issues);
  return tenants;
}
