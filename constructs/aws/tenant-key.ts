import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { partitionOf } from './constants';
import { checkOneOf, checkTenantId, KEY_DELETION_WINDOW_DAYS, KEY_PURPOSES, KEY_ROTATION_DAYS, KeyPurpose } from '../props';

export interface TenantKeyProps {
  readonly tenantId: string;
  /** What the key protects; one key per tenant and purpose (ENC-3). */
  readonly purpose: KeyPurpose;
  /**
   * The tenant is offboarded: the key is disabled, so nothing it protects can be read again, and it is
   * no longer retained — removing it (or its stack) schedules its deletion after the 30-day window,
   * CloudFormation's ScheduleKeyDeletion (RET-5). @default false
   */
  readonly shredded?: boolean;
}

const NAME = 'TenantKey';

/**
 * The settings every cordon KMS key shares: symmetric, rotated every 90 days (ENC-2), a 30-day
 * deletion window and retained when its stack is deleted (ENC-6). Used by TenantKey and PlatformKey.
 */
export function createRotatingKey(scope: Construct, id: string, description: string, alias: string, shredded = false): kms.Key {
  return new kms.Key(scope, id, {
    description,
    alias,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(KEY_ROTATION_DAYS),
    pendingWindow: Duration.days(KEY_DELETION_WINDOW_DAYS),
    removalPolicy: shredded ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    // Only a shredded key says so: templates of serving tenants stay as they were.
    ...(shredded && { enabled: false }),
  });
}

/**
 * Lets CloudWatch Logs of the key's own account and region encrypt log groups with the key. Log groups
 * need this in the key policy; the condition keeps other accounts' log groups out.
 */
export function allowCloudWatchLogs(key: kms.Key): void {
  const { region, account } = Stack.of(key);
  const partition = partitionOf(Stack.of(key));
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
    }),
  );
}

/**
 * A tenant's KMS key for one purpose: symmetric, rotated every 90 days (ENC-2), a 30-day deletion
 * window and retained when its stack is deleted (ENC-6). A `logs` key also admits CloudWatch Logs of
 * its own account and region. Lives in the tenant's key stack, never beside the data (ENC-4).
 */
export class TenantKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: TenantKeyProps) {
    super(scope, id);
    checkTenantId(NAME, props.tenantId);
    checkOneOf(NAME, 'purpose', props.purpose, KEY_PURPOSES);
    this.key = createRotatingKey(this, 'Key', `cordon ${props.tenantId} ${props.purpose} key`, `alias/cordon/${props.tenantId}/${props.purpose}`, props.shredded);
    if (props.purpose === 'logs') allowCloudWatchLogs(this.key);
  }
}
