import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkRetention, checkTenantId, SOFT_DELETE_DAYS } from '../props';

export interface DocumentBucketProps {
  readonly tenantId: string;
  /** The tenant's own KMS key. Required: no S3-managed default (ENC-1). */
  readonly key: kms.IKey;
  /**
   * Objects expire this many days after creation. S3 lifecycle counts in whole days from 1, so 0
   * (nothing kept beyond the request; the service deletes on completion) expires after 1 day as a backstop.
   * @default 90
   */
  readonly documentDays?: number;
  /** Noncurrent versions (soft-deleted objects) are kept this long; 0 keeps them the 1-day minimum. @default 30, or 0 when documentDays is 0 */
  readonly softDeleteDays?: number;
}

const NAME = 'DocumentBucket';

/**
 * A tenant's document store on S3: SSE-KMS with the tenant's key, all public access blocked, TLS 1.2+
 * enforced, versioned, documents expiring at the tenant's retention, soft-deleted versions kept 30 days.
 */
export class DocumentBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DocumentBucketProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    const documentDays = props.documentDays ?? 90;
    const softDeleteDays = props.softDeleteDays ?? (documentDays === 0 ? 0 : SOFT_DELETE_DAYS);
    checkRetention(NAME, documentDays, softDeleteDays);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(Math.max(documentDays, 1)),
          noncurrentVersionExpiration: Duration.days(Math.max(softDeleteDays, 1)),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
