import * as aws from '@pulumi/aws';

// One AWS tenant of the registry (infra/tenants/stark.yaml) in its staging stack: a logs key of its
// own and the documents bucket under the tenant's customer-managed key (cmek.staging). Gate it with
// `pulumi preview --stack stark-staging --policy-pack ../../../plugins/pulumi`. test/plugins/pulumi-pack.test.ts
// runs this program against a stand-in provider and gates what it declares, and
// test/plugins/pulumi-cli.test.ts previews it so with the Pulumi CLI: clean; set enableKeyRotation
// to false and exactly ENC-2-AWS fires.
const tags = { environment: 'staging', tenant: 'stark', tier: 'enterprise' };
const cmek = 'arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab';
const name = 'cordon-stark-staging-documents';

const logsKey = new aws.kms.Key('logs-key', { description: 'cordon stark logs key', enableKeyRotation: true, rotationPeriodInDays: 90, deletionWindowInDays: 30, tags }, { protect: true });
new aws.kms.Alias('logs-alias', { name: 'alias/cordon/stark/logs', targetKeyId: logsKey.keyId });

const documents = new aws.s3.Bucket('documents', { bucket: name, tags });
new aws.s3.BucketServerSideEncryptionConfiguration('documents-sse', {
  bucket: documents.bucket,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: cmek }, bucketKeyEnabled: true }],
});
new aws.s3.BucketPublicAccessBlock('documents-pab', { bucket: documents.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
new aws.s3.BucketVersioning('documents-versioning', { bucket: documents.bucket, versioningConfiguration: { status: 'Enabled' } });
// The tenant's contract keeps documents 7 days and deleted versions 7 days.
new aws.s3.BucketLifecycleConfiguration('documents-lifecycle', {
  bucket: documents.bucket,
  rules: [{ id: 'retention', status: 'Enabled', filter: {}, expiration: { days: 7 }, noncurrentVersionExpiration: { noncurrentDays: 7 } }],
});
new aws.s3.BucketPolicy('documents-policy', {
  bucket: documents.bucket,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  }),
});
