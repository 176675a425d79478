import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DocumentBucket, DocumentBucketProps } from '../../constructs/aws/document-bucket';
import { TenantKey } from '../../constructs/aws/tenant-key';

function stack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
}

function bucketTemplate(props: Partial<DocumentBucketProps> = {}): Template {
  const s = stack();
  const key = new TenantKey(s, 'Key', { tenantId: 'acme', purpose: 'documents' });
  new DocumentBucket(s, 'Docs', { tenantId: 'acme', key: key.key, ...props });
  return Template.fromStack(s);
}

describe('TenantKey', () => {
  test('GIVEN defaults THEN the key rotates every 90 days, has a 30-day deletion window and is retained', () => {
    const s = stack();
    new TenantKey(s, 'Key', { tenantId: 'acme', purpose: 'database' });
    const t = Template.fromStack(s);
    t.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cordon/acme/database' });
  });

  test.each([
    ['tenantId', { tenantId: 'A', purpose: 'documents' }, /TenantKey: invalid tenantId: expected a string matching .*, received "A"/],
    ['purpose', { tenantId: 'acme', purpose: 'backups' }, /TenantKey: invalid purpose: expected one of documents \| database \| logs, received "backups"/],
  ])('refuses a bad %s', (_f, props, message) => {
    expect(() => new TenantKey(stack(), 'Key', props as never)).toThrow(message);
  });
});

describe('DocumentBucket', () => {
  test('GIVEN defaults THEN SSE-KMS with the tenant key, public access blocked, TLS enforced, 90/30-day lifecycle', () => {
    const t = bucketTemplate();
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } } },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 30 } })] },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('GIVEN zero retention THEN objects expire at the 1-day S3 minimum and soft delete defaults to zero', () => {
    bucketTemplate({ documentDays: 0 }).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })] },
    });
  });

  test('boundaries: 3650 days is accepted, 3651 and -1 are not', () => {
    expect(() => bucketTemplate({ documentDays: 3650 })).not.toThrow();
    expect(() => bucketTemplate({ documentDays: 3651 })).toThrow(/invalid documentDays: expected an integer from 0 to 3650, received 3651/);
    expect(() => bucketTemplate({ documentDays: -1 })).toThrow(/received -1/);
  });

  test('zero retention with a soft-delete window is refused', () => {
    expect(() => bucketTemplate({ documentDays: 0, softDeleteDays: 30 })).toThrow(/invalid softDeleteDays: expected 0 when documentDays is 0/);
  });
});
