import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DocumentBucket } from '../../constructs/aws/document-bucket';
import { TenantKey } from '../../constructs/aws/tenant-key';
import { stackName, tenantLabels, PLATFORM } from '../platform';
import { Environment, Tenant } from '../registry/tenant';

export interface AwsTenantStackProps extends StackProps {
  readonly tenant: Tenant;
  readonly environment: Environment;
}

/** One AWS tenant in one environment: its document key and its document bucket. */
export class AwsTenantStack extends Stack {
  constructor(scope: Construct, props: AwsTenantStackProps) {
    const { tenant, environment } = props;
    super(scope, stackName(tenant.id, environment), {
      ...props,
      env: { account: PLATFORM.aws.account[environment], region: tenant.region },
    });
    const key = new TenantKey(this, 'DocumentsKey', { tenantId: tenant.id, purpose: 'documents' });
    new DocumentBucket(this, 'Documents', {
      tenantId: tenant.id,
      key: key.key,
      documentDays: tenant.retention.documentDays,
      softDeleteDays: tenant.retention.softDeleteDays,
    });
    for (const [k, v] of Object.entries(tenantLabels(tenant, environment))) Tags.of(this).add(k, v);
  }
}
