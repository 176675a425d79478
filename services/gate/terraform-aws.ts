import { stringEntries } from './labels';
import type { Resource } from './model';

/*
 * Terraform's AWS provider, judged by the AWS rules: each supported `aws_*` resource is translated
 * onto the CloudFormation type and property shape the rules read, so that one rule file per rule id
 * judges both. The resource keeps its Terraform address, references and tags; references stay
 * Terraform interpolations (`${aws_kms_key.k.arn}`), which the rules' lib.ref_address follows like
 * Ref / Fn::GetAtt. Values a plan knows only after apply stay unknown, so rules report them as
 * unverifiable. Resources that configure another one (aws_s3_bucket_versioning, ...) are folded into
 * it only when they designate it: `${aws_s3_bucket.x.id}`, its literal name, or (in a plan) a
 * configuration reference to it. A finding's property path is written back in Terraform terms.
 */

type Props = Record<string, unknown>;

/** How one Terraform resource type reads as a CloudFormation one. */
interface Mapping {
  readonly cfn: string;
  /** CloudFormation property -> Terraform attribute copied as is (null and absent are left out). */
  readonly attrs: Readonly<Record<string, string>>;
  /** CloudFormation properties built from nested blocks or with a conversion; paths they name in `paths` (or, per instance, in `instancePaths`). */
  readonly build?: (tf: Props, out: Props, instancePaths: Record<string, string>) => void;
  /** CloudFormation property path -> Terraform attribute path, for what `build` writes. */
  readonly paths?: Readonly<Record<string, string>>;
  /** Terraform's value of an attribute the input leaves out, where it differs from CloudFormation's default. */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/** A resource that configures another: folded into the resource it designates by `link`. */
interface Fold {
  readonly target: readonly string[];
  /** The attribute that designates the target. */
  readonly link: string;
  /** The target attribute a literal `link` value must equal (the bucket's name); absent when only references count. */
  readonly byName?: string;
  readonly fold: (tf: Props, target: Props) => void;
  /** CloudFormation property paths this fold writes on the target -> Terraform attribute of the folded resource. */
  readonly paths: Readonly<Record<string, string>>;
}

// --- value helpers -----------------------------------------------------------------------------

const present = (v: unknown) => v !== undefined && v !== null;

/** Nested blocks: HCL and plans write a list of objects, TF JSON an object or a list. An unknown block stays a value. */
function blocks(v: unknown): Props[] {
  if (Array.isArray(v)) return v.filter((b): b is Props => !!b && typeof b === 'object' && !Array.isArray(b));
  if (v && typeof v === 'object') return [v as Props];
  return [];
}

const first = (v: unknown): Props | undefined => blocks(v)[0];

/** A block as it must appear in CloudFormation: converted, or the unknown value itself. */
function block(v: unknown, convert: (b: Props) => Props): unknown {
  if (typeof v === 'string') return v;
  const b = first(v);
  return b ? convert(b) : undefined;
}

/** Copies Terraform attributes onto CloudFormation keys, leaving out absent and null ones. */
function pick(tf: Props, attrs: Readonly<Record<string, string>>): Props {
  const out: Props = {};
  for (const [cfn, name] of Object.entries(attrs)) if (present(tf[name])) out[cfn] = tf[name];
  return out;
}

const set = (out: Props, key: string, v: unknown) => {
  if (present(v)) out[key] = v;
};

/** A policy document written as a JSON string becomes the object CloudFormation holds; an expression stays as written. */
function policyDocument(v: unknown): unknown {
  if (typeof v !== 'string' || v.includes('${')) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * A WAFv2 statement tree in CloudFormation shape: snake_case keys to PascalCase, one-element block
 * lists to objects (every WAFv2 block is at most one, except the statements of and/or, which
 * CloudFormation names `Statements`), empty blocks (`block {}`) to `{}`.
 */
function wafTree(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 1 ? wafTree(v[0]) : v.map(wafTree);
  if (!v || typeof v !== 'object') return v;
  const out: Props = {};
  for (const [k, x] of Object.entries(v as Props)) {
    if (!present(x) || (Array.isArray(x) && x.length === 0 && k !== 'statement')) continue;
    if (k === 'statement' && Array.isArray(x) && x.length !== 1) out.Statements = x.map(wafTree);
    else out[pascal(k)] = wafTree(x);
  }
  return out;
}

/** An ELBv2 action block (default_action, action) as CloudFormation's Action. */
function lbAction(a: Props): Props {
  const out = pick(a, { Type: 'type', TargetGroupArn: 'target_group_arn', Order: 'order' });
  set(out, 'RedirectConfig', block(a.redirect, (r) => pick(r, { Protocol: 'protocol', Port: 'port', Host: 'host', Path: 'path', Query: 'query', StatusCode: 'status_code' })));
  set(out, 'FixedResponseConfig', block(a.fixed_response, (r) => pick(r, { StatusCode: 'status_code', ContentType: 'content_type', MessageBody: 'message_body' })));
  return out;
}

const lbActions = (v: unknown) => (typeof v === 'string' ? v : blocks(v).map(lbAction));

/** A CloudFront cache behavior block. */
const cacheBehavior = (b: Props) =>
  pick(b, { TargetOriginId: 'target_origin_id', ViewerProtocolPolicy: 'viewer_protocol_policy', ResponseHeadersPolicyId: 'response_headers_policy_id', PathPattern: 'path_pattern', CachePolicyId: 'cache_policy_id' });

/** An S3 default encryption rule block (aws_s3_bucket_server_side_encryption_configuration, or inline). */
function sseRules(rules: unknown): unknown {
  if (typeof rules === 'string') return { ServerSideEncryptionConfiguration: rules };
  return {
    ServerSideEncryptionConfiguration: blocks(rules).map((r) => {
      const out: Props = {};
      set(out, 'ServerSideEncryptionByDefault', block(r.apply_server_side_encryption_by_default, (d) => pick(d, { SSEAlgorithm: 'sse_algorithm', KMSMasterKeyID: 'kms_master_key_id' })));
      set(out, 'BucketKeyEnabled', r.bucket_key_enabled);
      return out;
    }),
  };
}

/**
 * An S3 lifecycle rule, from aws_s3_bucket_lifecycle_configuration (`status`, `filter`, `expiration.days`,
 * `noncurrent_version_expiration.noncurrent_days`) or the legacy inline `lifecycle_rule` (`enabled`,
 * `prefix`, `tags`, `noncurrent_version_expiration.days`).
 */
function lifecycleRule(r: Props): Props {
  const out: Props = pick(r, { Id: 'id', Prefix: 'prefix' });
  if (present(r.status)) out.Status = r.status;
  else if (present(r.enabled)) out.Status = typeof r.enabled === 'boolean' ? (r.enabled ? 'Enabled' : 'Disabled') : r.enabled;
  const tags: unknown[] = [];
  const tagsOf = (t: unknown) => {
    if (t && typeof t === 'object' && !Array.isArray(t)) for (const [Key, Value] of Object.entries(t)) tags.push({ Key, Value });
  };
  tagsOf(r.tags);
  for (const f of blocks(r.filter)) {
    set(out, 'Prefix', f.prefix);
    for (const t of blocks(f.tag)) tags.push({ Key: t.key, Value: t.value });
    set(out, 'ObjectSizeGreaterThan', f.object_size_greater_than);
    set(out, 'ObjectSizeLessThan', f.object_size_less_than);
    for (const a of blocks(f.and)) {
      set(out, 'Prefix', a.prefix);
      tagsOf(a.tags);
      set(out, 'ObjectSizeGreaterThan', a.object_size_greater_than);
      set(out, 'ObjectSizeLessThan', a.object_size_less_than);
    }
  }
  if (tags.length > 0) out.TagFilters = tags;
  for (const e of blocks(r.expiration)) {
    set(out, 'ExpirationInDays', e.days);
    set(out, 'ExpirationDate', e.date);
  }
  for (const n of blocks(r.noncurrent_version_expiration)) {
    const days = present(n.noncurrent_days) ? n.noncurrent_days : n.days;
    if (present(days)) out.NoncurrentVersionExpiration = { NoncurrentDays: days };
  }
  return out;
}

const lifecycle = (rules: unknown) => ({ Rules: typeof rules === 'string' ? rules : blocks(rules).map(lifecycleRule) });

/** Object lock: `object_lock_enabled` "Enabled" and `rule.default_retention` {mode, days, years}. */
function objectLock(c: Props): Props {
  const out: Props = pick(c, { ObjectLockEnabled: 'object_lock_enabled' });
  const rule = first(c.rule);
  const retention = rule && block(rule.default_retention, (d) => pick(d, { Mode: 'mode', Days: 'days', Years: 'years' }));
  if (present(retention)) out.Rule = { DefaultRetention: retention };
  return out;
}

const versioning = (status: unknown) => ({ Status: status });

/** ELBv2 listeners and listener rules (aws_lb_* and their aws_alb_* aliases). */
const listener: Mapping = {
  cfn: 'AWS::ElasticLoadBalancingV2::Listener',
  attrs: { Protocol: 'protocol', Port: 'port', SslPolicy: 'ssl_policy', LoadBalancerArn: 'load_balancer_arn' },
  build: (tf, out) => {
    set(out, 'DefaultActions', tf.default_action === undefined ? undefined : lbActions(tf.default_action));
    if (present(tf.certificate_arn)) out.Certificates = [{ CertificateArn: tf.certificate_arn }];
  },
  paths: { DefaultActions: 'default_action', Certificates: 'certificate_arn' },
};

const listenerRule: Mapping = {
  cfn: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  attrs: { ListenerArn: 'listener_arn', Priority: 'priority' },
  build: (tf, out) => set(out, 'Actions', tf.action === undefined ? undefined : lbActions(tf.action)),
  paths: { Actions: 'action' },
};

const parameterGroup = (cfn: string): Mapping => ({
  cfn,
  attrs: { Family: 'family', Description: 'description' },
  build: (tf, out) => {
    if (typeof tf.parameter === 'string') out.Parameters = tf.parameter;
    else if (tf.parameter !== undefined) out.Parameters = Object.fromEntries(blocks(tf.parameter).map((p) => [p.name, p.value]));
  },
  paths: { Parameters: 'parameter' },
});

/**
 * The translation table: Terraform type -> CloudFormation type and properties. Attribute names from
 * the Terraform AWS provider documentation (v5/v6); `defaults` where Terraform's default differs
 * from CloudFormation's and a rule reads the property.
 */
export const MAPPINGS: Readonly<Record<string, Mapping>> = {
  aws_kms_key: {
    cfn: 'AWS::KMS::Key',
    attrs: {
      EnableKeyRotation: 'enable_key_rotation',
      RotationPeriodInDays: 'rotation_period_in_days',
      KeySpec: 'customer_master_key_spec',
      KeyUsage: 'key_usage',
      PendingWindowInDays: 'deletion_window_in_days',
      Enabled: 'is_enabled',
      MultiRegion: 'multi_region',
      Description: 'description',
    },
    build: (tf, out) => set(out, 'KeyPolicy', policyDocument(tf.policy)),
    paths: { KeyPolicy: 'policy' },
  },
  aws_kms_replica_key: {
    cfn: 'AWS::KMS::ReplicaKey',
    attrs: { PendingWindowInDays: 'deletion_window_in_days', Enabled: 'enabled', PrimaryKeyArn: 'primary_key_arn' },
  },
  aws_kms_alias: { cfn: 'AWS::KMS::Alias', attrs: { AliasName: 'name', TargetKeyId: 'target_key_id' } },
  aws_s3_bucket: {
    cfn: 'AWS::S3::Bucket',
    attrs: { BucketName: 'bucket' },
    // The inline blocks of provider v3 (deprecated since v4, still read by v5): what they set counts as the split resources do.
    build: (tf, out) => {
      if (tf.acl === 'log-delivery-write') out.AccessControl = 'LogDeliveryWrite';
      if (present(tf.object_lock_enabled)) out.ObjectLockEnabled = tf.object_lock_enabled;
      set(out, 'BucketEncryption', block(tf.server_side_encryption_configuration, (c) => sseRules(c.rule) as Props));
      set(out, 'VersioningConfiguration', block(tf.versioning, (v) => versioning(v.enabled === true ? 'Enabled' : v.enabled === false ? 'Suspended' : v.enabled)));
      if (blocks(tf.lifecycle_rule).length > 0 || typeof tf.lifecycle_rule === 'string') out.LifecycleConfiguration = lifecycle(tf.lifecycle_rule);
      set(out, 'LoggingConfiguration', block(tf.logging, (l) => pick(l, { DestinationBucketName: 'target_bucket', LogFilePrefix: 'target_prefix' })));
      const lock = block(tf.object_lock_configuration, objectLock);
      if (present(lock)) {
        out.ObjectLockConfiguration = lock;
        // v3 turned object lock on through the block; CloudFormation needs both flags.
        if (!present(tf.object_lock_enabled) && (lock as Props).ObjectLockEnabled === 'Enabled') out.ObjectLockEnabled = true;
      }
    },
    paths: {
      ObjectLockEnabled: 'object_lock_enabled',
      BucketEncryption: 'server_side_encryption_configuration',
      VersioningConfiguration: 'versioning',
      'VersioningConfiguration.Status': 'versioning.enabled',
      LifecycleConfiguration: 'lifecycle_rule',
      'LifecycleConfiguration.Rules': 'lifecycle_rule',
      LoggingConfiguration: 'logging',
      ObjectLockConfiguration: 'object_lock_configuration',
      PublicAccessBlockConfiguration: 'aws_s3_bucket_public_access_block',
      BucketPolicy: 'aws_s3_bucket_policy',
    },
  },
  aws_s3_bucket_policy: {
    cfn: 'AWS::S3::BucketPolicy',
    attrs: { Bucket: 'bucket' },
    build: (tf, out) => set(out, 'PolicyDocument', policyDocument(tf.policy)),
    paths: { PolicyDocument: 'policy' },
  },
  aws_lb_listener: listener,
  aws_alb_listener: listener,
  aws_lb_listener_rule: listenerRule,
  aws_alb_listener_rule: listenerRule,
  aws_cloudfront_distribution: {
    cfn: 'AWS::CloudFront::Distribution',
    attrs: {},
    build: (tf, out) => {
      const c: Props = pick(tf, { WebACLId: 'web_acl_id', Enabled: 'enabled', Aliases: 'aliases' });
      set(c, 'ViewerCertificate', block(tf.viewer_certificate, (v) =>
        pick(v, { CloudFrontDefaultCertificate: 'cloudfront_default_certificate', AcmCertificateArn: 'acm_certificate_arn', IamCertificateId: 'iam_certificate_id', MinimumProtocolVersion: 'minimum_protocol_version', SslSupportMethod: 'ssl_support_method' }),
      ));
      set(c, 'DefaultCacheBehavior', block(tf.default_cache_behavior, cacheBehavior));
      if (blocks(tf.ordered_cache_behavior).length > 0) c.CacheBehaviors = blocks(tf.ordered_cache_behavior).map(cacheBehavior);
      if (blocks(tf.origin).length > 0) {
        c.Origins = blocks(tf.origin).map((o) => {
          const origin: Props = pick(o, { DomainName: 'domain_name', Id: 'origin_id' });
          set(origin, 'CustomOriginConfig', block(o.custom_origin_config, (x) =>
            pick(x, { OriginProtocolPolicy: 'origin_protocol_policy', OriginSSLProtocols: 'origin_ssl_protocols', HTTPPort: 'http_port', HTTPSPort: 'https_port' }),
          ));
          set(origin, 'S3OriginConfig', block(o.s3_origin_config, (x) => pick(x, { OriginAccessIdentity: 'origin_access_identity' })));
          return origin;
        });
      }
      set(c, 'Logging', block(tf.logging_config, (l) => pick(l, { Bucket: 'bucket', Prefix: 'prefix', IncludeCookies: 'include_cookies' })));
      out.DistributionConfig = c;
    },
    paths: {
      'DistributionConfig.WebACLId': 'web_acl_id',
      'DistributionConfig.ViewerCertificate.MinimumProtocolVersion': 'viewer_certificate.minimum_protocol_version',
      'DistributionConfig.ViewerCertificate': 'viewer_certificate',
      'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy': 'default_cache_behavior.viewer_protocol_policy',
      'DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId': 'default_cache_behavior.response_headers_policy_id',
      'DistributionConfig.DefaultCacheBehavior': 'default_cache_behavior',
      'DistributionConfig.CacheBehaviors': 'ordered_cache_behavior',
      'DistributionConfig.Origins': 'origin',
      'DistributionConfig.Logging': 'logging_config',
    },
  },
  aws_cloudfront_response_headers_policy: {
    cfn: 'AWS::CloudFront::ResponseHeadersPolicy',
    attrs: {},
    build: (tf, out) => {
      const h = block(tf.security_headers_config, (s) => {
        const o: Props = {};
        set(o, 'StrictTransportSecurity', block(s.strict_transport_security, (x) => pick(x, { AccessControlMaxAgeSec: 'access_control_max_age_sec', IncludeSubdomains: 'include_subdomains', Override: 'override', Preload: 'preload' })));
        set(o, 'ContentSecurityPolicy', block(s.content_security_policy, (x) => pick(x, { ContentSecurityPolicy: 'content_security_policy', Override: 'override' })));
        return o;
      });
      out.ResponseHeadersPolicyConfig = { ...pick(tf, { Name: 'name' }), ...(present(h) && { SecurityHeadersConfig: h }) };
    },
    paths: {
      'ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity': 'security_headers_config.strict_transport_security',
      'ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy': 'security_headers_config.content_security_policy',
    },
  },
  aws_cloudtrail: {
    cfn: 'AWS::CloudTrail::Trail',
    attrs: {
      IsLogging: 'enable_logging',
      IsMultiRegionTrail: 'is_multi_region_trail',
      EnableLogFileValidation: 'enable_log_file_validation',
      KMSKeyId: 'kms_key_id',
      S3BucketName: 's3_bucket_name',
      IsOrganizationTrail: 'is_organization_trail',
    },
    build: (tf, out) => {
      if (typeof tf.event_selector === 'string') out.EventSelectors = tf.event_selector;
      else if (blocks(tf.event_selector).length > 0) {
        out.EventSelectors = blocks(tf.event_selector).map((s) => ({
          ...pick(s, { ReadWriteType: 'read_write_type', IncludeManagementEvents: 'include_management_events' }),
          DataResources: blocks(s.data_resource).map((d) => pick(d, { Type: 'type', Values: 'values' })),
        }));
      }
      if (typeof tf.advanced_event_selector === 'string') out.AdvancedEventSelectors = tf.advanced_event_selector;
      else if (blocks(tf.advanced_event_selector).length > 0) {
        out.AdvancedEventSelectors = blocks(tf.advanced_event_selector).map((s) => ({
          ...pick(s, { Name: 'name' }),
          FieldSelectors: blocks(s.field_selector).map((f) =>
            pick(f, { Field: 'field', Equals: 'equals', NotEquals: 'not_equals', StartsWith: 'starts_with', NotStartsWith: 'not_starts_with', EndsWith: 'ends_with', NotEndsWith: 'not_ends_with' }),
          ),
        }));
      }
    },
    paths: { EventSelectors: 'event_selector', AdvancedEventSelectors: 'advanced_event_selector' },
    // "enable_logging - (Optional) Enables logging for the trail. Defaults to true."
    defaults: { enable_logging: true },
  },
  aws_wafv2_web_acl: {
    cfn: 'AWS::WAFv2::WebACL',
    attrs: { Scope: 'scope', Name: 'name' },
    build: (tf, out) => {
      if (typeof tf.rule === 'string') out.Rules = tf.rule;
      else if (tf.rule !== undefined) out.Rules = blocks(tf.rule).map((r) => wafTree(r));
      set(out, 'DefaultAction', tf.default_action === undefined ? undefined : wafTree(tf.default_action));
    },
    paths: { Rules: 'rule' },
  },
  aws_wafv2_web_acl_association: { cfn: 'AWS::WAFv2::WebACLAssociation', attrs: { ResourceArn: 'resource_arn', WebACLArn: 'web_acl_arn' } },
  aws_wafv2_web_acl_logging_configuration: {
    cfn: 'AWS::WAFv2::LoggingConfiguration',
    attrs: { ResourceArn: 'resource_arn', LogDestinationConfigs: 'log_destination_configs' },
    build: (tf, out) => {
      if (typeof tf.redacted_fields === 'string') out.RedactedFields = tf.redacted_fields;
      else if (tf.redacted_fields !== undefined) out.RedactedFields = blocks(tf.redacted_fields).map((f) => wafTree(f));
    },
    paths: { RedactedFields: 'redacted_fields' },
  },
  aws_vpc: { cfn: 'AWS::EC2::VPC', attrs: { CidrBlock: 'cidr_block' } },
  aws_flow_log: {
    cfn: 'AWS::EC2::FlowLog',
    attrs: { TrafficType: 'traffic_type', LogDestination: 'log_destination', LogDestinationType: 'log_destination_type', LogGroupName: 'log_group_name' },
    build: (tf, out) => {
      // One of these names what is logged.
      const kinds: [string, string][] = [['vpc_id', 'VPC'], ['subnet_id', 'Subnet'], ['eni_id', 'NetworkInterface'], ['transit_gateway_id', 'TransitGateway'], ['transit_gateway_attachment_id', 'TransitGatewayAttachment']];
      const found = kinds.find(([attr]) => present(tf[attr]));
      if (found) {
        out.ResourceId = tf[found[0]];
        out.ResourceType = found[1];
      }
    },
    paths: { ResourceId: 'vpc_id' },
  },
  aws_rds_cluster: {
    cfn: 'AWS::RDS::DBCluster',
    attrs: {
      Engine: 'engine',
      StorageEncrypted: 'storage_encrypted',
      KmsKeyId: 'kms_key_id',
      DBClusterParameterGroupName: 'db_cluster_parameter_group_name',
      BackupRetentionPeriod: 'backup_retention_period',
      PubliclyAccessible: 'publicly_accessible',
      MasterUserPassword: 'master_password',
      DBClusterIdentifier: 'cluster_identifier',
      EnableCloudwatchLogsExports: 'enabled_cloudwatch_logs_exports',
      MonitoringInterval: 'monitoring_interval',
      MonitoringRoleArn: 'monitoring_role_arn',
    },
  },
  aws_rds_cluster_instance: {
    cfn: 'AWS::RDS::DBInstance',
    attrs: { Engine: 'engine', DBClusterIdentifier: 'cluster_identifier', DBParameterGroupName: 'db_parameter_group_name', PubliclyAccessible: 'publicly_accessible', MonitoringInterval: 'monitoring_interval', MonitoringRoleArn: 'monitoring_role_arn' },
    // "publicly_accessible - (Optional) Bool to control if instance is publicly accessible. Default false."
    defaults: { publicly_accessible: false },
  },
  aws_db_instance: {
    cfn: 'AWS::RDS::DBInstance',
    attrs: {
      Engine: 'engine',
      StorageEncrypted: 'storage_encrypted',
      KmsKeyId: 'kms_key_id',
      DBParameterGroupName: 'parameter_group_name',
      BackupRetentionPeriod: 'backup_retention_period',
      PubliclyAccessible: 'publicly_accessible',
      SourceDBInstanceIdentifier: 'replicate_source_db',
      MasterUserPassword: 'password',
      EnableCloudwatchLogsExports: 'enabled_cloudwatch_logs_exports',
      MonitoringInterval: 'monitoring_interval',
      MonitoringRoleArn: 'monitoring_role_arn',
    },
    // "publicly_accessible - (Optional) Bool to control if instance is publicly accessible. Default is false."
    defaults: { publicly_accessible: false },
  },
  // DocumentDB (ENC-1-AWS-DOCDB, RET-4): storage_encrypted defaults to false and backup_retention_period to 1, as in CloudFormation.
  aws_docdb_cluster: {
    cfn: 'AWS::DocDB::DBCluster',
    attrs: {
      StorageEncrypted: 'storage_encrypted',
      KmsKeyId: 'kms_key_id',
      BackupRetentionPeriod: 'backup_retention_period',
      DBClusterIdentifier: 'cluster_identifier',
    },
  },
  // Always encrypted: kms_key_id names the customer key, else an AWS-owned one is used.
  aws_docdbelastic_cluster: { cfn: 'AWS::DocDBElastic::Cluster', attrs: { ClusterName: 'name', KmsKeyId: 'kms_key_id' } },
  aws_db_parameter_group: parameterGroup('AWS::RDS::DBParameterGroup'),
  aws_rds_cluster_parameter_group: parameterGroup('AWS::RDS::DBClusterParameterGroup'),
  aws_security_group: {
    cfn: 'AWS::EC2::SecurityGroup',
    attrs: { GroupDescription: 'description', VpcId: 'vpc_id' },
    // Terraform's ingress block names lists of sources; CloudFormation's entry names one (see ingressEntries).
    build: (tf, out, paths) => {
      if (typeof tf.ingress === 'string') out.SecurityGroupIngress = tf.ingress;
      else if (tf.ingress !== undefined) {
        const entries = blocks(tf.ingress).flatMap((b, i) => ingressEntries(b, `ingress[${i}]`));
        out.SecurityGroupIngress = entries.map(([e]) => e);
        entries.forEach(([, from], j) => Object.assign(paths, Object.fromEntries(Object.entries(from).map(([k, v]) => [`SecurityGroupIngress[${j}]${k}`, v]))));
      }
    },
    paths: { SecurityGroupIngress: 'ingress' },
  },
  aws_security_group_rule: {
    cfn: 'AWS::EC2::SecurityGroupIngress',
    attrs: {},
    build: (tf, out, paths) => {
      const [entry] = ingressEntries(tf, '');
      if (!entry) return;
      Object.assign(out, entry[0]);
      Object.assign(paths, Object.fromEntries(Object.entries(entry[1]).map(([k, v]) => [k.slice(1), v.replace(/^\./, '')])));
    },
  },
  aws_vpc_security_group_ingress_rule: {
    cfn: 'AWS::EC2::SecurityGroupIngress',
    attrs: {
      CidrIp: 'cidr_ipv4',
      CidrIpv6: 'cidr_ipv6',
      SourcePrefixListId: 'prefix_list_id',
      SourceSecurityGroupId: 'referenced_security_group_id',
      IpProtocol: 'ip_protocol',
      FromPort: 'from_port',
      ToPort: 'to_port',
      GroupId: 'security_group_id',
    },
  },
  aws_cloudwatch_log_group: {
    cfn: 'AWS::Logs::LogGroup',
    attrs: { LogGroupName: 'name', KmsKeyId: 'kms_key_id', RetentionInDays: 'retention_in_days' },
  },
  aws_cloudwatch_log_delivery_source: {
    cfn: 'AWS::Logs::DeliverySource',
    attrs: { Name: 'name', LogType: 'log_type', ResourceArn: 'resource_arn' },
  },
  aws_cloudwatch_log_delivery: {
    cfn: 'AWS::Logs::Delivery',
    attrs: { DeliverySourceName: 'delivery_source_name', DeliveryDestinationArn: 'delivery_destination_arn', RecordFields: 'record_fields', FieldDelimiter: 'field_delimiter' },
  },
  aws_cloudwatch_log_delivery_destination: {
    cfn: 'AWS::Logs::DeliveryDestination',
    attrs: { Name: 'name' },
    build: (tf, out) => set(out, 'DestinationResourceArn', first(tf.delivery_destination_configuration)?.destination_resource_arn),
  },
  aws_sqs_queue: { cfn: 'AWS::SQS::Queue', attrs: { KmsMasterKeyId: 'kms_master_key_id', SqsManagedSseEnabled: 'sqs_managed_sse_enabled', QueueName: 'name' } },
  aws_sns_topic: { cfn: 'AWS::SNS::Topic', attrs: { KmsMasterKeyId: 'kms_master_key_id', TopicName: 'name' } },
  aws_ebs_volume: { cfn: 'AWS::EC2::Volume', attrs: { Encrypted: 'encrypted', KmsKeyId: 'kms_key_id', Size: 'size' } },
  // Identity (IAM-1, IAM-2).
  aws_iam_user: { cfn: 'AWS::IAM::User', attrs: { UserName: 'name' } },
  aws_iam_access_key: { cfn: 'AWS::IAM::AccessKey', attrs: { UserName: 'user' } },
  aws_iam_user_group_membership: { cfn: 'AWS::IAM::UserToGroupAddition', attrs: { Groups: 'groups' }, build: (tf, out) => set(out, 'Users', present(tf.user) ? [tf.user] : undefined), paths: { Users: 'user' } },
  aws_iam_group_membership: { cfn: 'AWS::IAM::UserToGroupAddition', attrs: { GroupName: 'group', Users: 'users' } },
  aws_iam_user_policy: { cfn: 'AWS::IAM::Policy', attrs: {}, build: (tf, out) => set(out, 'Users', present(tf.user) ? [tf.user] : undefined), paths: { Users: 'user' } },
  aws_iam_user_policy_attachment: { cfn: 'AWS::IAM::Policy', attrs: {}, build: (tf, out) => set(out, 'Users', present(tf.user) ? [tf.user] : undefined), paths: { Users: 'user' } },
  aws_iam_group_policy: { cfn: 'AWS::IAM::Policy', attrs: {}, build: (tf, out) => set(out, 'Groups', present(tf.group) ? [tf.group] : undefined), paths: { Groups: 'group' } },
  aws_iam_group_policy_attachment: { cfn: 'AWS::IAM::Policy', attrs: {}, build: (tf, out) => set(out, 'Groups', present(tf.group) ? [tf.group] : undefined), paths: { Groups: 'group' } },
  aws_iam_policy_attachment: { cfn: 'AWS::IAM::Policy', attrs: { Users: 'users', Groups: 'groups', Roles: 'roles' } },
  aws_ssoadmin_account_assignment: {
    cfn: 'AWS::SSO::Assignment',
    attrs: { PrincipalType: 'principal_type', PrincipalId: 'principal_id', TargetId: 'target_id', TargetType: 'target_type', PermissionSetArn: 'permission_set_arn', InstanceArn: 'instance_arn' },
  },
  aws_iam_role: { cfn: 'AWS::IAM::Role', attrs: { RoleName: 'name' } },
  aws_ecs_task_definition: {
    cfn: 'AWS::ECS::TaskDefinition',
    attrs: { Family: 'family' },
    // container_definitions is ECS's JSON (camelCase); an expression (jsonencode of variables) stays as written.
    build: (tf, out) => {
      const defs = policyDocument(tf.container_definitions);
      out.ContainerDefinitions = !Array.isArray(defs)
        ? defs
        : defs.map((c: Props) => ({
            ...pick(c, { Name: 'name', Image: 'image' }),
            ...(Array.isArray(c.environment) && { Environment: c.environment.map((e: Props) => pick(e, { Name: 'name', Value: 'value' })) }),
            ...(Array.isArray(c.secrets) && { Secrets: c.secrets.map((e: Props) => pick(e, { Name: 'name', ValueFrom: 'valueFrom' })) }),
          }));
    },
    paths: { ContainerDefinitions: 'container_definitions' },
  },
  aws_lambda_function: {
    cfn: 'AWS::Lambda::Function',
    attrs: { FunctionName: 'function_name' },
    build: (tf, out) => set(out, 'Environment', block(tf.environment, (e) => pick(e, { Variables: 'variables' }))),
    paths: { Environment: 'environment', 'Environment.Variables': 'environment.variables' },
  },
  // Operations (OPS-1).
  aws_ecr_repository: {
    cfn: 'AWS::ECR::Repository',
    attrs: { RepositoryName: 'name' },
    build: (tf, out) => set(out, 'ImageScanningConfiguration', block(tf.image_scanning_configuration, (c) => pick(c, { ScanOnPush: 'scan_on_push' }))),
    paths: { ImageScanningConfiguration: 'image_scanning_configuration', 'ImageScanningConfiguration.ScanOnPush': 'image_scanning_configuration.scan_on_push' },
  },
  aws_ecr_registry_scanning_configuration: {
    cfn: 'AWS::ECR::RegistryScanningConfiguration',
    attrs: { ScanType: 'scan_type' },
    build: (tf, out) => {
      if (tf.rule !== undefined) {
        out.Rules = blocks(tf.rule).map((r) => ({
          ...pick(r, { ScanFrequency: 'scan_frequency' }),
          RepositoryFilters: blocks(r.repository_filter).map((f) => pick(f, { Filter: 'filter', FilterType: 'filter_type' })),
        }));
      }
    },
    paths: { Rules: 'rule' },
  },
  // "enable - (Optional) Enable monitoring and feedback reporting. ... Defaults to true."
  aws_guardduty_detector: { cfn: 'AWS::GuardDuty::Detector', attrs: { Enable: 'enable' }, defaults: { enable: true } },
  // LLM egress (TEN-3): a rule group's rules are resources of their own, folded into it (FOLDS).
  aws_route53_resolver_firewall_domain_list: { cfn: 'AWS::Route53Resolver::FirewallDomainList', attrs: { Name: 'name', Domains: 'domains' } },
  aws_route53_resolver_firewall_rule_group: { cfn: 'AWS::Route53Resolver::FirewallRuleGroup', attrs: { Name: 'name' } },
  aws_route53_resolver_firewall_rule_group_association: {
    cfn: 'AWS::Route53Resolver::FirewallRuleGroupAssociation',
    attrs: { FirewallRuleGroupId: 'firewall_rule_group_id', VpcId: 'vpc_id', Priority: 'priority' },
  },
  // Networks of a tenant (NET-2) and what serves it (RET-5).
  aws_subnet: { cfn: 'AWS::EC2::Subnet', attrs: { VpcId: 'vpc_id', CidrBlock: 'cidr_block' } },
  aws_vpc_peering_connection: { cfn: 'AWS::EC2::VPCPeeringConnection', attrs: { VpcId: 'vpc_id', PeerVpcId: 'peer_vpc_id' } },
  aws_ecs_service: {
    cfn: 'AWS::ECS::Service',
    attrs: { ServiceName: 'name', Cluster: 'cluster', TaskDefinition: 'task_definition' },
    build: (tf, out) => {
      const n = first(tf.network_configuration);
      if (typeof tf.network_configuration === 'string') out.NetworkConfiguration = tf.network_configuration;
      else if (n) out.NetworkConfiguration = { AwsvpcConfiguration: pick(n, { Subnets: 'subnets', SecurityGroups: 'security_groups', AssignPublicIp: 'assign_public_ip' }) };
    },
    paths: { 'NetworkConfiguration.AwsvpcConfiguration.Subnets': 'network_configuration.subnets', NetworkConfiguration: 'network_configuration' },
  },
  aws_ecs_cluster: { cfn: 'AWS::ECS::Cluster', attrs: { ClusterName: 'name' } },
  aws_instance: { cfn: 'AWS::EC2::Instance', attrs: { InstanceType: 'instance_type' } },
  aws_autoscaling_group: { cfn: 'AWS::AutoScaling::AutoScalingGroup', attrs: { MinSize: 'min_size', MaxSize: 'max_size' } },
  // (No `Type`: RET-5 names a whole resource by the path "Type", which must not read as load_balancer_type.)
  aws_lb: { cfn: 'AWS::ElasticLoadBalancingV2::LoadBalancer', attrs: { Name: 'name' } },
  aws_alb: { cfn: 'AWS::ElasticLoadBalancingV2::LoadBalancer', attrs: { Name: 'name' } },
  aws_elb: { cfn: 'AWS::ElasticLoadBalancing::LoadBalancer', attrs: { LoadBalancerName: 'name' } },
  aws_lb_target_group: { cfn: 'AWS::ElasticLoadBalancingV2::TargetGroup', attrs: { Name: 'name', Protocol: 'protocol', Port: 'port' } },
  aws_alb_target_group: { cfn: 'AWS::ElasticLoadBalancingV2::TargetGroup', attrs: { Name: 'name', Protocol: 'protocol', Port: 'port' } },
  aws_api_gateway_rest_api: { cfn: 'AWS::ApiGateway::RestApi', attrs: { Name: 'name' } },
  aws_apigatewayv2_api: { cfn: 'AWS::ApiGatewayV2::Api', attrs: { Name: 'name', ProtocolType: 'protocol_type' } },
  aws_apprunner_service: { cfn: 'AWS::AppRunner::Service', attrs: { ServiceName: 'service_name' } },
  aws_efs_file_system: { cfn: 'AWS::EFS::FileSystem', attrs: { Encrypted: 'encrypted', KmsKeyId: 'kms_key_id' } },
  aws_kinesis_stream: {
    cfn: 'AWS::Kinesis::Stream',
    attrs: { Name: 'name' },
    build: (tf, out) => {
      const encryption = pick(tf, { EncryptionType: 'encryption_type', KeyId: 'kms_key_id' });
      if (Object.keys(encryption).length > 0) out.StreamEncryption = encryption;
    },
    paths: { 'StreamEncryption.EncryptionType': 'encryption_type', 'StreamEncryption.KeyId': 'kms_key_id' },
  },
  // Taggable types the rules read only for their tags (TEN-1).
  aws_internet_gateway: { cfn: 'AWS::EC2::InternetGateway', attrs: {} },
  aws_nat_gateway: { cfn: 'AWS::EC2::NatGateway', attrs: { SubnetId: 'subnet_id' } },
  aws_eip: { cfn: 'AWS::EC2::EIP', attrs: {} },
  aws_route_table: { cfn: 'AWS::EC2::RouteTable', attrs: { VpcId: 'vpc_id' } },
  aws_vpc_endpoint: { cfn: 'AWS::EC2::VPCEndpoint', attrs: { VpcId: 'vpc_id', ServiceName: 'service_name' } },
  aws_acm_certificate: { cfn: 'AWS::CertificateManager::Certificate', attrs: { DomainName: 'domain_name' } },
  aws_db_subnet_group: { cfn: 'AWS::RDS::DBSubnetGroup', attrs: { SubnetIds: 'subnet_ids' } },
  aws_secretsmanager_secret: { cfn: 'AWS::SecretsManager::Secret', attrs: { Name: 'name', KmsKeyId: 'kms_key_id' } },
  aws_ssm_parameter: { cfn: 'AWS::SSM::Parameter', attrs: { Name: 'name' } },
  aws_cloudwatch_event_bus: { cfn: 'AWS::Events::EventBus', attrs: { Name: 'name' } },
  aws_sfn_state_machine: { cfn: 'AWS::StepFunctions::StateMachine', attrs: { StateMachineName: 'name' } },
  aws_dynamodb_table: {
    cfn: 'AWS::DynamoDB::Table',
    attrs: { TableName: 'name' },
    build: (tf, out) => {
      set(out, 'PointInTimeRecoverySpecification', block(tf.point_in_time_recovery, (p) => pick(p, { PointInTimeRecoveryEnabled: 'enabled', RecoveryPeriodInDays: 'recovery_period_in_days' })));
      set(out, 'SSESpecification', block(tf.server_side_encryption, (s) => pick(s, { SSEEnabled: 'enabled', KMSMasterKeyId: 'kms_key_arn' })));
    },
    paths: {
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled': 'point_in_time_recovery.enabled',
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays': 'point_in_time_recovery.recovery_period_in_days',
      SSESpecification: 'server_side_encryption',
    },
  },
};

/**
 * An aws_security_group ingress block or aws_security_group_rule as CloudFormation ingress entries:
 * one per CIDR, IPv6 CIDR, prefix list and source group, as CloudFormation writes one source per entry
 * (an aws_security_group_rule, a single CloudFormation resource, is judged by its widest source: open
 * to the internet first). Each entry comes with the Terraform paths of its keys (`.CidrIp` ->
 * `ingress[0].cidr_blocks[1]`), under `at`. An egress rule has none.
 */
function ingressEntries(i: Props, at: string): [Props, Record<string, string>][] {
  if (present(i.type) && i.type !== 'ingress') return [];
  const ports = pick(i, { IpProtocol: 'protocol', FromPort: 'from_port', ToPort: 'to_port' });
  const portPaths = { '.IpProtocol': `${at}.protocol`, '.FromPort': `${at}.from_port`, '.ToPort': `${at}.to_port` };
  const sources: [string, unknown, string][] = [];
  const each = (key: string, attr: string) => {
    const v = i[attr];
    if (typeof v === 'string') sources.push([key, v, `${at}.${attr}`]);
    else if (Array.isArray(v)) v.forEach((x, k) => sources.push([key, x, `${at}.${attr}[${k}]`]));
  };
  each('CidrIp', 'cidr_blocks');
  each('CidrIpv6', 'ipv6_cidr_blocks');
  each('SourcePrefixListId', 'prefix_list_ids');
  each('SourceSecurityGroupId', 'security_groups');
  each('SourceSecurityGroupId', 'source_security_group_id');
  if (i.self === true) sources.push(['SourceSecurityGroupId', 'self', `${at}.self`]);
  const open = (v: unknown) => Number(typeof v === 'string' && v.trim().endsWith('/0'));
  sources.sort(([, a], [, b]) => open(b) - open(a));
  return sources.map(([key, v, from]) => [{ ...ports, [key]: v }, { ...portPaths, [`.${key}`]: from }]);
}

const bucketFold = (fold: Fold['fold'], paths: Fold['paths']): Fold => ({ target: ['aws_s3_bucket'], link: 'bucket', byName: 'bucket', fold, paths });

/** Resources that configure another, by Terraform type. */
export const FOLDS: Readonly<Record<string, Fold>> = {
  aws_s3_bucket_server_side_encryption_configuration: bucketFold((tf, t) => set(t, 'BucketEncryption', sseRules(tf.rule)), { BucketEncryption: 'rule' }),
  aws_s3_bucket_public_access_block: bucketFold(
    (tf, t) => (t.PublicAccessBlockConfiguration = pick(tf, { BlockPublicAcls: 'block_public_acls', BlockPublicPolicy: 'block_public_policy', IgnorePublicAcls: 'ignore_public_acls', RestrictPublicBuckets: 'restrict_public_buckets' })),
    {
      'PublicAccessBlockConfiguration.BlockPublicAcls': 'block_public_acls',
      'PublicAccessBlockConfiguration.BlockPublicPolicy': 'block_public_policy',
      'PublicAccessBlockConfiguration.IgnorePublicAcls': 'ignore_public_acls',
      'PublicAccessBlockConfiguration.RestrictPublicBuckets': 'restrict_public_buckets',
      PublicAccessBlockConfiguration: '',
    },
  ),
  aws_s3_bucket_versioning: bucketFold(
    (tf, t) => set(t, 'VersioningConfiguration', block(tf.versioning_configuration, (v) => versioning(v.status))),
    { VersioningConfiguration: 'versioning_configuration', 'VersioningConfiguration.Status': 'versioning_configuration.status' },
  ),
  aws_s3_bucket_lifecycle_configuration: bucketFold((tf, t) => (t.LifecycleConfiguration = lifecycle(tf.rule)), { LifecycleConfiguration: 'rule', 'LifecycleConfiguration.Rules': 'rule' }),
  aws_s3_bucket_object_lock_configuration: bucketFold(
    (tf, t) => {
      // The resource itself enables object lock: "object_lock_enabled - (Optional) ... Defaults to Enabled."
      const lock = objectLock({ object_lock_enabled: 'Enabled', ...tf });
      t.ObjectLockConfiguration = lock;
    },
    { ObjectLockConfiguration: 'rule', 'ObjectLockConfiguration.Rule': 'rule' },
  ),
  aws_s3_bucket_logging: bucketFold((tf, t) => (t.LoggingConfiguration = pick(tf, { DestinationBucketName: 'target_bucket', LogFilePrefix: 'target_prefix' })), { LoggingConfiguration: '' }),
  aws_s3_bucket_acl: bucketFold((tf, t) => {
    if (tf.acl === 'log-delivery-write') t.AccessControl = 'LogDeliveryWrite';
  }, { AccessControl: 'acl' }),
  aws_route53_resolver_firewall_rule: {
    target: ['aws_route53_resolver_firewall_rule_group'],
    link: 'firewall_rule_group_id',
    fold: (tf, t) => {
      const rules = Array.isArray(t.FirewallRules) ? t.FirewallRules : (t.FirewallRules = []);
      rules.push(pick(tf, { FirewallDomainListId: 'firewall_domain_list_id', Action: 'action', Priority: 'priority', BlockResponse: 'block_response' }));
    },
    paths: {},
  },
  aws_cloudwatch_log_data_protection_policy: {
    target: ['aws_cloudwatch_log_group'],
    link: 'log_group_name',
    byName: 'name',
    fold: (tf, t) => set(t, 'DataProtectionPolicy', policyDocument(tf.policy_document)),
    paths: { DataProtectionPolicy: 'policy_document' },
  },
};

/** The Terraform types judged as a CloudFormation type: those translated to it and those folded into them (for docs/controls.md). */
export function terraformTypesOf(cfnType: string): string[] {
  const own = Object.keys(MAPPINGS).filter((t) => MAPPINGS[t].cfn === cfnType);
  const folded = Object.keys(FOLDS).filter((t) => FOLDS[t].target.some((target) => own.includes(target)));
  return [...own, ...folded];
}

/**
 * Where a translated resource came from: its Terraform type and the Terraform paths of this resource
 * alone (what folded resources and per-instance lists wrote), beyond its type's (`typePaths`). The
 * type's paths are not copied into every resource: the rules' input stays small.
 */
export interface TerraformSource {
  readonly type: string;
  readonly paths?: Readonly<Record<string, string>>;
  /** The resources folded into this one: address -> Terraform type (their paths are in FOLDS). */
  readonly folded?: Readonly<Record<string, string>>;
}

const typePathCache = new Map<string, Readonly<Record<string, string>>>();

/** CloudFormation property path -> Terraform path for every resource of a translated type. */
function typePaths(type: string): Readonly<Record<string, string>> {
  let paths = typePathCache.get(type);
  if (!paths) {
    const m = MAPPINGS[type];
    paths = { ...m?.paths, ...LIFECYCLE_PATHS, Tags: 'tags', ...m?.attrs };
    typePathCache.set(type, paths);
  }
  return paths;
}

/**
 * The resource of one of `types` a value designates: a `${type.name.attr}` interpolation, in a plan the
 * one such resource the configuration refers to, or a literal equal to its `byName` attribute; else undefined.
 */
function designated(value: unknown, own: Resource, types: readonly string[], byName: string | undefined, resources: Record<string, Resource>, unknown: string | undefined, names: NameIndex): string | undefined {
  if (typeof value !== 'string') return undefined;
  // (An instance of a count / for_each resource, `[0]`, designates the resource, as lib.ref_address reads it.)
  const m = /^\$\{((?:[a-z0-9_]+)\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.[A-Za-z0-9_]+)?\}$/.exec(value);
  if (m) return types.includes(resources[m[1]]?.type) ? m[1] : undefined;
  if (unknown !== undefined && value === unknown) {
    // A plan knows the link only from the configuration: the one resource of the target types it refers to.
    const refs = own.references.filter((r) => types.includes(resources[r]?.type));
    return refs.length === 1 ? refs[0] : undefined;
  }
  if (byName === undefined || value.includes('${')) return undefined;
  const named = names(types, byName).get(value) ?? [];
  return named.length === 1 ? named[0] : undefined;
}

/** Addresses of the resources of `types` by the literal value of their `byName` attribute. */
type NameIndex = (types: readonly string[], byName: string) => ReadonlyMap<string, readonly string[]>;

/** A NameIndex built once per (types, attribute) on first use: a scan per folding resource was quadratic. */
function nameIndex(resources: Record<string, Resource>): NameIndex {
  const built = new Map<string, Map<string, string[]>>();
  return (types, byName) => {
    const key = `${types.join(',')}\0${byName}`;
    let index = built.get(key);
    if (!index) {
      index = new Map();
      for (const [address, r] of Object.entries(resources)) {
        const v = r.properties[byName];
        if (types.includes(r.type) && typeof v === 'string') index.set(v, [...(index.get(v) ?? []), address]);
      }
      built.set(key, index);
    }
    return index;
  };
}

/** The two CloudFormation attributes both read from prevent_destroy, told apart so their findings keep distinct fingerprints. */
const LIFECYCLE_PATHS = { DeletionPolicy: 'lifecycle.prevent_destroy', UpdateReplacePolicy: 'lifecycle.prevent_destroy (on replacement)' };

/**
 * `lifecycle { prevent_destroy = true }` is Terraform's Retain: it refuses to destroy the resource,
 * on removal and on replacement alike. A plan does not show the lifecycle block, so there it is unknown.
 */
function retention(lifecycle: unknown, unknown: string | undefined): Props | undefined {
  if (unknown !== undefined) return { DeletionPolicy: unknown, UpdateReplacePolicy: unknown };
  const on = blocks(lifecycle).some((l) => l.prevent_destroy === true);
  return on ? { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } : undefined;
}

/** KMS data sources whose reads are named: the attribute holding the name they look up, and their outputs that designate the key. */
const KMS_DATA_SOURCES: Readonly<Record<string, { readonly name: string; readonly outputs: readonly string[] }>> = {
  aws_kms_alias: { name: 'name', outputs: ['arn', 'id', 'name', 'target_key_arn', 'target_key_id'] },
  aws_kms_key: { name: 'key_id', outputs: ['arn', 'id', 'key_id'] },
};

/**
 * KMS keys a stack reads through data sources, by the interpolation that reads them, rewritten to
 * what the data source names: KMS resolves an alias or key id to the same key as the data source
 * does, and the rules can then judge the name (an AWS-managed alias/aws/..., an alias declared in
 * another stack of the estate: Terraform's Fn::ImportValue). Only literal names are taken.
 */
function kmsDataSources(data: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const byType = (data && typeof data === 'object' ? data : {}) as Record<string, Record<string, unknown>>;
  for (const [type, { name: attr, outputs }] of Object.entries(KMS_DATA_SOURCES)) {
    for (const [name, written] of Object.entries(byType[type] ?? {})) {
      const v = first(written)?.[attr];
      if (typeof v !== 'string' || v.includes('${')) continue;
      for (const o of outputs) out.set(`\${data.${type}.${name}.${o}}`, v);
    }
  }
  return out;
}

/**
 * CloudFormation exports a stack reads through `aws_cloudformation_export` data sources: the data
 * source's address -> the export name it reads (literal names only). The read value is Terraform's
 * Fn::ImportValue: `${data.aws_cloudformation_export.x.value}` is rewritten to one, and the resource
 * refers to the export (`import:<name>`), so the rules that follow imports (NET-5, TEN-2, ENC-3)
 * resolve it to the exporting stack of the run.
 */
function cloudFormationExports(data: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const byName = (data && typeof data === 'object' ? (data as Record<string, unknown>).aws_cloudformation_export : undefined) ?? {};
  for (const [name, written] of Object.entries(byName as Record<string, unknown>)) {
    const v = first(written)?.name;
    if (typeof v === 'string' && !v.includes('${')) out.set(`data.aws_cloudformation_export.${name}`, v);
  }
  return out;
}

/**
 * The AWS provider configurations' `default_tags`, by provider reference (`aws` for the default one,
 * `aws.<alias>`): Terraform adds them to every resource of that provider, under its own tags.
 */
function providerDefaultTags(provider: unknown): Map<string, Props> {
  const out = new Map<string, Props>();
  const aws = provider && typeof provider === 'object' ? (provider as Props).aws : undefined;
  for (const p of blocks(aws)) {
    const tags = first(p.default_tags)?.tags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) out.set(typeof p.alias === 'string' ? `aws.${p.alias}` : 'aws', tags as Props);
  }
  return out;
}

/** A plan's configuration: each resource's expressions, by configuration address (no instance keys). */
export interface PlanConfiguration {
  readonly expressions: ReadonlyMap<string, unknown>;
  readonly configAddress: (address: string) => string;
}

/**
 * In a plan, a data source's value is already read (an ARN): where the configuration took it from an
 * `aws_kms_alias` / `aws_kms_key` data source whose name is a constant, the value is replaced by that
 * name, as `kmsDataSources` does for configurations.
 */
function planKmsReads(config: PlanConfiguration): Map<string, string> {
  const out = new Map<string, string>();
  for (const [address, expr] of config.expressions) {
    const m = /^(?:.*\.)?data\.([a-z0-9_]+)\.[A-Za-z_][A-Za-z0-9_-]*$/.exec(address);
    const attr = m && KMS_DATA_SOURCES[m[1]]?.name;
    const v = attr && (expr as any)?.[attr]?.constant_value;
    if (typeof v === 'string') out.set(address, v);
  }
  return out;
}

/** A planned value with each attribute the configuration took from a KMS data source replaced by the name it reads. */
function rewritePlanned(value: unknown, expr: unknown, names: Map<string, string>, prefix: string): unknown {
  if (!expr || typeof expr !== 'object') return value;
  const refs = (expr as Props).references;
  if (Array.isArray(refs) && !('constant_value' in (expr as Props))) {
    const source = refs.map((r) => `${prefix}${String(r).split('.').slice(0, 3).join('.')}`).find((r) => names.has(r));
    return source !== undefined && typeof value === 'string' ? names.get(source) : value;
  }
  if (Array.isArray(value) && Array.isArray(expr)) return value.map((v, i) => rewritePlanned(v, expr[i], names, prefix));
  if (value && typeof value === 'object' && !Array.isArray(value) && !Array.isArray(expr)) {
    return Object.fromEntries(Object.entries(value as Props).map(([k, v]) => [k, rewritePlanned(v, (expr as Props)[k], names, prefix)]));
  }
  return value;
}

/** Replaces whole-value interpolations of `reads` inside a value. */
function rewrite(value: unknown, reads: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') return reads.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, reads));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, reads)]));
  return value;
}

/**
 * Translates the `aws_*` resources of a normalized Terraform stack in place of the originals:
 * mapped types become their CloudFormation type and shape; folding resources are folded into the
 * resource they designate (and kept, untranslated, as themselves). `unknown` is the plan's marker
 * of a value known only after apply, when the stack is a plan; `data` and `provider` the stack's data
 * sources and provider configurations (Terraform JSON); `plan` a plan's configuration.
 */
export function translateAws(resources: Record<string, Resource>, unknown?: string, data?: unknown, provider?: unknown, plan?: PlanConfiguration): Record<string, Resource> {
  const cfnExports = cloudFormationExports(data);
  const reads = new Map<string, unknown>([...kmsDataSources(data), ...[...cfnExports].map(([address, name]) => [`\${${address}.value}`, { 'Fn::ImportValue': name }] as const)]);
  const defaultTags = providerDefaultTags(provider);
  const planReads = plan ? planKmsReads(plan) : new Map<string, string>();
  if (plan && planReads.size > 0) {
    resources = Object.fromEntries(
      Object.entries(resources).map(([address, r]) => {
        const config = plan.configAddress(address);
        const prefix = config.slice(0, config.length - `${r.type}.`.length - config.split('.').pop()!.length);
        return [address, { ...r, properties: rewritePlanned(r.properties, plan.expressions.get(config), planReads, prefix) as Props }];
      }),
    );
  }
  // Nothing to translate (a GCP plan of 67,000 resources: copying it took ~0.14 s).
  if (!Object.values(resources).some((r) => MAPPINGS[r.type] || FOLDS[r.type])) return resources;
  const out: Record<string, Resource> = { ...resources };
  const names = nameIndex(resources);
  for (const [address, r] of Object.entries(resources)) {
    const m = MAPPINGS[r.type];
    if (!m) continue;
    const given = reads.size > 0 ? (rewrite(r.properties, reads) as Props) : r.properties;
    const tf: Props = { ...m.defaults, ...Object.fromEntries(Object.entries(given).filter(([, v]) => present(v))) };
    const properties = pick(tf, m.attrs);
    const instancePaths: Record<string, string> = {};
    m.build?.(tf, properties, instancePaths);
    // A plan's tags_all holds the provider's default tags already; configuration names its provider (`aws.<alias>`) or takes the default one.
    const own = r.properties.tags_all && typeof r.properties.tags_all === 'object' ? r.properties.tags_all : r.properties.tags;
    const via = typeof r.properties.provider === 'string' ? r.properties.provider.replace(/^\$\{(.*)\}$/, '$1') : 'aws';
    const inherited = defaultTags.get(via);
    const tags = inherited ? { ...inherited, ...(own && typeof own === 'object' ? own : {}) } : own;
    if (tags && typeof tags === 'object') properties.Tags = tags;
    const labels = inherited ? stringEntries(Object.entries(tags as Props)) : r.labels;
    const attributes = retention(r.properties.lifecycle, unknown);
    const terraform: TerraformSource = Object.keys(instancePaths).length > 0 ? { type: r.type, paths: instancePaths } : { type: r.type };
    const imports = r.references.filter((ref) => cfnExports.has(ref)).map((ref) => `import:${cfnExports.get(ref)}`);
    const references = imports.length > 0 ? [...new Set([...r.references, ...imports])].sort() : r.references;
    out[address] = { ...r, type: m.cfn, properties, references, labels, ...(attributes && { attributes }), terraform };
  }
  // "protocol - (Optional) ... For Application Load Balancers, valid values are HTTP and HTTPS, with a default of HTTP."
  for (const [address, r] of Object.entries(resources)) {
    const l = out[address];
    if (l.type !== listener.cfn || present(l.properties.Protocol)) continue;
    const lb = designated(r.properties.load_balancer_arn, r, ['aws_lb', 'aws_alb'], undefined, resources, unknown, names);
    if (lb && [undefined, null, 'application'].includes(resources[lb].properties.load_balancer_type as string)) l.properties.Protocol = 'HTTP';
  }
  for (const [address, r] of Object.entries(resources)) {
    const f = FOLDS[r.type];
    if (!f) continue;
    const target = designated(r.properties[f.link], r, f.target, f.byName, resources, unknown, names);
    if (target === undefined) continue;
    const t = out[target];
    f.fold(reads.size > 0 ? (rewrite(r.properties, reads) as Props) : r.properties, t.properties);
    out[target] = { ...t, references: [...new Set([...t.references, address])].sort(), terraform: { ...t.terraform!, folded: { ...t.terraform!.folded, [address]: r.type } } };
  }
  return out;
}

/**
 * Nested CloudFormation property names -> their Terraform block or attribute, the same in every type
 * that has them (what follows a translated prefix). '' drops a level Terraform does not have.
 */
const SEGMENTS: Readonly<Record<string, string>> = {
  CustomOriginConfig: 'custom_origin_config',
  OriginProtocolPolicy: 'origin_protocol_policy',
  OriginSSLProtocols: 'origin_ssl_protocols',
  ViewerProtocolPolicy: 'viewer_protocol_policy',
  ResponseHeadersPolicyId: 'response_headers_policy_id',
  ServerSideEncryptionConfiguration: '',
  ServerSideEncryptionByDefault: 'apply_server_side_encryption_by_default',
  SSEAlgorithm: 'sse_algorithm',
  KMSMasterKeyID: 'kms_master_key_id',
  Rule: '',
  DefaultRetention: 'default_retention',
  Mode: 'mode',
  Days: 'days',
  Years: 'years',
  ExpirationInDays: 'expiration.days',
  NoncurrentVersionExpiration: 'noncurrent_version_expiration',
  NoncurrentDays: 'noncurrent_days',
  Statement: 'statement',
  RateBasedStatement: 'rate_based_statement',
  Limit: 'limit',
};

/**
 * A finding's CloudFormation property path in Terraform terms: the longest translated prefix
 * (whole segments) replaced by its Terraform path, then each further segment SEGMENTS knows.
 */
export function terraformPath(source: TerraformSource, cfnPath: string): string {
  // What a folded resource wrote is its setting; then the resource's own paths; at equal length the first table wins.
  const folded = Object.entries(source.folded ?? {}).map(([address, type]) =>
    Object.fromEntries(Object.entries(FOLDS[type].paths).map(([cfn, attr]) => [cfn, attr === '' ? address : `${address}.${attr}`])),
  );
  const tables = [...folded, source.paths ?? {}, typePaths(source.type)];
  let best = '';
  let to = '';
  for (const table of tables) {
    for (const [prefix, tf] of Object.entries(table)) {
      if (prefix.length <= best.length) continue;
      if (cfnPath === prefix || cfnPath.startsWith(`${prefix}.`) || cfnPath.startsWith(`${prefix}[`)) [best, to] = [prefix, tf];
    }
  }
  if (best === '') return cfnPath;
  const rest = cfnPath.slice(best.length).replace(/\.([A-Za-z0-9]+)/g, (whole, name: string) => {
    const tf = SEGMENTS[name];
    return tf === undefined ? whole : tf === '' ? '' : `.${tf}`;
  });
  return `${to}${rest}`;
}
