import { App, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { synthAndGate } from '../services/plugins/cdktf-gate';
import { loadRegistry } from './registry/load';
import { ENVIRONMENTS, Tenant } from './registry/tenant';
import { cellKey, pooledCells } from './cells';
import { GcpCellStack } from './stacks/gcp-cell-stack';
import { GcpPlatformStack } from './stacks/gcp-platform-stack';
import { GcpTenantStack } from './stacks/gcp-tenant-stack';
import { AppBuild, buildUnit } from './units';

/**
 * The GCP estate: per environment the platform stack (keys, audit bucket, artifacts), one cell stack per
 * region and LLM profile with pooled tenants (infra/cells.ts), and one stack per GCP tenant per environment. Stacks name each other by
 * convention (infra/platform.ts, gcp-platform-stack.ts, gcp-cell-stack.ts), never by cross-stack reference.
 * The tenants in `reused` get no stacks: their units come from an earlier output (infra/units.ts); a
 * tenant in `deleting` also gets its `-deleting` stack, applied before its tombstone (GcpTenantStack).
 */
export function buildGcpApp(tenants: readonly Tenant[], { outdir, reused = new Set(), deleting = new Set() }: AppBuild = {}): App {
  return withoutTokenStackTraces(() => build(tenants, outdir, reused, deleting));
}

function build(tenants: readonly Tenant[], outdir: string | undefined, reused: ReadonlySet<string>, deleting: ReadonlySet<string>): App {
  const app = new FastApp({ outdir, stackTraces: false });
  const gcp = tenants.filter((t) => t.cloud === 'gcp');
  for (const environment of ENVIRONMENTS) {
    const here = gcp.filter((t) => t.environments.includes(environment));
    if (here.length === 0) continue;
    const platform = new GcpPlatformStack(app, environment, [...new Set(gcp.map((t) => t.region))]);
    // A cell stays while a pooled tenant's data sits in it; only active tenants get its egress and edge.
    const cells = new Map<string, GcpCellStack>();
    for (const [key, { region, llm, serving }] of pooledCells(gcp, environment, deleting)) {
      cells.set(key, new GcpCellStack(app, environment, region, llm, serving));
      cells.get(key)!.addDependency(platform);
    }
    // Stacks find each other by conventional ids, not references: the dependencies are declared so a
    // deploy applies the platform before the cells and the cells before their tenants (manifest.json).
    for (const tenant of here) {
      if (reused.has(tenant.id)) continue;
      const after = (tenant.tier === 'pooled' && cells.get(cellKey(tenant))) || platform;
      buildUnit(app, tenant.id, () => {
        const stack = new GcpTenantStack(app, tenant, environment);
        stack.addDependency(after);
        // Deleting (AppBuild): its data's protection is turned off by an apply just before the tombstone's.
        if (tenant.status !== 'offboarded' || !deleting.has(tenant.id)) return;
        const forDeletion = new GcpTenantStack(app, tenant, environment, { forDeletion: true });
        forDeletion.addDependency(after);
        stack.addDependency(forDeletion);
      });
    }
  }
  return app;
}

/** The GCP app's builder, and its resources: what findings are on, whose creation infra/sources.ts records. */
export const GCP_APP = { build: buildGcpApp, isResource: (c: IConstruct) => c instanceof TerraformResource };

/**
 * cdktf records a full stack trace (unbounded depth) for every token it creates, only to show it when a
 * token fails to resolve. Building and synthesizing 2,000 stacks made hundreds of thousands of them and
 * spent most of its time there (and far more under ts-node's source-map-support). While the estate is
 * built and synthesized, `Error.captureStackTrace` does nothing, so those traces are empty; errors keep
 * their own native stack, and the original function is restored afterwards, also on failure.
 */
function withoutTokenStackTraces<T>(fn: () => T): T {
  const previous = Error.captureStackTrace;
  Error.captureStackTrace = () => undefined;
  try {
    return fn();
  } finally {
    Error.captureStackTrace = previous;
  }
}

/** An App whose synth skips the token stack traces too (Lazy values are created while synthesizing). */
class FastApp extends App {
  override synth(): void {
    withoutTokenStackTraces(() => super.synth());
  }
}

// `npx cdktf synth` runs this file (cdktf.json); the gate runs right after, so a violation fails the synth.
if (require.main === module) synthAndGate(buildGcpApp(loadRegistry()));
