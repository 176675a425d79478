import { App, CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PlatformKeyPurpose } from '../constructs/aws/platform-key';
import { CordonValidationPlugin } from '../services/plugins/cdk-validation';
import { cellKey, pooledCells } from './cells';
import { PLATFORM } from './platform';
import { loadRegistry } from './registry/load';
import { ENVIRONMENTS, Tenant } from './registry/tenant';
import { AwsCellStack } from './stacks/aws-cell-stack';
import { AwsPlatformEdgeStack, AwsTenantEdgeStack } from './stacks/aws-edge-stack';
import { AwsPlatformKeysStack, AwsTenantKeysStack } from './stacks/aws-keys-stack';
import { AwsPlatformStack } from './stacks/aws-platform-stack';
import { AwsTenantStack } from './stacks/aws-tenant-stack';
import { AppBuild, buildUnit } from './units';

/**
 * The AWS estate, per environment (prod and staging live in different accounts and share no network
 * or key, NET-5), only for environments some AWS tenant uses:
 * - platform: `cordon-keys-<env>` (audit, registry and logs keys) in the home region, and
 *   `cordon-keys-<env>-<region>` (logs) in every other region; `cordon-platform-<env>-<region>` in every
 *   region holding tenants (GuardDuty; in the home region also the trail, audit bucket and registry);
 * - `cordon-cell-<env>-<region>[-<profile>]` per region and LLM profile with pooled tenants (infra/cells.ts),
 *   `cordon-edge-<env>` in front of them;
 * - per tenant `<id>-<env>-keys` and `<id>-<env>`, plus `<id>-<env>-edge` for dedicated/enterprise;
 *   an offboarding tenant keeps its keys and data stack (no compute, edge or cell entry), an offboarded
 *   one only its shredded keys, and, when it is in `deleting`, its data stack marked for deletion
 *   (the deploy then removes it, then the keys).
 * Every stack has an explicit account and region and every VPC explicit zones: no context lookups.
 * CloudFormation's built-in validation is off (it costs ~5x synth time and memory); the cordon gate
 * checks every template instead. Analytics metadata is off: it adds a resource to every stack.
 * The tenants in `reused` get no stacks: their units come from an earlier output (infra/units.ts).
 */
export function buildAwsApp(tenants: readonly Tenant[], { outdir, reused = new Set(), deleting = new Set() }: AppBuild = {}): App {
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    analyticsReporting: false,
    // Cross-stack references (keys -> data, cell -> pooled tenants) stay CloudFormation exports/imports:
    // a producer cannot drop a key or subnet a consumer still uses. Said explicitly, so synth does not warn.
    // Path metadata (`aws:cdk:path` on each resource) is what `cdk synth` adds by default: findings name the construct.
    context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', 'aws:cdk:enable-path-metadata': true },
  });
  const aws = tenants.filter((t) => t.cloud === 'aws');
  const home = PLATFORM.aws.homeRegion;
  for (const environment of ENVIRONMENTS) {
    const inEnv = aws.filter((t) => t.environments.includes(environment));
    if (inEnv.length === 0) continue;
    // A cell stays while a pooled tenant's data sits in it; only active tenants get its egress and edge.
    const pooled = pooledCells(aws, environment, deleting);
    const regions = [...new Set([home, ...inEnv.map((t) => t.region)])].sort();

    const platformKeys = new Map<string, AwsPlatformKeysStack>();
    for (const region of regions) {
      // `logs` encrypts the region's RDSOSMetrics group, a cell's logs, and in the home region the pooled edge's request logs.
      const purposes: PlatformKeyPurpose[] = region === home ? ['audit', 'registry', 'logs'] : ['logs'];
      platformKeys.set(region, new AwsPlatformKeysStack(app, { environment, region, purposes }));
    }
    const platforms = new Map(regions.map((region) => [region, new AwsPlatformStack(app, { environment, region, keys: platformKeys.get(region)! })]));

    const cells = new Map<string, AwsCellStack>();
    for (const [key, { region, llm, serving }] of pooled) {
      cells.set(key, new AwsCellStack(app, { environment, region, llm, tenants: serving, keys: platformKeys.get(region)! }));
    }
    for (const tenant of inEnv) {
      if (reused.has(tenant.id)) continue;
      buildUnit(app, tenant.id, () => {
        const keys = new AwsTenantKeysStack(app, { tenant, environment });
        // A dedicated tenant's edge lives in the home region; its logs key stays (and is shredded) with the others.
        const edgeKeys = tenant.tier === 'pooled' || tenant.region === home ? keys : new AwsTenantKeysStack(app, { tenant, environment, region: home });
        if (tenant.status === 'offboarded' && !deleting.has(tenant.id)) return;
        const data = new AwsTenantStack(app, { tenant, environment, keys, cell: tenant.tier === 'pooled' ? cells.get(cellKey(tenant)) : undefined });
        data.addStackDependency(platforms.get(tenant.region)!, 'the RDS monitoring role and RDSOSMetrics group exist first');
        if (tenant.tier !== 'pooled' && tenant.status === 'active') {
          new AwsTenantEdgeStack(app, { tenant, environment, logKey: edgeKeys.key('logs') }).addStackDependency(data, 'the origin ALB exists first');
        }
      });
    }
    // The pooled edge fronts the cells that still serve someone.
    const served = [...pooled].filter(([, c]) => c.serving.length > 0);
    if (served.length > 0) {
      const edge = new AwsPlatformEdgeStack(app, { environment, cells: served.map(([, c]) => c), logKey: platformKeys.get(home)!.key('logs') });
      for (const [key] of served) edge.addStackDependency(cells.get(key)!, 'the cell ALBs exist first');
    }
  }
  return app;
}

/** The AWS app's builder, and its resources: what findings are on, whose creation infra/sources.ts records. */
export const AWS_APP = { build: buildAwsApp, isResource: (c: IConstruct) => c instanceof CfnResource };

// `npx cdk synth` runs this file (cdk.json); the CLI passes the output folder in CDK_OUTDIR. The cordon
// gate runs as a validation plugin, so a violation fails plain `cdk synth`. (`cordon check` gates
// the synthesized files itself and does not add the plugin.)
if (require.main === module) {
  const app = buildAwsApp(loadRegistry());
  Validations.of(app).addPlugins(new CordonValidationPlugin());
  app.synth();
}
