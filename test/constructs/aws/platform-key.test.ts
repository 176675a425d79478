import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../constructs/aws/platform-key';
import { stack } from './_stack';

describe('PlatformKey', () => {
  test.each(['audit', 'registry', 'logs'] as const)('GIVEN purpose %s THEN rotation 90 days, 30-day window, retained', (purpose) => {
    const s = stack();
    new PlatformKey(s, 'Key', { purpose });
    const t = Template.fromStack(s);
    t.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/cordon/platform/${purpose}` });
  });

  test('GIVEN purpose audit THEN CloudTrail of this account may encrypt with it and CloudWatch Logs may use it', () => {
    const s = stack();
    new PlatformKey(s, 'Key', { purpose: 'audit' });
    Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'logs.us-east-1.amazonaws.com' } }),
          Match.objectLike({
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: {
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
              StringEquals: { 'aws:SourceAccount': '111111111111' },
            },
          }),
          Match.objectLike({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey' }),
        ]),
      },
    });
  });

  test('GIVEN purpose registry THEN no service principal is in the key policy', () => {
    const s = stack();
    new PlatformKey(s, 'Key', { purpose: 'registry' });
    const [key] = Object.values(Template.fromStack(s).findResources('AWS::KMS::Key'));
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('Service');
  });

  test('refuses an unknown purpose', () => {
    expect(() => new PlatformKey(stack(), 'Key', { purpose: 'documents' as never })).toThrow(
      /PlatformKey: invalid purpose: expected one of audit \| registry \| logs, received "documents"/,
    );
  });
});
