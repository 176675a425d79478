import { Match, Template } from 'aws-cdk-lib/assertions';
import { EncryptedLogGroup, EncryptedLogGroupProps } from '../../../constructs/aws/log-group';
import { cloudWatchRetentionForYears, NEVER_EXPIRE } from '../../../constructs/aws/constants';
import { stack, tenantKey } from './_stack';

function template(props: Partial<EncryptedLogGroupProps> = {}): Template {
  const s = stack();
  new EncryptedLogGroup(s, 'Logs', { key: tenantKey(s, 'logs'), ...props });
  return Template.fromStack(s);
}

describe('EncryptedLogGroup', () => {
  test('GIVEN defaults THEN KMS-encrypted with the key, 365 days, retained, with a data protection policy (LOG-2)', () => {
    const t = template();
    t.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^logsKey'), 'Arn'] },
        RetentionInDays: 365,
        DataProtectionPolicy: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Operation: { Audit: Match.anyValue() } }),
            Match.objectLike({ Operation: { Deidentify: { MaskConfig: {} } } }),
          ]),
        }),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const [group] = Object.values(t.findResources('AWS::Logs::LogGroup'));
    const text = JSON.stringify(group.Properties.DataProtectionPolicy);
    for (const id of ['Name', 'Ssn-US', 'HealthInsuranceClaimNumber-US', 'NationalProviderId-US', 'AwsSecretKey']) expect(text).toContain(id);
  });

  test('GIVEN dataProtection false THEN no data protection policy', () => {
    template({ dataProtection: false }).hasResourceProperties('AWS::Logs::LogGroup', { DataProtectionPolicy: Match.absent(), KmsKeyId: Match.anyValue() });
  });

  test('boundaries: retention must be a value CloudWatch accepts', () => {
    expect(() => template({ retentionDays: 3653 })).not.toThrow();
    expect(() => template({ retentionDays: 1 })).not.toThrow();
    expect(() => template({ retentionDays: 364 })).toThrow(/EncryptedLogGroup: invalid retentionDays: expected one of 1 \| 3 \| .* \| 3653 \| 9999 \(never expire\), received 364/);
    expect(() => template({ retentionDays: 0 })).toThrow(/received 0/);
  });

  test('GIVEN NEVER_EXPIRE THEN no RetentionInDays (events never expire)', () => {
    template({ retentionDays: NEVER_EXPIRE }).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent(), KmsKeyId: Match.anyValue() });
  });

  test('cloudWatchRetentionForYears: the shortest accepted retention covering the years, never expiring beyond 10 years', () => {
    expect([7, 8, 9, 10, 11, 30].map(cloudWatchRetentionForYears)).toEqual([2557, 2922, 3288, 3653, NEVER_EXPIRE, NEVER_EXPIRE]);
    expect(cloudWatchRetentionForYears(1)).toBe(365);
  });

  test('GIVEN a name THEN it is used', () => {
    template({ logGroupName: '/cordon/acme/app' }).hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/cordon/acme/app' });
  });
});
