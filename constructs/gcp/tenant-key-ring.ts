import { Construct } from 'constructs';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { checkOneOf, checkTenantId, KEY_PURPOSES, KeyPurpose, PropError } from '../props';
import { CryptoKeyRing } from './crypto-key-ring';

export interface TenantKeyRingProps {
  readonly tenantId: string;
  /** The environment's KMS project. Never the tenant's data project: keys live apart from the data (ENC-4). */
  readonly kmsProject: string;
  /** The tenant's region: keys must sit where the data they protect sits. */
  readonly location: string;
  /** One crypto key is made per purpose. @default ['documents'] */
  readonly purposes?: readonly KeyPurpose[];
  /** Keys held in Cloud HSM, as enterprise tenants get. @default false (SOFTWARE) */
  readonly hsm?: boolean;
  /** Labels put on every key (key rings take none). @default {} */
  readonly labels?: Record<string, string>;
  /** The tenant is offboarded: no keys, so Terraform destroys their versions (see CryptoKeyRing). @default false */
  readonly shredded?: boolean;
}

const NAME = 'TenantKeyRing';

/**
 * A tenant's Cloud KMS key ring, named after the tenant, with one key per purpose. Every key rotates
 * every 90 days (ENC-2), stays recoverable 30 days after a destroy is scheduled and cannot be destroyed
 * by Terraform (ENC-6). Keys are granted by the constructs that use them, to service agents only.
 */
export class TenantKeyRing extends CryptoKeyRing {
  declare readonly keys: Readonly<Partial<Record<KeyPurpose, KmsCryptoKey>>>;

  constructor(scope: Construct, id: string, props: TenantKeyRingProps) {
    super(scope, id, { name: props.tenantId, kmsProject: props.kmsProject, location: props.location, keys: props.shredded ? [] : TenantKeyRing.purposes(props), hsm: props.hsm, labels: props.labels, shredded: props.shredded }, NAME);
  }

  private static purposes(props: TenantKeyRingProps): KeyPurpose[] {
    checkTenantId(NAME, props.tenantId);
    const purposes = props.purposes ?? ['documents'];
    if (purposes.length === 0) throw new PropError(NAME, 'purposes', `a non-empty list of ${KEY_PURPOSES.join(' | ')}`, purposes);
    purposes.forEach((p) => checkOneOf(NAME, 'purposes', p, KEY_PURPOSES));
    return [...purposes];
  }
}
