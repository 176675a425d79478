import { StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FargateService } from '../../constructs/aws/fargate-service';
import { EncryptedLogGroup } from '../../constructs/aws/log-group';
import { SegmentedVpc } from '../../constructs/aws/segmented-vpc';
import { cloudWatchRetentionForYears, partitionOf } from '../../constructs/aws/constants';
import { AUDIT_RETENTION_DAYS } from '../../constructs/props';
import { cellStackName, checkCellTenants, llmProfile } from '../cells';
import { platformLabels, PLATFORM } from '../platform';
import { Environment, LlmSubprocessor, Tenant } from '../registry/tenant';
import { AwsPlatformKeysStack } from './aws-keys-stack';
import { AwsStack } from './aws-stack';
import { APP_IMAGE, appImageRepositoryArn, cellOriginHost, environmentDomain, llmEgressDomains } from './aws-names';

export interface AwsCellStackProps extends StackProps {
  readonly environment: Environment;
  readonly region: string;
  /** The cell's LLM profile: the sub-processors each of its tenants chose. */
  readonly llm: readonly LlmSubprocessor[];
  /** The active pooled AWS tenants of this environment, region and LLM profile; none when all are leaving. */
  readonly tenants: readonly Tenant[];
  /** The platform keys of this environment and region (`logs`). */
  readonly keys: AwsPlatformKeysStack;
}

/**
 * The pooled cell of an environment, a region and an LLM profile (`cordon-cell-<env>-<region>[-<profile>]`,
 * infra/cells.ts): the segmented network
 * (PLATFORM.cellCidr) and the shared compute of pooled tenants — an ECS cluster, a Fargate service and
 * its ALB. Tenants keep their own keys, buckets, databases (in this VPC's data tier) and roles in their
 * own stacks; the cell's task role may only assume roles tagged `tier=pooled` of this environment.
 * LLM egress reaches the hosts of the profile, which every tenant of the cell chose (TEN-3), and none
 * when no tenant is served; a tenant of another profile is refused, so no neighbour widens its egress.
 */
export class AwsCellStack extends AwsStack {
  readonly network: SegmentedVpc;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, props: AwsCellStackProps) {
    const { environment, region, llm } = props;
    const profile = llmProfile(llm);
    super(scope, cellStackName(environment, region, llm), { ...props, labels: platformLabels(environment) });
    checkCellTenants(this.stackName, region, llm, props.tenants);
    const logsKey = props.keys.key('logs');
    this.network = new SegmentedVpc(this, 'Network', {
      cidr: PLATFORM.cellCidr,
      availabilityZones: this.availabilityZones,
      flowLogKey: logsKey,
      allowedEgressDomains: props.tenants.length > 0 ? llmEgressDomains(llm) : [],
    });

    this.taskRole = new iam.Role(this, 'TaskRole', {
      description: 'cordon pooled cell service: assumes the role of the tenant a request belongs to',
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': this.account },
        ArnLike: { 'aws:SourceArn': `arn:${partitionOf(this)}:ecs:${region}:${this.account}:*` },
      }),
    });
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumePooledTenantRolesOfThisEnvironment',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [`arn:${partitionOf(this)}:iam::${this.account}:role/*`],
        conditions: { StringEquals: { 'aws:ResourceTag/tier': 'pooled', 'aws:ResourceTag/environment': environment } },
      }),
    );

    // What pooled tenants' stacks import, exported whether or not one of them is built: the cell's
    // template is then the same when a synthesis reuses their units (infra/units.ts) as when it builds them.
    for (const subnet of this.network.vpc.selectSubnets(this.network.dataSubnets).subnetIds) this.exportValue(subnet);
    this.exportValue(this.network.dataSecurityGroup.securityGroupId);
    this.exportValue(this.taskRole.roleArn);

    const logs = new EncryptedLogGroup(this, 'ServiceLogs', { key: logsKey });
    const repository = ecr.Repository.fromRepositoryAttributes(this, 'AppRepository', {
      repositoryArn: appImageRepositoryArn(environment),
      repositoryName: APP_IMAGE.repository,
    });
    new FargateService(this, 'Service', {
      vpc: this.network.vpc,
      lbSubnets: this.network.webSubnets,
      appSubnets: this.network.appSubnets,
      lbSecurityGroup: this.network.lbSecurityGroup,
      appSecurityGroup: this.network.appSecurityGroup,
      domainName: cellOriginHost(environment, region, profile),
      alternativeNames: [`*.${environmentDomain(environment)}`],
      image: ecs.ContainerImage.fromEcrRepository(repository, APP_IMAGE.tag),
      taskRole: this.taskRole,
      logGroup: logs.logGroup,
      wafLogKey: logsKey,
      wafLogRetentionDays: cloudWatchRetentionForYears(Math.max(AUDIT_RETENTION_DAYS / 365, ...props.tenants.map((t) => t.retention.auditYears))),
      environment: { CORDON_ENVIRONMENT: environment, CORDON_TENANCY: 'pooled' },
    });
  }
}
