import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { checkOneOf, checkTenantId, KEY_DELETION_WINDOW_DAYS, KEY_PURPOSES, KEY_ROTATION_DAYS, KeyPurpose } from '../props';

export interface TenantKeyProps {
  readonly tenantId: string;
  /** What the key protects; one key per tenant and purpose (ENC-3). */
  readonly purpose: KeyPurpose;
}

const NAME = 'TenantKey';

/**
 * A tenant's KMS key for one purpose: symmetric, rotated every 90 days (ENC-2), a 30-day deletion
 * window and retained when its stack is deleted (ENC-6).
 */
export class TenantKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: TenantKeyProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    checkOneOf(NAME, 'purpose', props.purpose, KEY_PURPOSES);
    this.key = new kms.Key(this, 'Key', {
      description: `cordon ${props.tenantId} ${props.purpose} key`,
      alias: `alias/cordon/${props.tenantId}/${props.purpose}`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(KEY_ROTATION_DAYS),
      pendingWindow: Duration.days(KEY_DELETION_WINDOW_DAYS),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
