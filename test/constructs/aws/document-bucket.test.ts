import * as kms from 'aws-cdk-lib/aws-kms';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DocumentBucket, DocumentBucketProps } from '../../../constructs/aws/document-bucket';
import { stack, tenantKey } from './_stack';

function bucketTemplate(props: Partial<DocumentBucketProps> = {}): Template {
  const s = stack();
  new DocumentBucket(s, 'Docs', { tenantId: 'acme', key: tenantKey(s), ...props });
  return Template.fromStack(s);
}

const lifecycle = (expiration: number, noncurrent: number) => ({
  LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: expiration, NoncurrentVersionExpiration: { NoncurrentDays: noncurrent } })] },
});

describe('DocumentBucket', () => {
  test('GIVEN defaults THEN SSE-KMS with the tenant key, all four public access blocks, versioned, 90/30-day lifecycle, retained', () => {
    const t = bucketTemplate();
    t.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^documentsKey'), 'Arn'] } } },
          ],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        ...lifecycle(90, 30),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('GIVEN defaults THEN the bucket policy denies plain transport and TLS below 1.2 (TLS-2)', () => {
    bucketTemplate().hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test("GIVEN a customer's key (enterprise CMEK) THEN its ARN is the bucket key", () => {
    const s = stack();
    const arn = 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    new DocumentBucket(s, 'Docs', { tenantId: 'acme', key: kms.Key.fromKeyArn(s, 'Cmek', arn) });
    Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn } })] },
    });
  });

  test('GIVEN zero retention THEN objects expire at the 1-day S3 minimum and soft delete defaults to zero', () => {
    bucketTemplate({ documentDays: 0 }).hasResourceProperties('AWS::S3::Bucket', lifecycle(1, 1));
  });

  test('GIVEN a 7-day retention and a 7-day soft delete THEN both are applied', () => {
    bucketTemplate({ documentDays: 7, softDeleteDays: 7 }).hasResourceProperties('AWS::S3::Bucket', lifecycle(7, 7));
  });

  test('boundaries: documentDays 3650 is accepted, 3651 and -1 are not', () => {
    expect(() => bucketTemplate({ documentDays: 3650 })).not.toThrow();
    expect(() => bucketTemplate({ documentDays: 3651 })).toThrow(/DocumentBucket: invalid documentDays: expected an integer from 0 to 3650, received 3651/);
    expect(() => bucketTemplate({ documentDays: -1 })).toThrow(/DocumentBucket: invalid documentDays: .*received -1/);
    expect(() => bucketTemplate({ documentDays: 1.5 })).toThrow(/received 1.5/);
  });

  test('boundaries: softDeleteDays 90 is accepted, 91 is not', () => {
    expect(() => bucketTemplate({ softDeleteDays: 90 })).not.toThrow();
    expect(() => bucketTemplate({ softDeleteDays: 91 })).toThrow(/DocumentBucket: invalid softDeleteDays: expected an integer from 0 to 90, received 91/);
  });

  test('zero retention with a soft-delete window is refused', () => {
    expect(() => bucketTemplate({ documentDays: 0, softDeleteDays: 30 })).toThrow(/DocumentBucket: invalid softDeleteDays: expected 0 when documentDays is 0 .*received 30/);
    expect(() => bucketTemplate({ documentDays: 0, softDeleteDays: 0 })).not.toThrow();
  });

  test('refuses a bad tenant id', () => {
    expect(() => bucketTemplate({ tenantId: 'Acme' })).toThrow(/DocumentBucket: invalid tenantId: expected a string matching .*received "Acme"/);
  });
});
