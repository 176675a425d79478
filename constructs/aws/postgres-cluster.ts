import { CfnDeletionPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { AUDIT_RETENTION_DAYS, checkInteger, checkTenantId, PgauditClass, pgauditLog, PGAUDIT_REQUIRED, PITR_DAYS, PropError } from '../props';
import { cloudWatchRetentionForYears, partitionOf, POSTGRES_PORT } from './constants';
import { EncryptedLogGroup } from './log-group';

export interface PostgresClusterProps {
  readonly tenantId: string;
  /** The tenant's database key: storage, and the master password secret RDS manages (ENC-1, ENC-3). */
  readonly key: kms.IKey;
  /**
   * The key of the log group the statement log is exported to: the tenant's `logs` key (ENC-1).
   */
  readonly logKey: kms.IKey;
  /**
   * The cluster's fixed identifier, so its statement log group (`/aws/rds/cluster/<id>/postgresql`)
   * can be declared before RDS exports into it. Lower-case letters, digits and single hyphens, 1 to
   * 63 characters, starting with a letter. Setting it on an existing cluster replaces the cluster.
   * @default '<tenantId>-db'
   */
  readonly clusterIdentifier?: string;
  /**
   * Days the statement log (pgaudit) is kept in CloudWatch Logs: audit evidence, so at least the
   * tenant's audit contract (`cloudWatchRetentionForYears(retention.auditYears)`, RET-3).
   * @default 2557 (seven years, the shortest CloudWatch retention covering AUDIT_RETENTION_DAYS)
   */
  readonly auditLogRetentionDays?: number;
  /**
   * Data protection policy on the statement log group (EncryptedLogGroup.dataProtection); PHI
   * tenants keep it on (LOG-2).
   * @default true
   */
  readonly auditLogDataProtection?: boolean;
  /**
   * The role RDS assumes to publish enhanced monitoring (OS) metrics to `RDSOSMetrics`: the account and
   * region's `DatabaseMonitoring` role, which also declares that group under a key.
   */
  readonly monitoringRoleArn: string;
  /**
   * Seconds between enhanced monitoring samples of every instance: 1, 5, 10, 15, 30 or 60 (0, off, is
   * refused).
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /** Isolated (data tier) subnets in at least two zones; the cluster gets no public address (NET-4). */
  readonly subnetIds: readonly string[];
  /** Security groups of the data tier (PostgreSQL from the app tier only). */
  readonly securityGroupIds: readonly string[];
  /**
   * Days of automated backups and point-in-time restore (RET-4), from 7 to 35.
   * @default 7 (PITR_DAYS)
   */
  readonly backupRetentionDays?: number;
  /**
   * Aurora PostgreSQL engine version; its major version picks the parameter group family.
   * @default '16.6'
   */
  readonly engineVersion?: string;
  /**
   * Serverless v2 instances in the cluster (the first is the writer), 1 to 15.
   * @default 1
   */
  readonly instances?: number;
  /**
   * Serverless v2 capacity bounds in ACUs, in steps of 0.5 (0 lets an idle cluster pause).
   * @default { min: 0.5, max: 8 }
   */
  readonly capacity?: { readonly min: number; readonly max: number };
  /**
   * Statement classes pgaudit logs (LOG-1), at least ddl, role and write; add read where PHI is kept
   * (`pgauditClassesFor`). Statements are logged without their bound parameters (LOG-2).
   * @default ['ddl', 'role', 'write'] (PGAUDIT_REQUIRED)
   */
  readonly auditStatements?: readonly PgauditClass[];
}

const NAME = 'PostgresCluster';
/** Enhanced monitoring intervals RDS accepts, but 0 (off). */
export const MONITORING_INTERVALS: readonly number[] = [1, 5, 10, 15, 30, 60];
const ENGINE_VERSION = /^(1[3-9])\.\d+$/;
/** RDS cluster identifiers: a letter first, no double or trailing hyphen, at most 63 characters. */
const CLUSTER_IDENTIFIER = /^(?!.*--)[a-z][a-z0-9-]{0,62}(?<!-)$/;

/** The log group RDS exports an Aurora PostgreSQL cluster's `postgresql` log (pgaudit's entries) to. */
export const postgresLogGroupName = (clusterIdentifier: string) => `/aws/rds/cluster/${clusterIdentifier}/postgresql`;

/**
 * A tenant's Aurora PostgreSQL cluster: storage encrypted with the tenant's key, the master password
 * generated and kept by RDS in Secrets Manager under the same key (no secret in the template, IAM-2),
 * IAM database authentication, TLS required (`rds.force_ssl`, TLS 1.2 minimum; TLS-2), 7+ days of
 * point-in-time restore (RET-4), deletion protection, a final snapshot on delete, isolated subnets only.
 * Connections and, through pgaudit, DDL, grants and writes (reads too for PHI) are logged (LOG-1),
 * without bound parameters and with `log_statement` off so no document text reaches a log (LOG-2),
 * and exported to a log group declared here first, under the tenant's logs key and kept by the audit
 * contract (RET-3): left to RDS, the group would have no key and no expiry. Every instance reports OS
 * metrics through enhanced monitoring (`DatabaseMonitoring` holds the role and the metrics group).
 */
export class PostgresCluster extends Construct {
  readonly cluster: rds.CfnDBCluster;
  /** Where the statement log (pgaudit) is exported. */
  readonly auditLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PostgresClusterProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    const backupRetentionDays = props.backupRetentionDays ?? PITR_DAYS;
    checkInteger(NAME, 'backupRetentionDays', backupRetentionDays, PITR_DAYS, 35);
    const engineVersion = props.engineVersion ?? '16.6';
    const major = ENGINE_VERSION.exec(engineVersion);
    if (!major) throw new PropError(NAME, 'engineVersion', 'an Aurora PostgreSQL version MAJOR.MINOR with MAJOR 13 or later, e.g. 16.6', engineVersion);
    const instances = props.instances ?? 1;
    checkInteger(NAME, 'instances', instances, 1, 15);
    const capacity = props.capacity ?? { min: 0.5, max: 8 };
    for (const [field, v] of [['capacity.min', capacity.min], ['capacity.max', capacity.max]] as const) {
      if (!Number.isFinite(v) || v < 0 || v > 256 || (v * 2) % 1 !== 0) throw new PropError(NAME, field, 'a multiple of 0.5 from 0 to 256', v);
    }
    if (capacity.max < Math.max(capacity.min, 1)) throw new PropError(NAME, 'capacity.max', `at least 1 and at least capacity.min (${capacity.min})`, capacity.max);
    if (props.subnetIds.length < 2) throw new PropError(NAME, 'subnetIds', 'isolated subnets in at least two availability zones', props.subnetIds);
    if (props.securityGroupIds.length < 1) throw new PropError(NAME, 'securityGroupIds', 'at least one data-tier security group', props.securityGroupIds);
    const audit = pgauditLog(NAME, props.auditStatements ?? PGAUDIT_REQUIRED);
    const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
    if (!MONITORING_INTERVALS.includes(monitoringInterval)) throw new PropError(NAME, 'monitoringIntervalSeconds', `one of ${MONITORING_INTERVALS.join(' | ')}`, monitoringInterval);
    if (!props.monitoringRoleArn) throw new PropError(NAME, 'monitoringRoleArn', 'the ARN of the enhanced monitoring role (DatabaseMonitoring)', props.monitoringRoleArn);
    const clusterIdentifier = props.clusterIdentifier ?? `${props.tenantId}-db`;
    if (!CLUSTER_IDENTIFIER.test(clusterIdentifier)) {
      throw new PropError(NAME, 'clusterIdentifier', 'lower-case letters, digits and single hyphens, 1 to 63 characters, a letter first and no hyphen last', clusterIdentifier);
    }

    const auditLogRetentionDays = props.auditLogRetentionDays ?? cloudWatchRetentionForYears(AUDIT_RETENTION_DAYS / 365);
    if (auditLogRetentionDays < AUDIT_RETENTION_DAYS) {
      throw new PropError(NAME, 'auditLogRetentionDays', `at least ${AUDIT_RETENTION_DAYS} (seven years of audit evidence, RET-3)`, auditLogRetentionDays);
    }
    this.auditLogGroup = new EncryptedLogGroup(this, 'StatementLog', {
      key: props.logKey,
      logGroupName: postgresLogGroupName(clusterIdentifier),
      retentionDays: auditLogRetentionDays,
      dataProtection: props.auditLogDataProtection,
    }).logGroup;

    const subnetGroup = new rds.CfnDBSubnetGroup(this, 'Subnets', {
      dbSubnetGroupDescription: `cordon ${props.tenantId} database: isolated data-tier subnets`,
      subnetIds: [...props.subnetIds],
    });
    const parameters = new rds.CfnDBClusterParameterGroup(this, 'Parameters', {
      description: `cordon ${props.tenantId} database: TLS required`,
      family: `aurora-postgresql${major[1]}`,
      parameters: {
        'rds.force_ssl': '1',
        ssl_min_protocol_version: 'TLSv1.2',
        log_connections: '1',
        log_disconnections: '1',
        // pgaudit is the statement log; log_statement would repeat statements with their literals.
        shared_preload_libraries: 'pgaudit',
        'pgaudit.log': audit,
        'pgaudit.log_parameter': '0',
        log_statement: 'none',
      },
    });
    this.cluster = new rds.CfnDBCluster(this, 'Cluster', {
      dbClusterIdentifier: clusterIdentifier,
      engine: 'aurora-postgresql',
      engineVersion,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.ref,
      vpcSecurityGroupIds: [...props.securityGroupIds],
      dbClusterParameterGroupName: parameters.ref,
      storageEncrypted: true,
      kmsKeyId: props.key.keyArn,
      masterUsername: 'cordon_admin',
      manageMasterUserPassword: true,
      masterUserSecret: { kmsKeyId: props.key.keyArn },
      enableIamDatabaseAuthentication: true,
      backupRetentionPeriod: backupRetentionDays,
      deletionProtection: true,
      copyTagsToSnapshot: true,
      serverlessV2ScalingConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
      enableCloudwatchLogsExports: ['postgresql'],
    });
    // The group exists, with its key and retention, before RDS would create it on the first export.
    this.cluster.addResourceDependency(this.auditLogGroup.node.defaultChild as logs.CfnLogGroup);
    this.cluster.cfnOptions.deletionPolicy = CfnDeletionPolicy.SNAPSHOT;
    this.cluster.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.SNAPSHOT;
    for (let i = 0; i < instances; i++) {
      const instance = new rds.CfnDBInstance(this, i === 0 ? 'Writer' : `Reader${i}`, {
        engine: 'aurora-postgresql',
        dbClusterIdentifier: this.cluster.ref,
        dbInstanceClass: 'db.serverless',
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        monitoringInterval,
        monitoringRoleArn: props.monitoringRoleArn,
      });
      instance.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE; // the cluster keeps the data and its snapshot
    }
  }

  /** The ARN `rds-db:connect` needs for IAM authentication as `user`. */
  connectArn(user: string): string {
    const s = Stack.of(this);
    return `arn:${partitionOf(s)}:rds-db:${s.region}:${s.account}:dbuser:${this.cluster.attrDbClusterResourceId}/${user}`;
  }
}
