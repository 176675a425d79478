import { App } from 'cdktf';
import { loadRegistry } from './registry/load';
import { ENVIRONMENTS, Tenant } from './registry/tenant';
import { GcpCellStack } from './stacks/gcp-cell-stack';
import { GcpPlatformStack } from './stacks/gcp-platform-stack';
import { GcpTenantStack } from './stacks/gcp-tenant-stack';

/**
 * The GCP estate: per environment the platform stack (keys, audit bucket, artifacts), one cell stack per
 * region with pooled tenants, and one stack per GCP tenant per environment. Stacks name each other by
 * convention (infra/platform.ts, gcp-platform-stack.ts, gcp-cell-stack.ts), never by cross-stack reference.
 */
export function buildGcpApp(tenants: readonly Tenant[], outdir?: string): App {
  const app = new App({ outdir });
  const gcp = tenants.filter((t) => t.cloud === 'gcp');
  for (const environment of ENVIRONMENTS) {
    const here = gcp.filter((t) => t.environments.includes(environment));
    if (here.length === 0) continue;
    new GcpPlatformStack(app, environment, [...new Set(gcp.map((t) => t.region))]);
    const pooledByRegion = new Map<string, Tenant[]>();
    for (const t of here.filter((t) => t.tier === 'pooled')) pooledByRegion.set(t.region, [...(pooledByRegion.get(t.region) ?? []), t]);
    for (const [region, pooled] of [...pooledByRegion].sort(([a], [b]) => a.localeCompare(b))) new GcpCellStack(app, environment, region, pooled);
  }
  for (const tenant of gcp) {
    for (const environment of tenant.environments) new GcpTenantStack(app, tenant, environment);
  }
  return app;
}

// `npx cdktf synth` runs this file (cdktf.json).
if (require.main === module) buildGcpApp(loadRegistry()).synth();
