import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { DocumentBucket } from '../../constructs/gcp/document-bucket';
import { TenantKeyRing } from '../../constructs/gcp/tenant-key-ring';
import { PLATFORM, stackName, tenantLabels } from '../platform';
import { Environment, Tenant } from '../registry/tenant';

/** One GCP tenant in one environment: its key ring in the KMS project, its bucket in its data project. */
export class GcpTenantStack extends TerraformStack {
  constructor(scope: Construct, tenant: Tenant, environment: Environment) {
    super(scope, stackName(tenant.id, environment));
    const labels = tenantLabels(tenant, environment);
    const dataProject = PLATFORM.gcp.dataProject(tenant.id, environment);
    new GoogleProvider(this, 'google', { project: dataProject, region: tenant.region });

    const ring = new TenantKeyRing(this, 'keys', {
      tenantId: tenant.id,
      kmsProject: PLATFORM.gcp.kmsProject(environment),
      location: tenant.region,
      hsm: tenant.tier === 'enterprise',
      labels,
    });
    new DocumentBucket(this, 'documents', {
      tenantId: tenant.id,
      project: dataProject,
      location: tenant.region,
      bucketName: `${dataProject}-documents`,
      // An enterprise customer's own key wins; the customer grants our service agent in their project.
      kmsKeyName: tenant.cmek?.key ?? ring.keys.documents!.id,
      grantKeyToServiceAgent: !tenant.cmek,
      documentDays: tenant.retention.documentDays,
      softDeleteDays: tenant.retention.softDeleteDays,
      labels,
    });
  }
}
