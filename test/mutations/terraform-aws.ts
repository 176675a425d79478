import { MutationRow, tf } from './mutators';

// The Terraform-on-AWS form of tenants (test/fixtures/terraform-aws: globex staging's key, data
// and edge stacks written by hand, and contracts/), gated with the synthesized estate: each row breaks
// one attribute, or adds one resource of a type the tenant's stacks do not declare, broken in one attribute.

const KEYS = 'terraform-aws/tf-globex-staging-keys.tf.json';
const DATA = 'terraform-aws/tf-globex-staging.tf.json';
const EDGE = 'terraform-aws/tf-globex-staging-edge.tf.json';
const keys = { stack: 'tf-globex-staging-keys', file: KEYS };
const data = { stack: 'tf-globex-staging', file: DATA };
const edge = { stack: 'tf-globex-staging-edge', file: EDGE };
// The contracts globex does not have (contracts/, apart from the tenant bench:gate copies): stark
// (enterprise, PHI, a customer key per environment, Anthropic only) in prod, and tyrell (offboarded:
// its keys shredded).
const stark = { stack: 'contracts/tf-stark-prod', file: 'terraform-aws/contracts/tf-stark-prod.tf.json' };
const tyrell = { stack: 'contracts/tf-tyrell-staging-keys', file: 'terraform-aws/contracts/tf-tyrell-staging-keys.tf.json' };
const starkTags = { environment: 'prod', tenant: 'stark', tier: 'enterprise' };
const STARK_STAGING_KEY = 'arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab';
const tags = { environment: 'staging', tenant: 'globex', tier: 'dedicated' };
const KEY = '${data.aws_kms_alias.logs.target_key_arn}';

/** Adds a resource to the stack; returns its address. */
const add = (type: string, name: string, block: Record<string, unknown>) => (doc: any): string => {
  ((doc.resource ??= {})[type] ??= {})[name] = block;
  return `${type}.${name}`;
};

/** A trail every CloudTrail rule accepts, writing to a bucket outside the stack, with one change. */
const trail = (over: Record<string, unknown>) => add('aws_cloudtrail', 'audit', {
  name: 'globex-staging', s3_bucket_name: 'cordon-audit-logs', is_multi_region_trail: true, enable_log_file_validation: true, kms_key_id: KEY,
  event_selector: [{ read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
  tags, ...over,
});

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
  { name: 'Terraform: one day of DocumentDB backups', rule: 'RET-4-AWS', ...data, mutate: tf('aws_docdb_cluster', (b) => (b.backup_retention_period = 1)) },
  { name: 'Terraform: DocumentDB cluster on the AWS-managed key', rule: 'ENC-1-AWS-DOCDB', ...data, mutate: tf('aws_docdb_cluster', (b) => delete b.kms_key_id) },
  { name: 'Terraform: DocumentDB storage unencrypted', rule: 'ENC-1-AWS-DOCDB', ...data, mutate: tf('aws_docdb_cluster', (b) => (b.storage_encrypted = false)) },
  { name: 'Terraform: flow log of rejected traffic only', rule: 'NET-3-AWS', ...data, mutate: (doc: any) => (tf('aws_flow_log', (b) => (b.traffic_type = 'REJECT'))(doc), 'aws_vpc.main') },
  {
    name: "Terraform: staging database subnet group in a prod cell subnet (read through the cell's export)", rule: 'NET-5-AWS', ...data,
    mutate: (doc: any) => {
      (doc.data.aws_cloudformation_export ??= {}).cell_subnet = { name: 'cordon-cell-prod-us-east-1:ExportsOutputRefNetworkVpcdataSubnet1SubnetE7C988E9654FEFB2' };
      return add('aws_db_subnet_group', 'database', { subnet_ids: ['${data.aws_cloudformation_export.cell_subnet.value}', '${aws_subnet.app_b.id}'], tags })(doc);
    },
  },
  {
    name: "Terraform: a function handed another tenant's key through its key stack's export", rule: 'TEN-2', ...data,
    mutate: (doc: any) => {
      (doc.data.aws_cloudformation_export ??= {}).initech_logs = { name: 'initech-staging-keys:ExportsOutputFnGetAttLogsKeyFE4C4A83ArnEF444194' };
      return add('aws_lambda_function', 'export', {
        function_name: 'globex-staging-export', role: 'arn:aws:iam::111111111111:role/globex-staging-export', runtime: 'nodejs20.x', handler: 'index.handler', filename: 'export.zip',
        environment: { variables: { LOGS_KMS_KEY_ARN: '${data.aws_cloudformation_export.initech_logs.value}' } }, tags,
      })(doc);
    },
  },
  { name: 'Terraform: ssh open to the internet', rule: 'NET-1-AWS', ...data, mutate: tf('aws_security_group', (b) => Object.assign(b.ingress[0], { from_port: 22, to_port: 22 }), /^alb$/) },
  { name: 'Terraform: Aurora TLS not forced', rule: 'TLS-2-AWS-RDS', ...data, mutate: param('rds.force_ssl', '0') },
  { name: 'Terraform: pgaudit not loaded', rule: 'LOG-1-AWS-PGAUDIT', ...data, mutate: param('shared_preload_libraries', 'pg_stat_statements') },
  { name: 'Terraform: listener on a TLS 1.0 policy', rule: 'TLS-1-AWS-ALB', ...data, mutate: tf('aws_lb_listener', (b) => (b.ssl_policy = 'ELBSecurityPolicy-2016-08'), /^https$/) },
  { name: 'Terraform: log group without a tenant tag', rule: 'TEN-1-AWS', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => (b.tags = { environment: 'staging', tier: 'dedicated' }), /^flow$/) },
  { name: 'Terraform: service in a subnet id written out', rule: 'NET-2-AWS', ...data, mutate: tf('aws_ecs_service', (b) => (b.network_configuration[0].subnets = ['subnet-0abc', '${aws_subnet.app_b.id}'])) },
  {
    name: 'Terraform: a literal token in the container environment', rule: 'IAM-2-AWS', ...data,
    mutate: tf('aws_ecs_task_definition', (b) => {
      const defs = JSON.parse(b.container_definitions);
      defs[0].environment.push({ name: 'OPENAI_API_KEY', value: 'sk-live-123' });
      b.container_definitions = JSON.stringify(defs);
    }),
  },
  { name: 'Terraform: EBS volume on the default key', rule: 'ENC-1-AWS-EBS', ...data, mutate: add('aws_ebs_volume', 'scratch', { availability_zone: 'us-east-1a', size: 100, encrypted: true, tags }) },
  { name: 'Terraform: SQS queue on SSE-SQS', rule: 'ENC-1-AWS-MESSAGING', ...data, mutate: add('aws_sqs_queue', 'jobs', { name: 'globex-staging-jobs', sqs_managed_sse_enabled: true, tags }) },
  { name: 'Terraform: ECR repository without scan on push', rule: 'OPS-1-AWS', ...data, mutate: add('aws_ecr_repository', 'app', { name: 'globex-app', image_scanning_configuration: { scan_on_push: false }, tags }) },
  { name: 'Terraform: trail without log file validation', rule: 'LOG-1-AWS', ...data, mutate: trail({ enable_log_file_validation: false }) },
  { name: 'Terraform: trail without S3 data events', rule: 'LOG-1-AWS-S3-DATA', ...data, mutate: trail({ event_selector: [{ read_write_type: 'All', include_management_events: true }] }) },
  {
    name: 'Terraform: audit bucket locked in governance mode', rule: 'RET-3-AWS', ...data,
    mutate: (doc: any) => {
      trail({ s3_bucket_name: '${aws_s3_bucket.audit.id}' })(doc);
      add('aws_s3_bucket', 'audit', { bucket: 'cordon-globex-staging-audit', object_lock_enabled: true, tags })(doc);
      add('aws_s3_bucket_object_lock_configuration', 'audit', { bucket: '${aws_s3_bucket.audit.id}', rule: { default_retention: { mode: 'GOVERNANCE', years: 7 } } })(doc);
      add('aws_s3_bucket_server_side_encryption_configuration', 'audit', { bucket: '${aws_s3_bucket.audit.id}', rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY } } })(doc);
      add('aws_s3_bucket_public_access_block', 'audit', { bucket: '${aws_s3_bucket.audit.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true })(doc);
      add('aws_s3_bucket_policy', 'audit', { bucket: '${aws_s3_bucket.audit.id}', policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::cordon-globex-staging-audit/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) })(doc);
      return 'aws_s3_bucket.audit';
    },
  },
  {
    name: 'Terraform: a data protection policy that only audits', rule: 'LOG-2-AWS', ...data,
    mutate: (doc: any) => {
      add('aws_cloudwatch_log_data_protection_policy', 'app', {
        log_group_name: '${aws_cloudwatch_log_group.app.name}',
        policy_document: JSON.stringify({ Name: 'audit', Version: '2021-06-01', Statement: [{ Sid: 'audit', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: { Audit: { FindingsDestination: {} } } }] }),
      })(doc);
      return 'aws_cloudwatch_log_group.app';
    },
  },
  { name: 'Terraform: log group without retention', rule: 'LOG-1-AWS-LOG-RETENTION', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => delete b.retention_in_days, /^app$/) },
  { name: 'Terraform: exported pgaudit log kept a year', rule: 'LOG-1-AWS-PGAUDIT-EXPORT', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => (b.retention_in_days = 365), /^postgresql$/) },
  { name: 'Terraform: ALB web ACL log kept a year', rule: 'RET-3-AWS-EDGE-LOGS', ...data, mutate: tf('aws_cloudwatch_log_group', (b) => (b.retention_in_days = 365), /^alb_waf$/) },
  { name: 'Terraform: Aurora instance without enhanced monitoring', rule: 'LOG-1-AWS-RDS-MONITORING', ...data, mutate: tf('aws_rds_cluster_instance', (b) => (b.monitoring_interval = 0)) },
  { name: 'Terraform: ALB without its web ACL association', rule: 'EDGE-1-AWS-ALB', ...data, mutate: (doc: any) => (delete doc.resource.aws_wafv2_web_acl_association, 'aws_lb.web') },
  {
    name: 'Terraform: policy of a bucket declared elsewhere without a TLS statement', rule: 'TLS-2-AWS-S3-POLICY', ...data,
    mutate: add('aws_s3_bucket_policy', 'exports', { bucket: 'cordon-globex-staging-exports', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::cordon-globex-staging-exports/*' }] }) }),
  },
  {
    name: 'Terraform: DynamoDB table on the AWS-managed key', rule: 'ENC-1-AWS-DYNAMODB', ...data,
    mutate: add('aws_dynamodb_table', 'jobs', { name: 'globex-staging-jobs', hash_key: 'id', point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true }, tags }),
  },
  { name: 'Terraform: EFS file system on the AWS-managed key', rule: 'ENC-1-AWS-EFS', ...data, mutate: add('aws_efs_file_system', 'scratch', { encrypted: true, tags }) },
  { name: 'Terraform: Kinesis stream encrypted without a customer key', rule: 'ENC-1-AWS-KINESIS', ...data, mutate: add('aws_kinesis_stream', 'events', { name: 'globex-staging-events', encryption_type: 'KMS', tags }) },
  // Stark's prod data stack.
  { name: 'Terraform: an IAM user in production', rule: 'IAM-1-AWS', ...stark, mutate: add('aws_iam_user', 'operator', { name: 'stark-operator', tags: starkTags }) },
  {
    // stark chose Anthropic only; a role of its stack that the OpenAI cell's task role may assume (read through the cell's export) puts it in that cell.
    name: 'Terraform: a tenant role the OpenAI cell may act as, for an Anthropic-only tenant', rule: 'TEN-3-CELL', stack: 'cordon-cell-prod-us-east-1-openai', file: stark.file,
    mutate: (doc: any) => {
      (doc.data ??= {}).aws_cloudformation_export = { cell_role: { name: 'cordon-cell-prod-us-east-1-openai:ExportsOutputFnGetAttTaskRole30FC0FBBArn85EA3C60' } };
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '${data.aws_cloudformation_export.cell_role.value}' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
      add('aws_iam_role', 'cell_tenant', { name: 'stark-prod-cell-tenant', assume_role_policy: JSON.stringify(trust), tags: starkTags })(doc);
      return 'NetworkEgressFirewallAllowed076EA7F7';
    },
  },
  { name: 'Terraform: an allow-list with a provider the tenant does not allow', rule: 'TEN-3-AWS', ...stark, mutate: add('aws_route53_resolver_firewall_domain_list', 'llm', { name: 'llm', domains: ['api.anthropic.com', 'api.openai.com'], tags: starkTags }) },
  { name: "Terraform: a PHI tenant's bucket tagged dedicated", rule: 'TEN-4-AWS', ...stark, mutate: tf('aws_s3_bucket', (b) => (b.tags.tier = 'dedicated')) },
  {
    name: "Terraform: enterprise documents under the customer's staging key in prod", rule: 'ENC-5-AWS', ...stark,
    mutate: bucket('aws_s3_bucket_server_side_encryption_configuration', (b) => (b.rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id = STARK_STAGING_KEY)),
  },
  // Tyrell's shredded keys.
  { name: 'Terraform: a key of an offboarded tenant still enabled', rule: 'RET-5-AWS', ...tyrell, mutate: tf('aws_kms_key', (b) => (b.is_enabled = true), /^documents$/) },
  // The edge stack.
  { name: 'Terraform: distribution without a web ACL', rule: 'EDGE-1-AWS', ...edge, mutate: tf('aws_cloudfront_distribution', (b) => delete b.web_acl_id) },
  { name: "Terraform: rate limit above the tenant's", rule: 'EDGE-2-AWS', ...edge, mutate: (doc: any) => (tf('aws_wafv2_web_acl', (b) => (b.rule[0].statement[0].rate_based_statement[0].limit = 2400))(doc), 'aws_wafv2_web_acl.edge') },
  { name: 'Terraform: viewers may negotiate TLS 1.1', rule: 'TLS-1-AWS-CLOUDFRONT', ...edge, mutate: tf('aws_cloudfront_distribution', (b) => (b.viewer_certificate[0].minimum_protocol_version = 'TLSv1.1_2016')) },
  {
    name: 'Terraform: HSTS for a day', rule: 'TLS-3-AWS', ...edge,
    mutate: tf('aws_cloudfront_response_headers_policy', (b) => (b.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec = 86400)),
  },
  { name: 'Terraform: web ACL logging configuration removed', rule: 'LOG-1-AWS-EDGE', ...edge, mutate: (doc: any) => (delete doc.resource.aws_wafv2_web_acl_logging_configuration, 'aws_wafv2_web_acl.edge') },
  { name: 'Terraform: access logs deliver the query string', rule: 'LOG-2-AWS-EDGE', ...edge, mutate: tf('aws_cloudwatch_log_delivery', (b) => b.record_fields.push('cs-uri-query')) },
];
