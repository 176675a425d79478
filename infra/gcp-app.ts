import { App } from 'cdktf';
import { loadRegistry } from './registry/load';
import { Tenant } from './registry/tenant';
import { GcpTenantStack } from './stacks/gcp-tenant-stack';

/** The GCP estate: one Terraform stack per GCP tenant per environment. */
export function buildGcpApp(tenants: readonly Tenant[], outdir?: string): App {
  const app = new App({ outdir });
  for (const tenant of tenants.filter((t) => t.cloud === 'gcp')) {
    for (const environment of tenant.environments) new GcpTenantStack(app, tenant, environment);
  }
  return app;
}

// `npx cdktf synth` runs this file (cdktf.json).
if (require.main === module) buildGcpApp(loadRegistry()).synth();
