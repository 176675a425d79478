import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { checkOneOf } from '../props';

export const FINDING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;
export type FindingFrequency = (typeof FINDING_FREQUENCIES)[number];

export interface ThreatDetectionProps {
  /**
   * How often updated findings are published.
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingFrequency?: FindingFrequency;
}

const NAME = 'ThreatDetection';

/** Protection plans switched on with the detector. */
export const GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'] as const;

/**
 * GuardDuty for an account and region (OPS-1): the detector enabled, with S3, RDS login, EBS malware,
 * Lambda network and runtime monitoring (its agent managed for ECS Fargate) protection.
 * One detector per account and region: deploy it once per environment and region.
 */
export class ThreatDetection extends Construct {
  readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    const findingFrequency = props.findingFrequency ?? 'FIFTEEN_MINUTES';
    checkOneOf(NAME, 'findingFrequency', findingFrequency, FINDING_FREQUENCIES);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: findingFrequency,
      features: GUARDDUTY_FEATURES.map((name) => ({
        name,
        status: 'ENABLED',
        ...(name === 'RUNTIME_MONITORING' && { additionalConfiguration: [{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' }] }),
      })),
    });
  }
}
