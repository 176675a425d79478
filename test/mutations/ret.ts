import { loadRegistry } from '../../infra/registry/load';
import { addCfn, awsTags, cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

const cyberdyne = loadRegistry().find((t) => t.id === 'cyberdyne')!;
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// The matrix gates the estate's files without the registry, so the RET rules judge these stacks
// without a tenant: expiry and soft-delete windows must exist and stay within the registry's bounds.
export const rows: MutationRow[] = [
  {
    name: 'S3 document bucket without object expiry',
    rule: 'RET-1-AWS',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::S3::Bucket', (p) => p.LifecycleConfiguration.Rules.forEach((r: any) => delete r.ExpirationInDays), /^Documents/),
  },
  {
    name: 'GCS zero-retention expiry without send_age_if_zero',
    rule: 'RET-1-GCP',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_storage_bucket', (b) => (b.lifecycle_rule[0].condition.send_age_if_zero = false)),
  },
  {
    name: 'S3 noncurrent versions kept 91 days',
    rule: 'RET-2-AWS',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurrentDays = 91), /^Documents/),
  },
  {
    name: 'S3 document bucket versioning suspended',
    rule: 'RET-2-AWS',
    stack: 'wayne-prod',
    file: cdkFile('wayne-prod'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.VersioningConfiguration.Status = 'Suspended'), /^Documents/),
  },
  {
    name: 'GCS document bucket without a soft delete policy',
    rule: 'RET-2-GCP',
    stack: 'northwind-prod',
    file: tfFile('northwind-prod'),
    mutate: tf('google_storage_bucket', (b) => delete b.soft_delete_policy),
  },
  {
    name: 'S3 audit bucket Object Lock in GOVERNANCE mode',
    rule: 'RET-3-AWS',
    stack: 'cordon-platform-prod-us-east-1',
    file: cdkFile('cordon-platform-prod-us-east-1'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.ObjectLockConfiguration.Rule.DefaultRetention.Mode = 'GOVERNANCE')),
  },
  {
    name: 'audit log bucket kept 365 days',
    rule: 'RET-3-GCP',
    stack: 'cordon-platform-staging',
    file: tfFile('cordon-platform-staging'),
    mutate: tf('google_logging_project_bucket_config', (b) => (b.retention_days = 365)),
  },
  {
    name: 'Aurora cluster keeps backups 6 days',
    rule: 'RET-4-AWS',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::RDS::DBCluster', (p) => (p.BackupRetentionPeriod = 6)),
  },
  {
    name: 'DocumentDB cluster on the default one-day backup window',
    rule: 'RET-4-AWS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: addCfn('Extractions', 'AWS::DocDB::DBCluster', {
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::ImportValue': 'stark-prod-keys:ExportsOutputFnGetAttDatabaseKey7998E78FArn796F7589' },
      Tags: awsTags('stark', 'prod', 'enterprise'),
    }),
  },
  {
    name: 'DynamoDB global table replica without point-in-time recovery',
    rule: 'RET-4-AWS',
    stack: 'globex-staging',
    file: cdkFile('globex-staging'),
    mutate: addCfn('JobsGlobalTable', 'AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [{ Region: 'us-east-1', SSESpecification: { KMSMasterKeyId: { 'Fn::ImportValue': 'globex-staging-keys:ExportsOutputFnGetAttDatabaseKey7998E78FArn796F7589' } }, Tags: awsTags('globex', 'staging', 'dedicated') }],
    }),
  },
  {
    name: 'Cloud SQL transaction logs kept 6 days',
    rule: 'RET-4-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_sql_database_instance', (b) => (b.settings.backup_configuration.transaction_log_retention_days = 6)),
  },
  {
    name: "offboarded tenant's key left enabled",
    rule: 'RET-5-AWS',
    stack: 'tyrell-staging-keys',
    file: cdkFile('tyrell-staging-keys'),
    mutate: cfn('AWS::KMS::Key', (p) => (p.Enabled = true)),
  },
  {
    name: 'offboarding tenant given back a workload identity',
    rule: 'RET-5-GCP',
    stack: 'cyberdyne-staging',
    file: tfFile('cyberdyne-staging'),
    mutate: (doc) => {
      doc.resource.google_service_account = { workload: { project: 'cordon-cyberdyne-staging', account_id: 'workload' } };
      return 'google_service_account.workload';
    },
  },
  {
    name: "offboarding tenant gated the day after its soft-delete window: every key is due for shredding",
    rule: 'RET-5-SHRED',
    stack: 'cyberdyne-staging',
    file: tfFile('cyberdyne-staging'),
    today: dayAfter(cyberdyne.offboarding!.dataUntil),
    mutate: (doc) => Object.keys(doc.resource.google_kms_crypto_key).map((name) => `google_kms_crypto_key.${name}`),
  },
  {
    name: 'dedicated tenant WAF logs kept one year, under the audit contract',
    rule: 'RET-3-AWS-EDGE-LOGS',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: cfn('AWS::Logs::LogGroup', (p) => (p.RetentionInDays = 365), /^EdgeWafLogs/),
  },
];
