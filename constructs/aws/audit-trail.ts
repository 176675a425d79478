import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AUDIT_RETENTION_DAYS, checkInteger, LOG_RETENTION_DAYS } from '../props';
import { EncryptedLogGroup } from './log-group';

export interface AuditTrailProps {
  /**
   * The audit key (PlatformKey `audit`): encrypts log files, the bucket and the trail's log group; its
   * policy must admit CloudTrail and CloudWatch Logs. Required (ENC-1).
   */
  readonly key: kms.IKey;
  /**
   * Days every audit object is locked in COMPLIANCE mode (nobody, root included, can delete or shorten
   * it; RET-3). At least seven years.
   * @default 2555 (AUDIT_RETENTION_DAYS)
   */
  readonly retentionDays?: number;
  /**
   * Days the trail's CloudWatch log group keeps events (the bucket is the record of truth).
   * @default 365 (LOG_RETENTION_DAYS)
   */
  readonly logRetentionDays?: number;
  /**
   * Also record S3 object-level (data) events of every bucket in the account (LOG-1).
   * @default true
   */
  readonly s3DataEvents?: boolean;
}

const NAME = 'AuditTrail';

/**
 * The account's audit record (LOG-1, RET-3): a multi-region CloudTrail with log file validation,
 * encrypted with the audit key, written to an S3 bucket under Object Lock COMPLIANCE for seven years
 * (versioned, SSE-KMS, all public access blocked, TLS 1.2+ enforced, retained) and to a KMS-encrypted
 * CloudWatch log group.
 */
export class AuditTrail extends Construct {
  readonly bucket: s3.Bucket;
  readonly trail: cloudtrail.Trail;
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? AUDIT_RETENTION_DAYS;
    checkInteger(NAME, 'retentionDays', retentionDays, AUDIT_RETENTION_DAYS, 36500);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(retentionDays)),
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup = new EncryptedLogGroup(this, 'Logs', {
      key: props.key,
      retentionDays: props.logRetentionDays ?? LOG_RETENTION_DAYS,
      dataProtection: false,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: this.bucket,
      encryptionKey: props.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup.logGroup,
    });
    if (props.s3DataEvents ?? true) this.trail.logAllS3DataEvents();
  }
}
