import { Construct } from 'constructs';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { KEY_DELETION_WINDOW_DAYS, KEY_ROTATION_DAYS, PropError } from '../props';
import { checkNonEmpty, checkProject } from './service-agents';

export interface CryptoKeyRingProps {
  /** Key ring name, unique per project and location. */
  readonly name: string;
  /** The environment's KMS project. Never a data project: keys live apart from the data (ENC-4). */
  readonly kmsProject: string;
  /** A region (or `global`); must be the location of the data the keys protect. */
  readonly location: string;
  /** One symmetric crypto key is made per name; empty exactly when `shredded`. */
  readonly keys: readonly string[];
  /**
   * The owner is offboarded: the ring keeps no key, so Terraform destroys every version of the keys it
   * held (Cloud KMS destroys them after their 30-day window) — crypto-shredding (RET-5). Key rings
   * themselves cannot be deleted. @default false
   */
  readonly shredded?: boolean;
  /** Keys held in Cloud HSM. @default false (SOFTWARE) */
  readonly hsm?: boolean;
  /** Days between automatic rotations (ENC-2). @default 90, at most 90 */
  readonly rotationDays?: number;
  /** Labels put on every key (key rings take none); each key also gets `purpose`. @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'CryptoKeyRing';
const KMS_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * A Cloud KMS key ring with one symmetric key per name. Every key rotates every 90 days or sooner (ENC-2),
 * stays recoverable 30 days after a destroy is scheduled and cannot be destroyed by Terraform (ENC-6).
 */
export class CryptoKeyRing extends Construct {
  readonly keyRing: KmsKeyRing;
  readonly keys: Readonly<Record<string, KmsCryptoKey>>;

  constructor(scope: Construct, id: string, props: CryptoKeyRingProps, construct = NAME) {
    super(scope, id);
    if (!KMS_NAME.test(props.name ?? '')) throw new PropError(construct, 'name', `a key ring name matching ${KMS_NAME.source}`, props.name);
    checkProject(construct, 'kmsProject', props.kmsProject);
    checkNonEmpty(construct, 'location', props.location, 'a region name or global');
    if (props.shredded ? props.keys?.length !== 0 : !props.keys?.length) {
      throw new PropError(construct, 'keys', props.shredded ? 'no keys on a shredded ring' : 'a non-empty list of key names', props.keys);
    }
    props.keys.forEach((k) => {
      if (!KMS_NAME.test(k)) throw new PropError(construct, 'keys', `key names matching ${KMS_NAME.source}`, k);
    });
    const rotationDays = props.rotationDays ?? KEY_ROTATION_DAYS;
    if (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > KEY_ROTATION_DAYS) {
      throw new PropError(construct, 'rotationDays', `an integer from 1 to ${KEY_ROTATION_DAYS}`, rotationDays);
    }

    this.keyRing = new KmsKeyRing(this, 'ring', { name: props.name, project: props.kmsProject, location: props.location });
    const keys: Record<string, KmsCryptoKey> = {};
    for (const name of new Set(props.keys)) {
      keys[name] = new KmsCryptoKey(this, name, {
        name,
        keyRing: this.keyRing.id,
        purpose: 'ENCRYPT_DECRYPT',
        rotationPeriod: `${rotationDays * 86400}s`,
        destroyScheduledDuration: `${KEY_DELETION_WINDOW_DAYS * 86400}s`,
        versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: props.hsm ? 'HSM' : 'SOFTWARE' },
        labels: { ...props.labels, purpose: name },
        lifecycle: { preventDestroy: true },
      });
    }
    this.keys = keys;
  }
}
