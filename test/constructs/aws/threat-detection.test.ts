import { Template } from 'aws-cdk-lib/assertions';
import { ThreatDetection } from '../../../constructs/aws/threat-detection';
import { stack } from './_stack';

describe('ThreatDetection', () => {
  test('GIVEN defaults THEN the detector is enabled with every protection plan and Fargate runtime monitoring (OPS-1)', () => {
    const s = stack();
    new ThreatDetection(s, 'Threats');
    Template.fromStack(s).hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
        { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
        { Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }] },
      ],
    });
  });

  test('GIVEN an hourly frequency THEN it is used; an unknown one is refused', () => {
    const s = stack();
    new ThreatDetection(s, 'Threats', { findingFrequency: 'ONE_HOUR' });
    Template.fromStack(s).hasResourceProperties('AWS::GuardDuty::Detector', { FindingPublishingFrequency: 'ONE_HOUR' });
    expect(() => new ThreatDetection(stack(), 'Threats', { findingFrequency: 'DAILY' as never })).toThrow(
      /ThreatDetection: invalid findingFrequency: expected one of FIFTEEN_MINUTES \| ONE_HOUR \| SIX_HOURS, received "DAILY"/,
    );
  });
});
