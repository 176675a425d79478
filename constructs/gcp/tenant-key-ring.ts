import { Construct } from 'constructs';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { checkOneOf, checkTenantId, KEY_DELETION_WINDOW_DAYS, KEY_PURPOSES, KEY_ROTATION_DAYS, KeyPurpose, PropError } from '../props';

export interface TenantKeyRingProps {
  readonly tenantId: string;
  /** The environment's KMS project. Never the tenant's data project: keys live apart from the data (ENC-4). */
  readonly kmsProject: string;
  readonly location: string;
  /** One crypto key is made per purpose. @default ['documents'] */
  readonly purposes?: readonly KeyPurpose[];
  /** Keys held in Cloud HSM, as enterprise tenants get. @default false (SOFTWARE) */
  readonly hsm?: boolean;
  /** Labels put on every key (key rings take none). @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'TenantKeyRing';

/**
 * A tenant's Cloud KMS key ring with one key per purpose. Every key rotates every 90 days (ENC-2),
 * stays recoverable 30 days after a destroy is scheduled and cannot be destroyed by Terraform (ENC-6).
 */
export class TenantKeyRing extends Construct {
  readonly keyRing: KmsKeyRing;
  readonly keys: Readonly<Partial<Record<KeyPurpose, KmsCryptoKey>>>;

  constructor(scope: Construct, id: string, props: TenantKeyRingProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    const purposes = props.purposes ?? ['documents'];
    if (purposes.length === 0) throw new PropError(NAME, 'purposes', `a non-empty list of ${KEY_PURPOSES.join(' | ')}`, purposes);
    purposes.forEach((p) => checkOneOf(NAME, 'purposes', p, KEY_PURPOSES));

    this.keyRing = new KmsKeyRing(this, 'ring', { name: props.tenantId, project: props.kmsProject, location: props.location });
    const keys: Partial<Record<KeyPurpose, KmsCryptoKey>> = {};
    for (const purpose of new Set(purposes)) {
      keys[purpose] = new KmsCryptoKey(this, purpose, {
        name: purpose,
        keyRing: this.keyRing.id,
        purpose: 'ENCRYPT_DECRYPT',
        rotationPeriod: `${KEY_ROTATION_DAYS * 86400}s`,
        destroyScheduledDuration: `${KEY_DELETION_WINDOW_DAYS * 86400}s`,
        versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: props.hsm ? 'HSM' : 'SOFTWARE' },
        labels: { ...props.labels, purpose },
        lifecycle: { preventDestroy: true },
      });
    }
    this.keys = keys;
  }
}
