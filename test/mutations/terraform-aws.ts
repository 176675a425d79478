import { MutationRow, tf } from './mutators';

// The Terraform-on-AWS form of one tenant (test/fixtures/terraform-aws: globex staging's key and data
// stacks written by hand), gated with the synthesized estate: each row breaks one attribute.

const KEYS = 'terraform-aws/tf-globex-staging-keys.tf.json';
const DATA = 'terraform-aws/tf-globex-staging.tf.json';
const keys = { stack: 'tf-globex-staging-keys', file: KEYS };
const data = { stack: 'tf-globex-staging', file: DATA };

/** Breaks a resource that configures the documents bucket; the finding names the bucket. */
const bucket = (type: string, mutate: (block: any) => void) => (doc: any): string => {
  tf(type, mutate)(doc);
  return 'aws_s3_bucket.documents';
};

const param = (name: string, value: string) => tf('aws_rds_cluster_parameter_group', (b) => (b.parameter.find((p: any) => p.name === name).value = value));

export const rows: MutationRow[] = [
  { name: 'Terraform: key rotated yearly', rule: 'ENC-2-AWS', ...keys, mutate: tf('aws_kms_key', (b) => (b.rotation_period_in_days = 365), /^documents$/) },
  { name: 'Terraform: key deletion window of 7 days', rule: 'ENC-6-AWS', ...keys, mutate: tf('aws_kms_key', (b) => (b.deletion_window_in_days = 7), /^logs$/) },
  { name: 'Terraform: bucket on SSE-S3 (split resource)', rule: 'ENC-1-AWS', ...data, mutate: bucket('aws_s3_bucket_server_side_encryption_configuration', (b) => (b.rule[0].apply_server_side_encryption_by_default = [{ sse_algorithm: 'AES256' }])) },
  { name: 'Terraform: log group without a key', rule: 'ENC-1-AWS-LOGS', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => delete b.kms_key_id, /^app$/) },
  { name: 'Terraform: Aurora storage unencrypted', rule: 'ENC-1-AWS-RDS', ...data, mutate: tf('aws_rds_cluster', (b) => (b.storage_encrypted = false)) },
  {
    name: "Terraform: bucket under another tenant's alias (its key stack's, by name)", rule: 'ENC-3', ...data,
    mutate: (doc: any) => {
      doc.data.aws_kms_alias.documents.name = 'alias/cordon/initech/documents';
      return 'aws_s3_bucket.documents';
    },
  },
  {
    name: 'Terraform: log group under a key declared in the data stack', rule: 'ENC-4-AWS', ...data,
    mutate: (doc: any) => {
      doc.resource.aws_kms_key = { local: { enable_key_rotation: true, rotation_period_in_days: 90, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true }, tags: { environment: 'staging', tenant: 'globex', tier: 'dedicated' } } };
      return tf('aws_cloudwatch_log_group', (b) => (b.kms_key_id = '${aws_kms_key.local.arn}'), /^app$/)(doc);
    },
  },
  { name: 'Terraform: public access block with one flag off', rule: 'NET-4-AWS', ...data, mutate: bucket('aws_s3_bucket_public_access_block', (b) => (b.restrict_public_buckets = false)) },
  { name: 'Terraform: Aurora instance publicly accessible', rule: 'NET-4-AWS', ...data, mutate: tf('aws_rds_cluster_instance', (b) => (b.publicly_accessible = true)) },
  {
    name: 'Terraform: bucket policy removed', rule: 'TLS-2-AWS-S3', ...data,
    mutate: (doc: any) => {
      delete doc.resource.aws_s3_bucket_policy;
      return 'aws_s3_bucket.documents';
    },
  },
  { name: 'Terraform: documents expire after 31 days', rule: 'RET-1-AWS', ...data, mutate: bucket('aws_s3_bucket_lifecycle_configuration', (b) => (b.rule[0].expiration[0].days = 31)) },
  { name: 'Terraform: versioning suspended', rule: 'RET-2-AWS', ...data, mutate: bucket('aws_s3_bucket_versioning', (b) => (b.versioning_configuration[0].status = 'Suspended')) },
  { name: 'Terraform: one day of Aurora backups', rule: 'RET-4-AWS', ...data, mutate: tf('aws_rds_cluster', (b) => (b.backup_retention_period = 1)) },
  { name: 'Terraform: flow log of rejected traffic only', rule: 'NET-3-AWS', ...data, mutate: (doc: any) => (tf('aws_flow_log', (b) => (b.traffic_type = 'REJECT'))(doc), 'aws_vpc.main') },
  { name: 'Terraform: ssh open to the internet', rule: 'NET-1-AWS', ...data, mutate: tf('aws_security_group', (b) => Object.assign(b.ingress[0], { from_port: 22, to_port: 22 }), /^alb$/) },
  { name: 'Terraform: Aurora TLS not forced', rule: 'TLS-2-AWS-RDS', ...data, mutate: param('rds.force_ssl', '0') },
  { name: 'Terraform: pgaudit not loaded', rule: 'LOG-1-AWS-PGAUDIT', ...data, mutate: param('shared_preload_libraries', 'pg_stat_statements') },
  { name: 'Terraform: listener on a TLS 1.0 policy', rule: 'TLS-1-AWS-ALB', ...data, mutate: tf('aws_lb_listener', (b) => (b.ssl_policy = 'ELBSecurityPolicy-2016-08'), /^https$/) },
  { name: 'Terraform: log group without a tenant tag', rule: 'TEN-1-AWS', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => (b.tags = { environment: 'staging', tier: 'dedicated' }), /^flow$/) },
];
