import { StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { pgauditClassesFor } from '../../constructs/props';
import { DocumentBucket } from '../../constructs/aws/document-bucket';
import { FargateService } from '../../constructs/aws/fargate-service';
import { markForDeletion } from '../../constructs/aws/for-deletion';
import { EncryptedLogGroup } from '../../constructs/aws/log-group';
import { PostgresCluster } from '../../constructs/aws/postgres-cluster';
import { SegmentedVpc } from '../../constructs/aws/segmented-vpc';
import { cloudWatchRetentionForYears, partitionOf } from '../../constructs/aws/constants';
import { stackName, tenantDomain, tenantLabels } from '../platform';
import { Environment, Tenant } from '../registry/tenant';
import { AwsCellStack } from './aws-cell-stack';
import { AwsTenantKeysStack } from './aws-keys-stack';
import { AwsStack } from './aws-stack';
import { APP_IMAGE, appImageRepositoryArn, llmEgressDomains, rdsMonitoringRoleArn, tenantOriginHost } from './aws-names';

export interface AwsTenantStackProps extends StackProps {
  readonly tenant: Tenant;
  readonly environment: Environment;
  /** The tenant's key stack in this environment (same account and region). */
  readonly keys: AwsTenantKeysStack;
  /** The pooled cell of the tenant's environment and region; required for pooled tenants, unused otherwise. */
  readonly cell?: AwsCellStack;
}

/**
 * One AWS tenant's data in one environment (`<id>-<env>`): the document bucket, the Aurora PostgreSQL
 * cluster, the tenant's role and its log group, all under the tenant's keys from its key stack
 * (enterprise with CMEK: documents under the customer's key). Pooled tenants put the database in the
 * cell's data tier and their role is assumed by the cell's service; dedicated and enterprise tenants
 * also get their own segmented VPC (NET-2) with a Fargate service behind an ALB.
 * While the tenant is offboarding (its soft-delete window) only the data and its network stay: no
 * service, load balancer or role can reach it (RET-5). Once it is offboarded the stack is built only
 * for the deploy that deletes it: the same data and network, nothing retained or protected.
 */
export class AwsTenantStack extends AwsStack {
  /** Where CloudFront reaches a dedicated tenant's load balancer; undefined for pooled tenants (the cell serves them). */
  readonly originHost?: string;

  constructor(scope: Construct, props: AwsTenantStackProps) {
    const { tenant, environment, keys } = props;
    super(scope, stackName(tenant.id, environment), { ...props, region: tenant.region, labels: tenantLabels(tenant, environment) });
    const pooled = tenant.tier === 'pooled';
    if (pooled && !props.cell) throw new Error(`${this.stackName}: a pooled tenant needs its cell stack`);
    if (tenant.status === 'offboarded') markForDeletion(this);

    const customerKey = tenant.cmek?.[environment];
    const documentsKey = customerKey ? kms.Key.fromKeyArn(this, 'CustomerKey', customerKey) : keys.key('documents');
    const documents = new DocumentBucket(this, 'Documents', {
      tenantId: tenant.id,
      key: documentsKey,
      documentDays: tenant.retention.documentDays,
      softDeleteDays: tenant.retention.softDeleteDays,
    });
    const appLogs = new EncryptedLogGroup(this, 'AppLogs', { key: keys.key('logs'), dataProtection: tenant.phi });

    let network: SegmentedVpc;
    if (pooled) {
      network = props.cell!.network;
    } else {
      network = new SegmentedVpc(this, 'Network', {
        cidr: tenant.network!.cidr,
        availabilityZones: this.availabilityZones,
        flowLogKey: keys.key('logs'),
        flowLogDataProtection: tenant.phi,
        allowedEgressDomains: llmEgressDomains(tenant.llm.subprocessors),
        natGateways: environment === 'prod' ? 2 : 1,
      });
    }
    const database = new PostgresCluster(this, 'Database', {
      tenantId: tenant.id,
      key: keys.key('database'),
      logKey: keys.key('logs'),
      auditLogRetentionDays: cloudWatchRetentionForYears(tenant.retention.auditYears),
      auditLogDataProtection: tenant.phi,
      monitoringRoleArn: rdsMonitoringRoleArn(environment, tenant.region),
      subnetIds: network.vpc.selectSubnets(network.dataSubnets).subnetIds,
      securityGroupIds: [network.dataSecurityGroup.securityGroupId],
      instances: !pooled && environment === 'prod' ? 2 : 1,
      auditStatements: pgauditClassesFor(tenant.phi),
    });

    if (tenant.status !== 'active') return;
    const role = new iam.Role(this, 'TenantRole', {
      description: `cordon ${tenant.id} ${environment}: the tenant's service identity`,
      assumedBy: pooled
        ? new iam.SessionTagsPrincipal(new iam.ArnPrincipal(props.cell!.taskRole.roleArn))
        : new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
            StringEquals: { 'aws:SourceAccount': this.account },
            ArnLike: { 'aws:SourceArn': `arn:${partitionOf(this)}:ecs:${this.region}:${this.account}:*` },
          }),
    });
    documents.bucket.grantReadWrite(role);
    appLogs.logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['rds-db:connect'], resources: [database.connectArn('app')] }));

    if (!pooled) {
      this.originHost = tenantOriginHost(tenant.id, environment);
      const repository = ecr.Repository.fromRepositoryAttributes(this, 'AppRepository', {
        repositoryArn: appImageRepositoryArn(environment),
        repositoryName: APP_IMAGE.repository,
      });
      new FargateService(this, 'Service', {
        vpc: network.vpc,
        lbSubnets: network.webSubnets,
        appSubnets: network.appSubnets,
        lbSecurityGroup: network.lbSecurityGroup,
        appSecurityGroup: network.appSecurityGroup,
        domainName: this.originHost,
        alternativeNames: [tenantDomain(tenant.id, environment)],
        image: ecs.ContainerImage.fromEcrRepository(repository, APP_IMAGE.tag),
        taskRole: role,
        logGroup: appLogs.logGroup,
        wafLogKey: keys.key('logs'),
        wafLogRetentionDays: cloudWatchRetentionForYears(tenant.retention.auditYears),
        wafLogDataProtection: tenant.phi,
        desiredCount: environment === 'prod' ? 2 : 1,
        environment: { CORDON_ENVIRONMENT: environment, CORDON_TENANT: tenant.id, CORDON_TENANCY: tenant.tier },
      });
    }
  }
}
