import { addCfn, addTf, awsTags, cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  { name: 'AWS key rotation off', rule: 'ENC-2-AWS', stack: 'globex-prod-keys', file: cdkFile('globex-prod-keys'), mutate: cfn('AWS::KMS::Key', (p) => (p.EnableKeyRotation = false)) },
  { name: 'AWS rotation period from a parameter (unverifiable)', rule: 'ENC-2-AWS', stack: 'initech-staging-keys', file: cdkFile('initech-staging-keys'), mutate: cfn('AWS::KMS::Key', (p) => (p.RotationPeriodInDays = { Ref: 'RotationDays' })) },
  { name: 'AWS bucket without a customer key', rule: 'ENC-1-AWS', stack: 'globex-staging', file: cdkFile('globex-staging'), mutate: cfn('AWS::S3::Bucket', (p) => delete p.BucketEncryption, /^Documents/) },
  { name: 'AWS bucket key from a parameter (unverifiable)', rule: 'ENC-1-AWS', stack: 'wayne-prod', file: cdkFile('wayne-prod'), mutate: cfn('AWS::S3::Bucket', (p) => (p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID = { Ref: 'DocumentsKeyArn' }), /^Documents/) },
  { name: 'GCP rotation one second over 90 days', rule: 'ENC-2-GCP', stack: 'northwind-prod', file: tfFile('northwind-prod'), mutate: tf('google_kms_crypto_key', (b) => (b.rotation_period = '7776001s')) },
  { name: 'GCS bucket without a customer key', rule: 'ENC-1-GCP', stack: 'acme-staging', file: tfFile('acme-staging'), mutate: tf('google_storage_bucket', (b) => delete b.encryption) },
  { name: 'GCS bucket key from a variable (unverifiable)', rule: 'ENC-1-GCP', stack: 'hooli-prod', file: tfFile('hooli-prod'), mutate: tf('google_storage_bucket', (b) => (b.encryption.default_kms_key_name = '${var.documents_key}')) },
  { name: 'Aurora cluster on the AWS-managed aws/rds key', rule: 'ENC-1-AWS-RDS', stack: 'globex-staging', file: cdkFile('globex-staging'), mutate: cfn('AWS::RDS::DBCluster', (p) => delete p.KmsKeyId) },
  { name: 'Aurora cluster storage unencrypted', rule: 'ENC-1-AWS-RDS', stack: 'initech-prod', file: cdkFile('initech-prod'), mutate: cfn('AWS::RDS::DBCluster', (p) => (p.StorageEncrypted = false)) },
  { name: 'log group without a KMS key', rule: 'ENC-1-AWS-LOGS', stack: 'initech-prod', file: cdkFile('initech-prod'), mutate: cfn('AWS::Logs::LogGroup', (p) => delete p.KmsKeyId) },
  {
    name: 'SQS queue on SSE-SQS', rule: 'ENC-1-AWS-MESSAGING', stack: 'globex-staging', file: cdkFile('globex-staging'),
    mutate: addCfn('JobsQueue', 'AWS::SQS::Queue', { SqsManagedSseEnabled: true, Tags: awsTags('globex', 'staging', 'dedicated') }),
  },
  {
    name: 'EBS volume on the default aws/ebs key', rule: 'ENC-1-AWS-EBS', stack: 'globex-prod', file: cdkFile('globex-prod'),
    mutate: addCfn('ScratchVolume', 'AWS::EC2::Volume', { AvailabilityZone: 'us-east-1a', Size: 100, Encrypted: true, Tags: awsTags('globex', 'prod', 'dedicated') }),
  },
  { name: 'Cloud SQL without a customer key', rule: 'ENC-1-GCP-SQL', stack: 'hooli-staging', file: tfFile('hooli-staging'), mutate: tf('google_sql_database_instance', (b) => delete b.encryption_key_name) },
  { name: 'audit log bucket without CMEK', rule: 'ENC-1-GCP-LOGS', stack: 'cordon-platform-staging', file: tfFile('cordon-platform-staging'), mutate: tf('google_logging_project_bucket_config', (b) => delete b.cmek_settings) },
  { name: 'Artifact Registry without a customer key', rule: 'ENC-1-GCP-ARTIFACTS', stack: 'cordon-platform-prod', file: tfFile('cordon-platform-prod'), mutate: tf('google_artifact_registry_repository', (b) => delete b.kms_key_name) },
  { name: 'Cloud Run service without a customer key', rule: 'ENC-1-GCP-RUN', stack: 'umbrella-staging', file: tfFile('umbrella-staging'), mutate: tf('google_cloud_run_v2_service', (b) => delete b.template.encryption_key) },
  {
    name: 'persistent disk on a Google-managed key', rule: 'ENC-1-GCP-DISK', stack: 'umbrella-prod', file: tfFile('umbrella-prod'),
    mutate: addTf('google_compute_disk', 'scratch', { name: 'scratch', zone: 'us-central1-a', size: 100, project: 'cdn-umbrella-prd', labels: { environment: 'prod', tenant: 'umbrella', tier: 'dedicated' } }),
  },
  {
    name: 'DynamoDB table on the AWS-managed aws/dynamodb key', rule: 'ENC-1-AWS-DYNAMODB', stack: 'globex-staging', file: cdkFile('globex-staging'),
    mutate: addCfn('JobsTable', 'AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, SSESpecification: { SSEEnabled: true, SSEType: 'KMS' }, Tags: awsTags('globex', 'staging', 'dedicated'),
    }),
  },
  {
    name: 'DynamoDB global table replica without a customer key', rule: 'ENC-1-AWS-DYNAMODB', stack: 'initech-prod', file: cdkFile('initech-prod'),
    mutate: addCfn('JobsGlobalTable', 'AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [{ Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, Tags: awsTags('initech', 'prod', 'pooled') }],
    }),
  },
  {
    name: 'DocumentDB cluster on the AWS-managed key', rule: 'ENC-1-AWS-DOCDB', stack: 'wayne-prod', file: cdkFile('wayne-prod'),
    mutate: addCfn('Extractions', 'AWS::DocDB::DBCluster', { StorageEncrypted: true, BackupRetentionPeriod: 7, Tags: awsTags('wayne', 'prod', 'pooled') }),
  },
  {
    // In a platform stack: a tenant's data under an AWS-managed key is also ENC-3's (no key of the tenant).
    name: 'Kinesis stream on the AWS-managed aws/kinesis key', rule: 'ENC-1-AWS-KINESIS', stack: 'cordon-platform-prod-us-east-1', file: cdkFile('cordon-platform-prod-us-east-1'),
    mutate: addCfn('Events', 'AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }, Tags: [{ Key: 'environment', Value: 'prod' }, { Key: 'tier', Value: 'platform' }] }),
  },
  {
    name: 'EFS file system on the AWS-managed key', rule: 'ENC-1-AWS-EFS', stack: 'initech-staging', file: cdkFile('initech-staging'),
    mutate: addCfn('Scratch', 'AWS::EFS::FileSystem', { Encrypted: true, FileSystemTags: awsTags('initech', 'staging', 'pooled') }),
  },
  {
    name: 'BigQuery dataset on a Google-managed key', rule: 'ENC-1-GCP-BIGQUERY', stack: 'hooli-prod', file: tfFile('hooli-prod'),
    mutate: addTf('google_bigquery_dataset', 'extractions', { dataset_id: 'extractions', location: 'EU', project: 'cdn-hooli-prd', labels: { environment: 'prod', tenant: 'hooli', tier: 'pooled' } }),
  },
  {
    name: 'Spanner database on a Google-managed key', rule: 'ENC-1-GCP-SPANNER', stack: 'umbrella-staging', file: tfFile('umbrella-staging'),
    mutate: addTf('google_spanner_database', 'jobs', { instance: 'jobs', name: 'jobs', project: 'cdn-umbrella-stg', deletion_protection: true }),
  },
  {
    name: 'Bigtable cluster on a Google-managed key', rule: 'ENC-1-GCP-BIGTABLE', stack: 'acme-prod', file: tfFile('acme-prod'),
    mutate: addTf('google_bigtable_instance', 'events', { name: 'events', project: 'cdn-acme-prd', cluster: [{ cluster_id: 'events-a', zone: 'europe-west1-b' }], labels: { environment: 'prod', tenant: 'acme', tier: 'enterprise' } }),
  },
  {
    name: 'Pub/Sub topic key from a variable (unverifiable)', rule: 'ENC-1-GCP-PUBSUB', stack: 'northwind-staging', file: tfFile('northwind-staging'),
    mutate: addTf('google_pubsub_topic', 'jobs', { name: 'jobs', project: 'cdn-northwind-stg', kms_key_name: '${var.topic_key}', labels: { environment: 'staging', tenant: 'northwind', tier: 'pooled' } }),
  },
  { name: 'GCP key without prevent_destroy', rule: 'ENC-6-GCP', stack: 'northwind-staging', file: tfFile('northwind-staging'), mutate: tf('google_kms_crypto_key', (b) => delete b.lifecycle) },
  { name: 'GCP key destroyed after one day', rule: 'ENC-6-GCP', stack: 'hooli-prod', file: tfFile('hooli-prod'), mutate: tf('google_kms_crypto_key', (b) => (b.destroy_scheduled_duration = '86400s')) },
  { name: 'AWS key deleted with its stack (DeletionPolicy removed)', rule: 'ENC-6-AWS', stack: 'wayne-prod-keys', file: cdkFile('wayne-prod-keys'), mutate: cfn('AWS::KMS::Key', (_p, r) => delete r.DeletionPolicy) },
  { name: 'AWS key deletion window of 7 days', rule: 'ENC-6-AWS', stack: 'globex-staging-keys', file: cdkFile('globex-staging-keys'), mutate: cfn('AWS::KMS::Key', (p) => (p.PendingWindowInDays = 7)) },
  {
    name: 'AWS log group encrypted with a key declared in the data stack', rule: 'ENC-4-AWS', stack: 'globex-staging', file: cdkFile('globex-staging'),
    mutate: (t: any) => {
      t.Resources.LocalKey = { Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30, Tags: awsTags('globex', 'staging', 'dedicated') } };
      return cfn('AWS::Logs::LogGroup', (p) => (p.KmsKeyId = { 'Fn::GetAtt': ['LocalKey', 'Arn'] }), /^AppLogs/)(t);
    },
  },
  {
    name: 'GCP key ring in the project of the data it protects', rule: 'ENC-4-GCP', stack: 'cordon-cell-prod-europe-west1', file: tfFile('cordon-cell-prod-europe-west1'),
    mutate: (doc: any) => {
      tf('google_kms_key_ring', (b) => (b.project = 'cdn-cell-prd'))(doc);
      return tf('google_cloud_run_v2_service', () => undefined)(doc);
    },
  },
  {
    name: 'enterprise database key in software, not HSM', rule: 'ENC-5-GCP', stack: 'acme-prod', file: tfFile('acme-prod'),
    mutate: (doc: any) => {
      tf('google_kms_crypto_key', (b) => (b.version_template.protection_level = 'SOFTWARE'), /database/)(doc);
      return tf('google_sql_database_instance', () => undefined)(doc);
    },
  },
  {
    name: 'enterprise documents under our key instead of the customer key', rule: 'ENC-5-AWS', stack: 'stark-prod', file: cdkFile('stark-prod'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID = { 'Fn::ImportValue': 'stark-prod-keys:ExportsOutputFnGetAttDatabaseKey7998E78FArn796F7589' }), /^Documents/),
  },
  {
    name: "enterprise staging documents under the customer's prod key", rule: 'ENC-5-AWS', stack: 'stark-staging', file: cdkFile('stark-staging'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID = 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab'), /^Documents/),
  },
  {
    name: "enterprise staging bucket under the customer's prod key", rule: 'ENC-5-GCP', stack: 'acme-staging', file: tfFile('acme-staging'),
    mutate: tf('google_storage_bucket', (b) => (b.encryption.default_kms_key_name = 'projects/acme-kms/locations/europe-west1/keyRings/acme/cryptoKeys/docs')),
  },
  {
    name: "DynamoDB table under another tenant's registered customer key", rule: 'ENC-3', stack: 'globex-staging', file: cdkFile('globex-staging'),
    mutate: addCfn('JobsTable', 'AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, Tags: awsTags('globex', 'staging', 'dedicated'),
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab' },
    }),
  },
  {
    name: 'Kinesis stream under a key declared in the data stack', rule: 'ENC-4-AWS', stack: 'globex-prod', file: cdkFile('globex-prod'),
    mutate: (t: any) => {
      t.Resources.LocalKey = { Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30, Tags: awsTags('globex', 'prod', 'dedicated') } };
      return addCfn('Events', 'AWS::Kinesis::Stream', { StreamEncryption: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': ['LocalKey', 'Arn'] } }, Tags: awsTags('globex', 'prod', 'dedicated') })(t);
    },
  },
  {
    name: 'Pub/Sub topic in the KMS project beside its key', rule: 'ENC-4-GCP', stack: 'hooli-prod', file: tfFile('hooli-prod'),
    mutate: addTf('google_pubsub_topic', 'jobs', { name: 'jobs', project: 'cdn-kms-prd', kms_key_name: '${google_kms_crypto_key.keys_logs_0FF6A81F.id}', labels: { environment: 'prod', tenant: 'hooli', tier: 'pooled' } }),
  },
  {
    name: "enterprise Bigtable cluster under the customer's staging key in prod", rule: 'ENC-5-GCP', stack: 'acme-prod', file: tfFile('acme-prod'),
    mutate: addTf('google_bigtable_instance', 'events', {
      name: 'events', project: 'cdn-acme-prd', labels: { environment: 'prod', tenant: 'acme', tier: 'enterprise' },
      cluster: [{ cluster_id: 'events-a', zone: 'europe-west1-b', kms_key_name: 'projects/acme-kms-stg/locations/europe-west1/keyRings/acme/cryptoKeys/docs' }],
    }),
  },
  {
    name: "GCP bucket under another tenant's key (by key name)", rule: 'ENC-3', stack: 'hooli-prod', file: tfFile('hooli-prod'),
    mutate: tf('google_storage_bucket', (b) => (b.encryption.default_kms_key_name = 'projects/cdn-kms-prd/locations/europe-west1/keyRings/northwind/cryptoKeys/documents')),
  },
];
