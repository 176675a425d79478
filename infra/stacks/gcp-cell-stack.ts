import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { CloudRunService } from '../../constructs/gcp/cloud-run-service';
import { CryptoKeyRing } from '../../constructs/gcp/crypto-key-ring';
import { HttpsEdge } from '../../constructs/gcp/https-edge';
import { SegmentedNetwork } from '../../constructs/gcp/segmented-network';
import { cellShortSuffix, cellStackName, checkCellTenants, llmProfile } from '../cells';
import { PLATFORM, platformLabels, tenantDomain } from '../platform';
import { Environment, LlmSubprocessor, Tenant } from '../registry/tenant';
import { artifactRegistry, auditBucket } from './gcp-platform-stack';

/**
 * Name of a cell's network (and prefix of its resources) in the environment's cell project:
 * `cell-<region>[-<profile letters>]` (infra/cells.ts), at most 31 characters.
 */
export function cellName(region: string, llm: readonly LlmSubprocessor[]): string {
  return `cell-${region}${cellShortSuffix(llm)}`;
}

/** A service account id has at most 30 characters: a longer cell name gives its runtime account `c-` for `cell-`. */
function runtimeAccountId(name: string): string {
  return name.length <= 30 ? name : `c-${name.slice('cell-'.length)}`;
}

/** Conventional ids of a cell that tenant stacks use instead of cross-stack references. */
export function cellNetwork(env: Environment, region: string, llm: readonly LlmSubprocessor[]): { project: string; network: string; servicesRange: string; runtimeServiceAccount: string } {
  const project = PLATFORM.gcp.cellProject(env);
  const name = cellName(region, llm);
  return {
    project,
    network: `projects/${project}/global/networks/${name}`,
    servicesRange: `${name}-services`,
    runtimeServiceAccount: `${runtimeAccountId(name)}@${project}.iam.gserviceaccount.com`,
  };
}

/** The image every environment's compute runs, from the scanned repository of its region. */
export function appImage(region: string): string {
  return `${artifactRegistry(region).url}/app:release`;
}

/**
 * One environment's pooled cell of one region and LLM profile (`cordon-cell-<env>-<region>[-<profile>]`):
 * the segmented network shared with the pooled tenants' data projects (LLM egress to the hosts of the
 * profile, which each of its tenants chose; none when none is served), private service access for their Cloud
 * SQL instances, the shared Cloud Run service, and one HTTPS edge whose Cloud Armor policy has one
 * rate-based rule per serving pooled tenant, matched on its host name, at its limit (no edge when none
 * serves). Nothing else grows with
 * the number of tenants; each tenant's keys, bucket, database and identity live in its own stack.
 */
export class GcpCellStack extends TerraformStack {
  constructor(scope: Construct, environment: Environment, region: string, llm: readonly LlmSubprocessor[], tenants: readonly Tenant[]) {
    super(scope, cellStackName(environment, region, llm));
    const profile = llmProfile(llm);
    checkCellTenants(cellStackName(environment, region, llm), region, llm, tenants);
    const labels = platformLabels(environment);
    const cell = cellNetwork(environment, region, llm);
    const name = cellName(region, llm);
    new GoogleProvider(this, 'google', { project: cell.project, region });

    // One key ring per cell of the region (`cordon-cell[-<profile letters>]`): key rings of a location share one namespace.
    const keys = new CryptoKeyRing(this, 'keys', { name: `cordon-cell${cellShortSuffix(llm)}`, kmsProject: PLATFORM.gcp.kmsProject(environment), location: region, keys: ['compute'], labels });
    const llmHosts = tenants.length > 0 ? [...new Set(llm.flatMap((s) => PLATFORM.llmHosts[s]))].sort() : [];
    const network = new SegmentedNetwork(this, 'network', { project: cell.project, region, name, cidr: PLATFORM.cellCidr, llmHosts, labels });

    const runtime = new ServiceAccount(this, 'runtime', { project: cell.project, accountId: cell.runtimeServiceAccount.split('@')[0], displayName: `Pooled cell runtime (${region}, LLM: ${profile})` });
    const service = new CloudRunService(this, 'service', {
      project: cell.project,
      region,
      name,
      image: appImage(region),
      serviceAccountEmail: runtime.email,
      kmsKeyName: keys.keys.compute.id,
      vpc: { network: network.network.id, subnetwork: network.subnets.app.id },
      labels,
    });

    // A cell whose pooled tenants are all leaving keeps their network (their databases sit in it) and no entry.
    if (tenants.length === 0) return;
    const sorted = [...tenants].sort((a, b) => a.id.localeCompare(b.id));
    new HttpsEdge(this, 'edge', {
      project: cell.project,
      name,
      domains: sorted.map((t) => tenantDomain(t.id, environment)),
      backend: { cloudRunService: service.service.name, region },
      rateLimits: sorted.map((t) => ({ host: tenantDomain(t.id, environment), perMinute: t.edge.rateLimitPerMinute })),
      requestLogBucket: auditBucket(environment),
      labels,
    });
  }
}
