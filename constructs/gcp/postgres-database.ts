import { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { checkOneOf, checkTenantId, PgauditClass, pgauditLog, PGAUDIT_REQUIRED, PITR_DAYS, PropError } from '../props';
import { checkNonEmpty, checkProject, grantKeyUse, serviceAgentMember } from './service-agents';

export const POSTGRES_EDITIONS = ['ENTERPRISE', 'ENTERPRISE_PLUS'] as const;
/** Days of transaction logs each edition keeps at most. */
const MAX_LOG_DAYS: Record<(typeof POSTGRES_EDITIONS)[number], number> = { ENTERPRISE: 7, ENTERPRISE_PLUS: 35 };

export interface PostgresDatabaseProps {
  readonly tenantId: string;
  /** The tenant's data project. */
  readonly project: string;
  readonly region: string;
  /** Instance name, unique in the project. */
  readonly name: string;
  /** The tenant's database key. Required: no Google-managed default (ENC-1). */
  readonly kmsKeyName: string;
  /**
   * The VPC the instance gets its private IP on, as an id (`projects/P/global/networks/N`): the
   * tenant's own network, or the cell's for pooled tenants. There is never a public IP (NET-4).
   */
  readonly privateNetwork: string;
  /** Name of the network's reserved private-services range. @default the range Service Networking picks */
  readonly allocatedIpRange?: string;
  /** @default 'POSTGRES_16' */
  readonly databaseVersion?: string;
  /** @default 'ENTERPRISE' */
  readonly edition?: (typeof POSTGRES_EDITIONS)[number];
  /** @default 'db-custom-2-7680' */
  readonly machineTier?: string;
  /** @default 'REGIONAL' (a standby in a second zone) */
  readonly availabilityType?: 'REGIONAL' | 'ZONAL';
  /** Days of transaction logs kept for point-in-time recovery (RET-4). @default 7; from 7 to 7 (ENTERPRISE) or 35 (ENTERPRISE_PLUS) */
  readonly pointInTimeRecoveryDays?: number;
  /**
   * Grant this project's Cloud SQL service agent encrypt/decrypt on the key. Turn off only when the
   * grant is made elsewhere.
   * @default true
   */
  readonly grantKeyToServiceAgent?: boolean;
  /**
   * Statement classes pgaudit logs (LOG-1), at least ddl, role and write; add read where PHI is kept
   * (`pgauditClassesFor`). Statements are logged without their bound parameters (LOG-2).
   * @default ['ddl', 'role', 'write'] (PGAUDIT_REQUIRED)
   */
  readonly auditStatements?: readonly PgauditClass[];
  /** @default {} */
  readonly labels?: Record<string, string>;
  /**
   * The owner is offboarded and the instance is to be destroyed: deletion protection off, in Terraform
   * and in Cloud SQL, so that Terraform can (the provider refuses to destroy a protected instance, and
   * reads the setting from state: it must be applied first). @default false
   */
  readonly forDeletion?: boolean;
}

const NAME = 'PostgresDatabase';
const INSTANCE_NAME = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * A tenant's Cloud SQL for PostgreSQL instance: private IP only (NET-4), encrypted with the tenant's key
 * (ENC-1), TLS required for every connection (`ENCRYPTED_ONLY`, TLS-2), daily backups with point-in-time
 * recovery over 7 days of transaction logs (RET-4), IAM authentication and connection logging, and
 * deletion protection both in Terraform and in the Cloud SQL API. pgaudit logs DDL, grants and writes
 * (reads too for PHI) as data-access audit logs, which the project's audit sink carries (LOG-1),
 * without bound parameters and with `log_statement` off so no document text reaches a log (LOG-2).
 */
export class PostgresDatabase extends Construct {
  readonly instance: SqlDatabaseInstance;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    checkProject(NAME, 'project', props.project);
    checkNonEmpty(NAME, 'region', props.region, 'a region name');
    if (!INSTANCE_NAME.test(props.name ?? '')) throw new PropError(NAME, 'name', `an instance name matching ${INSTANCE_NAME.source}`, props.name);
    checkNonEmpty(NAME, 'kmsKeyName', props.kmsKeyName, 'the name of a Cloud KMS key');
    checkNonEmpty(NAME, 'privateNetwork', props.privateNetwork, 'a VPC id (projects/P/global/networks/N)');
    const edition = props.edition ?? 'ENTERPRISE';
    checkOneOf(NAME, 'edition', edition, POSTGRES_EDITIONS);
    const availabilityType = props.availabilityType ?? 'REGIONAL';
    checkOneOf(NAME, 'availabilityType', availabilityType, ['REGIONAL', 'ZONAL']);
    const pitrDays = props.pointInTimeRecoveryDays ?? PITR_DAYS;
    if (!Number.isInteger(pitrDays) || pitrDays < PITR_DAYS || pitrDays > MAX_LOG_DAYS[edition]) {
      throw new PropError(NAME, 'pointInTimeRecoveryDays', `an integer from ${PITR_DAYS} to ${MAX_LOG_DAYS[edition]} (edition ${edition})`, pitrDays);
    }
    const audit = pgauditLog(NAME, props.auditStatements ?? PGAUDIT_REQUIRED);

    const dependsOn = [];
    if (props.grantKeyToServiceAgent ?? true) {
      const project = new DataGoogleProject(this, 'project', { projectId: props.project });
      dependsOn.push(grantKeyUse(this, 'agent-key-access', NAME, props.kmsKeyName, serviceAgentMember('cloudSql', project.number)));
    }

    this.instance = new SqlDatabaseInstance(this, 'instance', {
      name: props.name,
      project: props.project,
      region: props.region,
      databaseVersion: props.databaseVersion ?? 'POSTGRES_16',
      encryptionKeyName: props.kmsKeyName,
      deletionProtection: !props.forDeletion,
      settings: {
        tier: props.machineTier ?? 'db-custom-2-7680',
        edition,
        availabilityType,
        deletionProtectionEnabled: !props.forDeletion,
        diskAutoresize: true,
        diskType: 'PD_SSD',
        userLabels: props.labels,
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: props.privateNetwork,
          allocatedIpRange: props.allocatedIpRange,
          sslMode: 'ENCRYPTED_ONLY',
          enablePrivatePathForGoogleCloudServices: false,
        },
        backupConfiguration: {
          enabled: true,
          pointInTimeRecoveryEnabled: true,
          transactionLogRetentionDays: pitrDays,
          startTime: '02:00',
          backupRetentionSettings: { retainedBackups: pitrDays, retentionUnit: 'COUNT' },
        },
        databaseFlags: [
          { name: 'cloudsql.iam_authentication', value: 'on' },
          { name: 'log_connections', value: 'on' },
          { name: 'log_disconnections', value: 'on' },
          // pgaudit is the statement log; log_statement would repeat statements with their literals.
          { name: 'cloudsql.enable_pgaudit', value: 'on' },
          { name: 'pgaudit.log', value: audit },
          { name: 'pgaudit.log_parameter', value: 'off' },
          { name: 'log_statement', value: 'none' },
        ],
      },
      dependsOn,
    });
  }
}
