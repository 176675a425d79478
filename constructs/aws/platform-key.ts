import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkOneOf } from '../props';
import { partitionOf } from './constants';
import { allowCloudWatchLogs, createRotatingKey } from './tenant-key';

export const PLATFORM_KEY_PURPOSES = ['audit', 'registry', 'logs'] as const;
export type PlatformKeyPurpose = (typeof PLATFORM_KEY_PURPOSES)[number];

export interface PlatformKeyProps {
  /**
   * What the key protects: `audit` (CloudTrail log files, the audit bucket and the trail's log group),
   * `registry` (container images) or `logs` (platform log groups: a cell's flow and service logs).
   */
  readonly purpose: PlatformKeyPurpose;
}

const NAME = 'PlatformKey';

/**
 * A platform KMS key (no tenant's data): same rotation, deletion window and retention as a tenant key.
 * An `audit` key admits CloudTrail of its own account (encrypt only, its trails only) and CloudWatch
 * Logs; a `logs` key admits CloudWatch Logs of its account and region.
 */
export class PlatformKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    checkOneOf(NAME, 'purpose', props.purpose, PLATFORM_KEY_PURPOSES);
    this.key = createRotatingKey(this, 'Key', `cordon platform ${props.purpose} key`, `alias/cordon/platform/${props.purpose}`);
    if (props.purpose === 'audit' || props.purpose === 'logs') allowCloudWatchLogs(this.key);
    if (props.purpose === 'audit') {
      const { account } = Stack.of(this);
      const partition = partitionOf(Stack.of(this));
      const trails = `arn:${partition}:cloudtrail:*:${account}:trail/*`;
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowCloudTrailToEncryptItsLogs',
          principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
          actions: ['kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: {
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trails },
            StringEquals: { 'aws:SourceAccount': account },
          },
        }),
      );
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowCloudTrailToDescribeTheKey',
          principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
          actions: ['kms:DescribeKey'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
    }
  }
}
