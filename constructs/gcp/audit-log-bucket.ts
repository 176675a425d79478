import { Construct } from 'constructs';
import { DataGoogleLoggingProjectCmekSettings } from '@cdktf/provider-google/lib/data-google-logging-project-cmek-settings';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { AUDIT_RETENTION_DAYS, PropError } from '../props';
import { AUDIT_LOG_FILTER, AUDIT_LOG_TYPES, DOCUMENT_PAYLOAD_EXCLUSIONS, logBucketDestination } from './audit-sink';
import { checkNonEmpty, checkProject, grantKeyUse } from './service-agents';

/** The longest retention Cloud Logging buckets accept. */
export const MAX_LOG_BUCKET_RETENTION_DAYS = 3650;

export interface AuditLogBucketProps {
  /** The environment's central audit project. */
  readonly project: string;
  /**
   * A single region. Cloud Logging cannot use CMEK for log buckets in `global`, and the key must sit in
   * the bucket's location, so `global` is refused.
   */
  readonly location: string;
  /** @default 'audit' */
  readonly bucketId?: string;
  /** Days entries are kept; the bucket is locked, so no one can shorten it (RET-3). @default 2555, at least 2555 */
  readonly retentionDays?: number;
  /** Key the bucket is encrypted with (ENC-1), in the bucket's location. */
  readonly kmsKeyName: string;
  /**
   * Grant the audit project's Cloud Logging service account encrypt/decrypt on the key.
   * @default true
   */
  readonly grantKeyToServiceAgent?: boolean;
  /**
   * Record who reads the audit logs (LOG-1): Cloud Logging's data-access audit logs on in the audit
   * project, and the audit project's own audit logs routed into the locked bucket. Turn off only when
   * the organization already does both for this project.
   * @default true
   */
  readonly logOwnAccess?: boolean;
}

const NAME = 'AuditLogBucket';
const BUCKET_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

/**
 * The central, locked audit log bucket: seven years (2555 days) or more of retention that cannot be
 * shortened or deleted once locked (RET-3), encrypted with the platform's logs key (ENC-1). Reads of
 * the audit logs are themselves audit logs, routed into the same locked bucket (LOG-1).
 */
export class AuditLogBucket extends Construct {
  readonly bucket: LoggingProjectBucketConfig;

  constructor(scope: Construct, id: string, props: AuditLogBucketProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    checkNonEmpty(NAME, 'location', props.location, 'a region name');
    if (props.location === 'global') throw new PropError(NAME, 'location', 'a region (Cloud Logging has no CMEK for global log buckets)', props.location);
    const bucketId = props.bucketId ?? 'audit';
    if (!BUCKET_ID.test(bucketId) || bucketId.startsWith('_')) throw new PropError(NAME, 'bucketId', `an id matching ${BUCKET_ID.source}, not starting with "_"`, bucketId);
    const retentionDays = props.retentionDays ?? AUDIT_RETENTION_DAYS;
    if (!Number.isInteger(retentionDays) || retentionDays < AUDIT_RETENTION_DAYS || retentionDays > MAX_LOG_BUCKET_RETENTION_DAYS) {
      throw new PropError(NAME, 'retentionDays', `an integer from ${AUDIT_RETENTION_DAYS} to ${MAX_LOG_BUCKET_RETENTION_DAYS}`, retentionDays);
    }
    checkNonEmpty(NAME, 'kmsKeyName', props.kmsKeyName, 'the name of a Cloud KMS key');

    const dependsOn = [];
    if (props.grantKeyToServiceAgent ?? true) {
      const settings = new DataGoogleLoggingProjectCmekSettings(this, 'cmek-settings', { project: props.project });
      dependsOn.push(grantKeyUse(this, 'agent-key-access', NAME, props.kmsKeyName, `serviceAccount:${settings.serviceAccountId}`));
    }

    this.bucket = new LoggingProjectBucketConfig(this, 'bucket', {
      project: props.project,
      location: props.location,
      bucketId,
      description: 'Central audit log bucket: locked, seven years, CMEK',
      retentionDays,
      locked: true,
      // Log Analytics cannot be combined with CMEK on a log bucket.
      enableAnalytics: false,
      cmekSettings: { kmsKeyName: props.kmsKeyName },
      lifecycle: { preventDestroy: true },
      dependsOn,
    });

    if (props.logOwnAccess ?? true) {
      new ProjectIamAuditConfig(this, 'logging-data-access', {
        project: props.project,
        service: 'logging.googleapis.com',
        auditLogConfig: AUDIT_LOG_TYPES.map((logType) => ({ logType })),
      });
      // A sink into a log bucket of its own project writes without a grant to its writer identity.
      new LoggingProjectSink(this, 'own-audit-logs', {
        name: 'cordon-audit-own-access',
        project: props.project,
        destination: logBucketDestination(props.project, props.location, bucketId),
        filter: AUDIT_LOG_FILTER,
        uniqueWriterIdentity: true,
        exclusions: DOCUMENT_PAYLOAD_EXCLUSIONS.map((e) => ({ ...e })),
        dependsOn: [this.bucket],
      });
    }
  }
}
