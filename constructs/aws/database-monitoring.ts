import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS, PropError } from '../props';
import { partitionOf } from './constants';
import { EncryptedLogGroup } from './log-group';

/** The log group RDS writes every instance's enhanced monitoring (OS) metrics of an account and region to. */
export const RDS_OS_METRICS_LOG_GROUP = 'RDSOSMetrics';

export interface DatabaseMonitoringProps {
  /** The key of the `RDSOSMetrics` log group: the platform's `logs` key of the region (ENC-1). */
  readonly key: kms.IKey;
  /**
   * Name of the role RDS assumes to publish the metrics. Roles are global to the account, so the
   * name carries the region; database stacks build its ARN from the name (`rdsMonitoringRoleArn`).
   */
  readonly roleName: string;
  /**
   * Days the OS metrics are kept: operational data, not audit evidence.
   * @default 365 (LOG_RETENTION_DAYS)
   */
  readonly retentionDays?: number;
}

const NAME = 'DatabaseMonitoring';
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * What RDS enhanced monitoring needs once per account and region: the `RDSOSMetrics` log group,
 * declared with the platform's key and a retention before any instance writes to it (left to RDS it
 * has no customer key and never expires), and the role RDS assumes to publish there, trusted by the
 * monitoring service of this account only. Deploy it once per account and region (a platform stack):
 * a second declaration of the group would collide.
 */
export class DatabaseMonitoring extends Construct {
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: DatabaseMonitoringProps) {
    super(scope, id);
    if (!ROLE_NAME.test(props.roleName)) throw new PropError(NAME, 'roleName', `an IAM role name matching ${ROLE_NAME.source}`, props.roleName);
    const s = Stack.of(this);
    this.logGroup = new EncryptedLogGroup(this, 'OsMetrics', {
      key: props.key,
      logGroupName: RDS_OS_METRICS_LOG_GROUP,
      retentionDays: props.retentionDays ?? LOG_RETENTION_DAYS,
      // OS metrics and process names: no personal or document data to mask.
      dataProtection: false,
    }).logGroup;
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'RDS enhanced monitoring: publishes OS metrics to RDSOSMetrics',
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': s.account } }),
      managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(this, 'Policy', `arn:${partitionOf(s)}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`)],
    });
  }
}
