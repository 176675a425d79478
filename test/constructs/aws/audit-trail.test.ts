import { Match, Template } from 'aws-cdk-lib/assertions';
import { AuditTrail, AuditTrailProps } from '../../../constructs/aws/audit-trail';
import { PlatformKey } from '../../../constructs/aws/platform-key';
import { stack } from './_stack';

function template(props: Partial<AuditTrailProps> = {}): Template {
  const s = stack();
  new AuditTrail(s, 'Audit', { key: new PlatformKey(s, 'AuditKey', { purpose: 'audit' }).key, ...props });
  return Template.fromStack(s);
}
const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditKey'), 'Arn'] };

describe('AuditTrail', () => {
  test('GIVEN defaults THEN a multi-region trail with log file validation, encrypted with the audit key (LOG-1)', () => {
    template().hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IncludeGlobalServiceEvents: true,
      IsLogging: true,
      KMSKeyId: keyArn,
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      EventSelectors: Match.arrayWith([
        { IncludeManagementEvents: true, ReadWriteType: 'All' },
        Match.objectLike({ DataResources: [Match.objectLike({ Type: 'AWS::S3::Object' })] }),
      ]),
    });
  });

  test('GIVEN defaults THEN the bucket is under Object Lock COMPLIANCE for 2555 days, SSE-KMS, versioned, private and retained (RET-3)', () => {
    template().hasResource('AWS::S3::Bucket', {
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('GIVEN defaults THEN the bucket refuses plain transport and TLS below 1.2, and admits CloudTrail writes', () => {
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          Match.objectLike({ Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('GIVEN defaults THEN the trail log group is KMS-encrypted and keeps 365 days', () => {
    template().hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn, RetentionInDays: 365 });
  });

  test('GIVEN ten years and no data events THEN 3650 days and management events only', () => {
    const t = template({ retentionDays: 3650, s3DataEvents: false, logRetentionDays: 90 });
    t.hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } } });
    t.hasResourceProperties('AWS::CloudTrail::Trail', { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('boundaries: retention 2555 days is accepted, 2554 is not', () => {
    expect(() => template({ retentionDays: 2555 })).not.toThrow();
    expect(() => template({ retentionDays: 2554 })).toThrow(/AuditTrail: invalid retentionDays: expected an integer from 2555 to 36500, received 2554/);
    expect(() => template({ logRetentionDays: 100 })).toThrow(/EncryptedLogGroup: invalid retentionDays: .*received 100/);
  });
});
