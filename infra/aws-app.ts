import { App } from 'aws-cdk-lib';
import { loadRegistry } from './registry/load';
import { Tenant } from './registry/tenant';
import { AwsTenantStack } from './stacks/aws-tenant-stack';

/**
 * The AWS estate: one stack per AWS tenant per environment. CloudFormation's built-in validation is
 * off (it costs ~5x synth time and memory); the cordon gate checks every template instead.
 */
export function buildAwsApp(tenants: readonly Tenant[], outdir?: string): App {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  for (const tenant of tenants.filter((t) => t.cloud === 'aws')) {
    for (const environment of tenant.environments) new AwsTenantStack(app, { tenant, environment });
  }
  return app;
}

// `npx cdk synth` runs this file (cdk.json); the CLI passes the output folder in CDK_OUTDIR.
if (require.main === module) buildAwsApp(loadRegistry()).synth();
