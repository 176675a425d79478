import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { ComputeSharedVpcHostProject } from '@cdktf/provider-google/lib/compute-shared-vpc-host-project';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ArtifactRepository } from '../../constructs/gcp/artifact-repository';
import { AuditLogBucket } from '../../constructs/gcp/audit-log-bucket';
import { CryptoKeyRing } from '../../constructs/gcp/crypto-key-ring';
import { PLATFORM, platformLabels, platformStackName } from '../platform';
import { Environment } from '../registry/tenant';

/**
 * Location of every environment's audit log bucket and of the key that encrypts it. Cloud Logging has no
 * CMEK for `global` log buckets and wants the key in the bucket's location, so both sit in one region;
 * every tenant project's sink writes there whatever the tenant's region (the Log Router is global).
 */
export const GCP_AUDIT_LOCATION = 'europe-west1';
/** Name of the platform's key rings in each environment's KMS project (tenant ids cannot start with `cordon`). */
export const PLATFORM_KEY_RING = 'cordon-platform';

/**
 * Conventional ids other stacks use instead of cdktf cross-stack references: a reference would add
 * remote-state plumbing between every tenant stack and the platform stacks (thousands of stacks).
 */
export function auditBucket(env: Environment): { project: string; location: string; bucketId: string } {
  return { project: PLATFORM.gcp.auditProject(env), location: GCP_AUDIT_LOCATION, bucketId: PLATFORM.gcp.auditBucket };
}

/** Splits PLATFORM.gcp.artifactRegistry(region) (`REGION-docker.pkg.dev/PROJECT/REPO`) into its parts. */
export function artifactRegistry(region: string): { project: string; repositoryId: string; url: string } {
  const url = PLATFORM.gcp.artifactRegistry(region);
  const [, project, repositoryId] = url.split('/');
  return { project, repositoryId, url };
}

/**
 * One environment's platform: the platform key rings in the environment's KMS project, the locked,
 * CMEK-encrypted central audit log bucket (LOG-1, RET-3), the cell project enabled as a Shared VPC host,
 * and, in prod only, the scanned Artifact Registry repositories (OPS-1). PLATFORM names one repository per
 * region for every environment (images are built once and promoted), so only the prod stack owns them.
 */
export class GcpPlatformStack extends TerraformStack {
  constructor(scope: Construct, environment: Environment, regions: readonly string[]) {
    super(scope, platformStackName('platform', environment));
    const labels = platformLabels(environment);
    const kmsProject = PLATFORM.gcp.kmsProject(environment);
    const audit = auditBucket(environment);
    new GoogleProvider(this, 'google', { project: audit.project, region: audit.location });

    const artifactRegions = environment === 'prod' ? [...new Set(regions)].sort() : [];
    const keysByLocation = new Map<string, string[]>([[GCP_AUDIT_LOCATION, ['audit-logs']]]);
    for (const region of artifactRegions) keysByLocation.set(region, [...(keysByLocation.get(region) ?? []), 'artifacts']);
    const rings = new Map<string, CryptoKeyRing>();
    for (const [location, keys] of keysByLocation) {
      rings.set(location, new CryptoKeyRing(this, `keys-${location}`, { name: PLATFORM_KEY_RING, kmsProject, location, keys, labels }));
    }

    new AuditLogBucket(this, 'audit', {
      project: audit.project,
      location: audit.location,
      bucketId: audit.bucketId,
      kmsKeyName: rings.get(GCP_AUDIT_LOCATION)!.keys['audit-logs'].id,
    });

    // The cell project shares its regional cell networks with pooled tenants' data projects.
    new ComputeSharedVpcHostProject(this, 'cell-shared-vpc-host', { project: PLATFORM.gcp.cellProject(environment) });

    artifactRegions.forEach((region, i) => {
      const registry = artifactRegistry(region);
      new ArtifactRepository(this, `artifacts-${region}`, {
        project: registry.project,
        location: region,
        repositoryId: registry.repositoryId,
        kmsKeyName: rings.get(region)!.keys.artifacts.id,
        enableScanningApi: i === 0,
        grantKeyToServiceAgent: true,
        labels,
      });
    });
  }
}
