import { Construct } from 'constructs';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { checkRetention, checkTenantId, PropError, SOFT_DELETE_DAYS } from '../props';
import { checkProject, grantKeyUse } from './service-agents';

export interface DocumentBucketProps {
  readonly tenantId: string;
  /** The tenant's data project (not the KMS project). */
  readonly project: string;
  readonly location: string;
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Full name of the tenant's Cloud KMS key, ours or the customer's (CMEK). Required: no Google-managed default (ENC-1). */
  readonly kmsKeyName: string;
  /**
   * Grant this project's Cloud Storage service agent encrypt/decrypt on the key. Turn off only for
   * a customer's key (CMEK), where the customer makes the grant in their own project.
   * @default true
   */
  readonly grantKeyToServiceAgent?: boolean;
  /** Objects are deleted this many days after creation; 0 deletes them at the next lifecycle run. @default 90 */
  readonly documentDays?: number;
  /** Deleted objects stay restorable this long. @default 30, or 0 when documentDays is 0 */
  readonly softDeleteDays?: number;
  /** @default {} */
  readonly labels?: Record<string, string>;
  /**
   * The owner is offboarded and the bucket is to be destroyed: Terraform may delete its objects
   * (`force_destroy`, read from state at destroy: it must be applied first). @default false
   */
  readonly forDeletion?: boolean;
}

const NAME = 'DocumentBucket';

/**
 * A tenant's document store on GCS: encrypted with the tenant's key, uniform access, public access
 * prevented, documents deleted at the tenant's retention and soft-deleted for 30 days (none at 0).
 */
export class DocumentBucket extends Construct {
  readonly bucket: StorageBucket;

  constructor(scope: Construct, id: string, props: DocumentBucketProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    checkProject(NAME, 'project', props.project);
    if (!props.kmsKeyName) throw new PropError(NAME, 'kmsKeyName', 'the name of a Cloud KMS key', props.kmsKeyName);
    const documentDays = props.documentDays ?? 90;
    const softDeleteDays = props.softDeleteDays ?? (documentDays === 0 ? 0 : SOFT_DELETE_DAYS);
    checkRetention(NAME, documentDays, softDeleteDays);

    const dependsOn = [];
    if (props.grantKeyToServiceAgent ?? true) {
      const agent = new DataGoogleStorageProjectServiceAccount(this, 'agent', { project: props.project });
      dependsOn.push(grantKeyUse(this, 'agent-key-access', NAME, props.kmsKeyName, `serviceAccount:${agent.emailAddress}`));
    }

    this.bucket = new StorageBucket(this, 'bucket', {
      name: props.bucketName,
      project: props.project,
      location: props.location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: props.forDeletion ?? false,
      encryption: { defaultKmsKeyName: props.kmsKeyName },
      // Without send_age_if_zero the provider drops `age = 0` and the rule would match nothing.
      lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: documentDays, sendAgeIfZero: true } }],
      softDeletePolicy: { retentionDurationSeconds: softDeleteDays * 86400 },
      labels: props.labels,
      dependsOn,
    });
  }
}
