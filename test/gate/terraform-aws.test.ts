import * as fs from 'fs';
import * as path from 'path';
import { FOLDS, MAPPINGS, terraformPath } from '../../services/gate/terraform-aws';
import { loadInputs } from '../../services/gate/inputs';
import { evaluationJobs } from '../../services/gate/jobs';
import { cordon, readJson, tmpDir } from '../helpers';

// Terraform on AWS, judged by the AWS rules through the translation (services/gate/terraform-aws.ts).
// Each case is a hand-written Terraform JSON (or HCL, or plan) stack at a rule's boundary; only the
// findings of the rule under test are asserted, as `RULE resource path` (+ ` (unverifiable)`).

const DIR = tmpDir('cordon-tf-aws-');
let n = 0;

type Tf = Record<string, Record<string, Record<string, unknown>>>;

/** Gates files (name -> Terraform JSON object or HCL/plan text) as one run; findings of rules starting with `rule`. */
function gate(files: Record<string, unknown>, rule: string, extra: string[] = []): string[] {
  const dir = path.join(DIR, String(++n));
  fs.mkdirSync(dir);
  const inputs = Object.entries(files).map(([name, body]) => {
    fs.writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
    return path.join(dir, name);
  });
  const out = path.join(dir, 'report.json');
  const res = cordon('check', ...inputs, ...extra, '--format', `json=${out}`);
  if (res.code !== 0 && res.code !== 1) throw new Error(res.stderr);
  return readJson(out)
    .findings.filter((f: any) => f.rule === rule || f.rule.startsWith(`${rule}-`))
    .map((f: any) => `${f.rule} ${f.resource} ${f.path}${f.level === 'unverifiable' ? ' (unverifiable)' : ''}`)
    .sort();
}

const tf = (resource: Tf) => ({ 'main.tf.json': { resource } });

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A key every KMS rule accepts. */
const goodKey = (over: Record<string, unknown> = {}) => ({
  enable_key_rotation: true,
  rotation_period_in_days: 90,
  deletion_window_in_days: 30,
  lifecycle: { prevent_destroy: true },
  ...over,
});

describe('aws_kms_key (ENC-2, ENC-6)', () => {
  test('rotation every 90 days, a 30-day window and prevent_destroy pass', () => {
    expect(gate(tf({ aws_kms_key: { k: goodKey() } }), 'ENC')).toEqual([]);
  });

  test('91 days, rotation off, a 7-day window and no prevent_destroy fail, named by Terraform attribute', () => {
    expect(gate(tf({ aws_kms_key: { slow: goodKey({ rotation_period_in_days: 91 }) } }), 'ENC')).toEqual(['ENC-2-AWS aws_kms_key.slow rotation_period_in_days']);
    expect(gate(tf({ aws_kms_key: { off: goodKey({ enable_key_rotation: false }) } }), 'ENC')).toEqual(['ENC-2-AWS aws_kms_key.off enable_key_rotation']);
    expect(gate(tf({ aws_kms_key: { short: goodKey({ deletion_window_in_days: 7 }) } }), 'ENC')).toEqual(['ENC-6-AWS aws_kms_key.short deletion_window_in_days']);
    expect(gate(tf({ aws_kms_key: { bare: goodKey({ lifecycle: undefined }) } }), 'ENC')).toEqual([
      'ENC-6-AWS aws_kms_key.bare lifecycle.prevent_destroy',
      'ENC-6-AWS aws_kms_key.bare lifecycle.prevent_destroy (on replacement)',
    ]);
  });

  test('an asymmetric key is not held to rotation', () => {
    expect(gate(tf({ aws_kms_key: { sign: goodKey({ enable_key_rotation: false, customer_master_key_spec: 'ECC_NIST_P256', key_usage: 'SIGN_VERIFY' }) } }), 'ENC-2')).toEqual([]);
  });

  test('a variable is unverifiable, not passed', () => {
    expect(gate(tf({ aws_kms_key: { k: goodKey({ rotation_period_in_days: '${var.days}' }) } }), 'ENC-2')).toEqual(['ENC-2-AWS aws_kms_key.k rotation_period_in_days (unverifiable)']);
  });
});

/** A bucket every S3 rule accepts (no tenant): SSE-KMS, public access blocked, TLS-only policy, versioned, expiring. */
function goodBucket(over: Partial<Tf> = {}): Tf {
  const ref = '${aws_s3_bucket.docs.id}';
  return {
    aws_s3_bucket: { docs: { bucket: 'acme-docs' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      docs: { bucket: ref, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }] }] },
    },
    aws_s3_bucket_public_access_block: {
      docs: { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    },
    aws_s3_bucket_versioning: { docs: { bucket: ref, versioning_configuration: { status: 'Enabled' } } },
    aws_s3_bucket_lifecycle_configuration: {
      docs: { bucket: ref, rule: [{ id: 'expire', status: 'Enabled', filter: {}, expiration: { days: 365 }, noncurrent_version_expiration: { noncurrent_days: 30 } }] },
    },
    aws_s3_bucket_policy: {
      docs: {
        bucket: ref,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-docs', 'arn:aws:s3:::acme-docs/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        }),
      },
    },
    ...over,
  };
}

const S3_RULES = ['ENC-1', 'NET-4', 'TLS-2', 'RET-1', 'RET-2'];
const s3 = (resource: Tf) => S3_RULES.flatMap((r) => gate(tf(resource), r));

describe('aws_s3_bucket and its split resources (ENC-1, NET-4, TLS-2, RET-1, RET-2)', () => {
  test('a bucket configured by split resources that reference it passes', () => {
    expect(s3(goodBucket())).toEqual([]);
  });

  test('each split resource counts only for the bucket it references: one naming another bucket leaves this one failing', () => {
    const other = '${aws_s3_bucket.other.id}';
    const b = goodBucket();
    const moved: Tf = { ...b, aws_s3_bucket: { ...b.aws_s3_bucket, other: { bucket: 'acme-other' } } };
    for (const t of ['aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_versioning', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_policy']) {
      moved[t] = { docs: { ...b[t].docs, bucket: other } };
    }
    expect(s3(moved).filter((f) => f.includes('aws_s3_bucket.docs '))).toEqual([
      'ENC-1-AWS aws_s3_bucket.docs server_side_encryption_configuration',
      'NET-4-AWS aws_s3_bucket.docs aws_s3_bucket_public_access_block',
      'TLS-2-AWS-S3 aws_s3_bucket.docs aws_s3_bucket_policy',
    ]);
  });

  test('a split resource naming the bucket literally counts; naming a bucket not declared here does not', () => {
    const b = goodBucket();
    expect(s3({ ...b, aws_s3_bucket_public_access_block: { docs: { ...b.aws_s3_bucket_public_access_block.docs, bucket: 'acme-docs' } } })).toEqual([]);
    expect(s3({ ...b, aws_s3_bucket_public_access_block: { docs: { ...b.aws_s3_bucket_public_access_block.docs, bucket: 'someone-else' } } })).toEqual([
      'NET-4-AWS aws_s3_bucket.docs aws_s3_bucket_public_access_block',
    ]);
  });

  test('SSE-S3, one public access flag off, no TLS statement: each fails at the split resource attribute', () => {
    const b = goodBucket();
    const failing: Tf = {
      ...b,
      aws_s3_bucket_server_side_encryption_configuration: { docs: { bucket: '${aws_s3_bucket.docs.id}', rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } } },
      aws_s3_bucket_public_access_block: { docs: { ...b.aws_s3_bucket_public_access_block.docs, restrict_public_buckets: false } },
      aws_s3_bucket_policy: { docs: { bucket: '${aws_s3_bucket.docs.id}', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }) } },
    };
    expect(s3(failing)).toEqual([
      'ENC-1-AWS aws_s3_bucket.docs aws_s3_bucket_server_side_encryption_configuration.docs.rule',
      'NET-4-AWS aws_s3_bucket.docs aws_s3_bucket_public_access_block.docs',
      'TLS-2-AWS-S3 aws_s3_bucket.docs aws_s3_bucket_policy',
    ]);
  });

  test('versioning suspended and noncurrent versions kept 91 days fail RET-2', () => {
    const b = goodBucket();
    const lc = b.aws_s3_bucket_lifecycle_configuration.docs as any;
    expect(
      s3({
        ...b,
        aws_s3_bucket_versioning: { docs: { bucket: '${aws_s3_bucket.docs.id}', versioning_configuration: { status: 'Suspended' } } },
        aws_s3_bucket_lifecycle_configuration: { docs: { ...lc, rule: [{ ...lc.rule[0], noncurrent_version_expiration: { noncurrent_days: 91 } }] } },
      }),
    ).toEqual([
      'RET-2-AWS aws_s3_bucket.docs aws_s3_bucket_lifecycle_configuration.docs.rule',
      'RET-2-AWS aws_s3_bucket.docs aws_s3_bucket_versioning.docs.versioning_configuration.status',
    ]);
  });

  test('a lifecycle rule filtered to a prefix does not cover the bucket (RET-1)', () => {
    const b = goodBucket();
    const lc = b.aws_s3_bucket_lifecycle_configuration.docs as any;
    expect(s3({ ...b, aws_s3_bucket_lifecycle_configuration: { docs: { ...lc, rule: [{ ...lc.rule[0], filter: { prefix: 'tmp/' } }] } } })).toEqual([
      'RET-1-AWS aws_s3_bucket.docs aws_s3_bucket_lifecycle_configuration.docs.rule',
      'RET-2-AWS aws_s3_bucket.docs aws_s3_bucket_lifecycle_configuration.docs.rule',
    ]);
  });

  test('the legacy inline blocks of aws_s3_bucket count as the split resources do', () => {
    const b = goodBucket();
    const legacy: Tf = {
      aws_s3_bucket: {
        docs: {
          bucket: 'acme-docs',
          server_side_encryption_configuration: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN } } },
          versioning: { enabled: true },
          lifecycle_rule: [{ id: 'expire', enabled: true, expiration: { days: 365 }, noncurrent_version_expiration: { days: 30 } }],
        },
      },
      aws_s3_bucket_public_access_block: b.aws_s3_bucket_public_access_block,
      aws_s3_bucket_policy: b.aws_s3_bucket_policy,
    };
    expect(s3(legacy)).toEqual([]);
    const off = legacy.aws_s3_bucket.docs as any;
    expect(s3({ ...legacy, aws_s3_bucket: { docs: { ...off, versioning: { enabled: false }, server_side_encryption_configuration: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } } } } })).toEqual([
      'ENC-1-AWS aws_s3_bucket.docs server_side_encryption_configuration',
    ]);
  });

  test('a split resource referencing an instance of a counted bucket counts for it', () => {
    const b = goodBucket();
    const counted: Tf = { ...b, aws_s3_bucket: { docs: { ...b.aws_s3_bucket.docs, count: 1 } } };
    counted.aws_s3_bucket_public_access_block = { docs: { ...b.aws_s3_bucket_public_access_block.docs, bucket: '${aws_s3_bucket.docs[0].id}' } };
    expect(gate(tf(counted), 'NET-4')).toEqual([]);
  });

  test('a policy written as an expression is unverifiable, not absent', () => {
    const b = goodBucket();
    expect(gate(tf({ ...b, aws_s3_bucket_policy: { docs: { bucket: '${aws_s3_bucket.docs.id}', policy: '${data.aws_iam_policy_document.tls.json}' } } }), 'TLS-2')).toEqual([
      'TLS-2-AWS-S3 aws_s3_bucket.docs aws_s3_bucket_policy (unverifiable)',
    ]);
  });
});

/** A CloudFront distribution every edge rule accepts: WAF with managed rules and a rate limit, TLS 1.2+, HSTS and CSP, access logs delivered. */
function goodEdge(over: Partial<Tf> = {}): Tf {
  return {
    aws_cloudfront_distribution: {
      cdn: {
        enabled: true,
        web_acl_id: '${aws_wafv2_web_acl.edge.arn}',
        viewer_certificate: { acm_certificate_arn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc', minimum_protocol_version: 'TLSv1.2_2021', ssl_support_method: 'sni-only' },
        default_cache_behavior: { target_origin_id: 'api', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: '${aws_cloudfront_response_headers_policy.sec.id}' },
        origin: [{ origin_id: 'api', domain_name: 'api.example.com', custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'], http_port: 80, https_port: 443 } }],
      },
    },
    aws_wafv2_web_acl: {
      edge: {
        name: 'edge',
        scope: 'CLOUDFRONT',
        default_action: { allow: {} },
        rule: [
          { name: 'common', priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } } },
          { name: 'rate', priority: 2, action: { block: {} }, statement: { rate_based_statement: { limit: 300, evaluation_window_sec: 60, aggregate_key_type: 'IP' } } },
        ],
      },
    },
    aws_wafv2_web_acl_logging_configuration: {
      edge: {
        resource_arn: '${aws_wafv2_web_acl.edge.arn}',
        log_destination_configs: ['${aws_cloudwatch_log_group.waf.arn}'],
        redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }, { query_string: {} }],
      },
    },
    aws_cloudfront_response_headers_policy: {
      sec: {
        name: 'sec',
        security_headers_config: {
          strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
          content_security_policy: { content_security_policy: "default-src 'self'", override: true },
        },
      },
    },
    aws_cloudwatch_log_delivery_source: { cdn: { name: 'cdn', log_type: 'ACCESS_LOGS', resource_arn: '${aws_cloudfront_distribution.cdn.arn}' } },
    aws_cloudwatch_log_delivery_destination: { logs: { name: 'logs', delivery_destination_configuration: { destination_resource_arn: 'arn:aws:s3:::acme-logs' } } },
    aws_cloudwatch_log_delivery: {
      cdn: { delivery_source_name: '${aws_cloudwatch_log_delivery_source.cdn.name}', delivery_destination_arn: '${aws_cloudwatch_log_delivery_destination.logs.arn}', record_fields: ['date', 'time', 'sc-status'] },
    },
    ...over,
  };
}

const EDGE_RULES = ['EDGE', 'TLS-1-AWS-CLOUDFRONT', 'TLS-3', 'LOG-1-AWS-EDGE', 'LOG-2-AWS-EDGE'];
const edge = (resource: Tf) => EDGE_RULES.flatMap((r) => gate(tf(resource), r));
const with_ = (t: Tf, type: string, name: string, over: Record<string, unknown>): Tf => ({ ...t, [type]: { ...t[type], [name]: { ...t[type][name], ...over } } });

describe('aws_cloudfront_distribution, aws_wafv2_web_acl and their logs (EDGE-1/2, TLS-1, TLS-3, LOG-1, LOG-2)', () => {
  test('the compliant edge passes', () => {
    expect(edge(goodEdge())).toEqual([]);
  });

  test('each broken setting fires its rule at the Terraform attribute', () => {
    const e = goodEdge();
    const dist = e.aws_cloudfront_distribution.cdn as any;
    expect(edge(with_(e, 'aws_cloudfront_distribution', 'cdn', { viewer_certificate: { ...dist.viewer_certificate, minimum_protocol_version: 'TLSv1.1_2016' } }))).toEqual([
      'TLS-1-AWS-CLOUDFRONT aws_cloudfront_distribution.cdn viewer_certificate.minimum_protocol_version',
    ]);
    expect(edge(with_(e, 'aws_cloudfront_distribution', 'cdn', { default_cache_behavior: { ...dist.default_cache_behavior, viewer_protocol_policy: 'allow-all' } }))).toEqual([
      'TLS-1-AWS-CLOUDFRONT aws_cloudfront_distribution.cdn default_cache_behavior',
    ]);
    expect(edge(with_(e, 'aws_cloudfront_distribution', 'cdn', { origin: [{ ...dist.origin[0], custom_origin_config: { ...dist.origin[0].custom_origin_config, origin_ssl_protocols: ['TLSv1.1', 'TLSv1.2'] } }] }))).toEqual([
      'TLS-1-AWS-CLOUDFRONT aws_cloudfront_distribution.cdn origin[0].custom_origin_config.origin_ssl_protocols',
    ]);
    expect(edge(with_(e, 'aws_cloudfront_distribution', 'cdn', { web_acl_id: undefined }))).toEqual([
      'EDGE-1-AWS aws_cloudfront_distribution.cdn web_acl_id',
    ]);
    expect(edge(with_(e, 'aws_cloudfront_response_headers_policy', 'sec', { security_headers_config: { content_security_policy: { content_security_policy: "default-src 'self'", override: true }, strict_transport_security: { access_control_max_age_sec: 31535999, override: true } } }))).toEqual([
      'TLS-3-AWS aws_cloudfront_response_headers_policy.sec security_headers_config.strict_transport_security',
    ]);
    const acl = e.aws_wafv2_web_acl.edge as any;
    expect(edge(with_(e, 'aws_wafv2_web_acl', 'edge', { rule: [{ ...acl.rule[0], override_action: { count: {} } }, acl.rule[1]] }))).toEqual(['EDGE-1-AWS aws_wafv2_web_acl.edge rule']);
    expect(edge(with_(e, 'aws_wafv2_web_acl', 'edge', { rule: [acl.rule[0]] }))).toEqual(['EDGE-2-AWS aws_wafv2_web_acl.edge rule']);
    expect(edge(with_(e, 'aws_wafv2_web_acl_logging_configuration', 'edge', { redacted_fields: [{ single_header: { name: 'authorization' } }] }))).toEqual([
      'LOG-2-AWS-EDGE aws_wafv2_web_acl_logging_configuration.edge redacted_fields',
      'LOG-2-AWS-EDGE aws_wafv2_web_acl_logging_configuration.edge redacted_fields',
    ]);
    expect(edge(with_(e, 'aws_cloudwatch_log_delivery', 'cdn', { record_fields: ['date', 'cs-uri-query'] }))).toEqual(['LOG-2-AWS-EDGE aws_cloudwatch_log_delivery.cdn record_fields']);
  });

  test('a distribution without access logs, a web ACL without logging configuration fail LOG-1', () => {
    const { aws_cloudwatch_log_delivery: _d, aws_wafv2_web_acl_logging_configuration: _l, ...bare } = goodEdge();
    expect(edge(bare)).toEqual([
      'LOG-1-AWS-EDGE aws_cloudfront_distribution.cdn logging_config',
      'LOG-1-AWS-EDGE aws_wafv2_web_acl.edge LoggingConfiguration',
    ]);
  });
});

describe('aws_lb_listener / aws_alb_listener and listener rules (TLS-1-AWS-ALB)', () => {
  const https = (ssl_policy: string) => ({ load_balancer_arn: '${aws_lb.web.arn}', port: 443, protocol: 'HTTPS', ssl_policy, certificate_arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc', default_action: { type: 'forward', target_group_arn: '${aws_lb_target_group.app.arn}' } });
  const http = (default_action: unknown) => ({ load_balancer_arn: '${aws_lb.web.arn}', port: 80, protocol: 'HTTP', default_action });
  const redirect = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } };

  test('HTTPS with a TLS 1.3 policy and HTTP that only redirects pass', () => {
    expect(gate(tf({ aws_lb_listener: { https: https('ELBSecurityPolicy-TLS13-1-2-2021-06'), http: http(redirect) } }), 'TLS-1-AWS-ALB')).toEqual([]);
  });

  test("a listener of an application load balancer without protocol is HTTP, Terraform's default", () => {
    const forward = { type: 'forward', target_group_arn: '${aws_lb_target_group.app.arn}' };
    const stack = (load_balancer_type?: string): Tf => ({
      aws_lb: { web: { name: 'web', load_balancer_type } },
      aws_lb_listener: { plain: { load_balancer_arn: '${aws_lb.web.arn}', port: 80, default_action: forward } },
    });
    expect(gate(tf(stack()), 'TLS-1-AWS-ALB')).toEqual(['TLS-1-AWS-ALB aws_lb_listener.plain default_action']);
    expect(gate(tf(stack('network')), 'TLS-1-AWS-ALB')).toEqual([]);
  });

  test('an old policy, an HTTP listener that forwards, and a rule forwarding on the HTTP listener fail', () => {
    expect(
      gate(
        tf({
          aws_alb_listener: { https: https('ELBSecurityPolicy-2016-08'), http: http([redirect]), plain: http({ type: 'forward', target_group_arn: '${aws_lb_target_group.app.arn}' }) },
          aws_lb_listener_rule: { api: { listener_arn: '${aws_alb_listener.http.arn}', priority: 10, action: { type: 'forward', target_group_arn: '${aws_lb_target_group.app.arn}' }, condition: { path_pattern: { values: ['/api/*'] } } } },
        }),
        'TLS-1-AWS-ALB',
      ),
    ).toEqual(['TLS-1-AWS-ALB aws_alb_listener.https ssl_policy', 'TLS-1-AWS-ALB aws_alb_listener.plain default_action', 'TLS-1-AWS-ALB aws_lb_listener_rule.api action']);
  });
});

describe('aws_cloudtrail and the audit bucket (LOG-1-AWS, LOG-1-AWS-S3-DATA, RET-3)', () => {
  const trail = (over: Record<string, unknown> = {}): Tf => ({
    aws_cloudtrail: {
      org: {
        name: 'org',
        s3_bucket_name: '${aws_s3_bucket.audit.id}',
        is_multi_region_trail: true,
        enable_log_file_validation: true,
        kms_key_id: KEY_ARN,
        event_selector: [{ read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
        ...over,
      },
    },
    aws_s3_bucket: { audit: { bucket: 'acme-audit', object_lock_enabled: true } },
    aws_s3_bucket_object_lock_configuration: { audit: { bucket: '${aws_s3_bucket.audit.id}', rule: { default_retention: { mode: 'COMPLIANCE', years: 7 } } } },
  });
  const rules = (t: Tf) => ['LOG-1-AWS', 'RET-3'].flatMap((r) => gate(tf(t), r)).filter((f) => !f.startsWith('LOG-1-AWS-EDGE') && !f.startsWith('LOG-1-AWS-PGAUDIT'));

  test('a multi-region, validated, encrypted trail of every S3 object into a locked bucket passes (enable_logging defaults to true)', () => {
    expect(rules(trail())).toEqual([]);
  });

  test('logging paused, single region, no validation, no data events and a governance-mode lock fail', () => {
    const t = trail({ enable_logging: false, is_multi_region_trail: undefined, enable_log_file_validation: false, event_selector: undefined });
    t.aws_s3_bucket_object_lock_configuration = { audit: { bucket: '${aws_s3_bucket.audit.id}', rule: { default_retention: { mode: 'GOVERNANCE', years: 7 } } } };
    expect(rules(t)).toEqual([
      'LOG-1-AWS aws_cloudtrail.org enable_log_file_validation',
      'LOG-1-AWS aws_cloudtrail.org enable_logging',
      'LOG-1-AWS aws_cloudtrail.org is_multi_region_trail',
      'LOG-1-AWS-S3-DATA aws_cloudtrail.org event_selector',
      'RET-3-AWS aws_s3_bucket.audit aws_s3_bucket_object_lock_configuration.audit.rule.default_retention.mode',
    ]);
  });

  test('the trail bucket without object lock fails RET-3', () => {
    const t = trail();
    delete t.aws_s3_bucket_object_lock_configuration;
    t.aws_s3_bucket = { audit: { bucket: 'acme-audit' } };
    expect(rules(t)).toEqual(['RET-3-AWS aws_s3_bucket.audit object_lock_enabled']);
  });
});

describe('aws_flow_log and aws_vpc (NET-3)', () => {
  const net = (traffic_type: string, vpc_id = '${aws_vpc.main.id}'): Tf => ({
    aws_vpc: { main: { cidr_block: '10.0.0.0/16' }, other: { cidr_block: '10.1.0.0/16' } },
    aws_flow_log: { main: { vpc_id, traffic_type, log_destination: '${aws_cloudwatch_log_group.flow.arn}' }, other: { vpc_id: '${aws_vpc.other.id}', traffic_type: 'ALL' } },
  });

  test('a flow log of ALL traffic referencing the VPC passes; REJECT only, or one naming another VPC, fails', () => {
    expect(gate(tf(net('ALL')), 'NET-3')).toEqual([]);
    expect(gate(tf(net('REJECT')), 'NET-3')).toEqual(['NET-3-AWS aws_vpc.main FlowLog']);
    expect(gate(tf(net('ALL', '${aws_vpc.other.id}')), 'NET-3')).toEqual(['NET-3-AWS aws_vpc.main FlowLog']);
  });
});

describe('aws_rds_cluster / aws_db_instance and parameter groups (ENC-1-AWS-RDS, TLS-2-AWS-RDS, RET-4, NET-4, LOG-1-AWS-PGAUDIT)', () => {
  const db = (cluster: Record<string, unknown> = {}, params: Record<string, string> = {}): Tf => ({
    aws_rds_cluster: {
      main: {
        engine: 'aurora-postgresql',
        storage_encrypted: true,
        kms_key_id: KEY_ARN,
        backup_retention_period: 7,
        db_cluster_parameter_group_name: '${aws_rds_cluster_parameter_group.pg.name}',
        cluster_identifier: 'main-db',
        enabled_cloudwatch_logs_exports: ['postgresql'],
        ...cluster,
      },
    },
    // the statement log's group, declared before RDS would create it (LOG-1-AWS-PGAUDIT-EXPORT)
    aws_cloudwatch_log_group: { pg: { name: '/aws/rds/cluster/main-db/postgresql', retention_in_days: 2557, kms_key_id: KEY_ARN } },
    aws_rds_cluster_instance: { one: { cluster_identifier: '${aws_rds_cluster.main.id}', engine: 'aurora-postgresql', instance_class: 'db.r6g.large' } },
    aws_rds_cluster_parameter_group: {
      pg: {
        family: 'aurora-postgresql15',
        parameter: Object.entries({ 'rds.force_ssl': '1', shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'ddl,role,write', ...params }).map(([name, value]) => ({ name, value })),
      },
    },
  });
  const rules = (t: Tf) => ['ENC-1-AWS-RDS', 'TLS-2-AWS-RDS', 'RET-4', 'NET-4', 'LOG-1-AWS-PGAUDIT'].flatMap((r) => gate(tf(t), r)).sort();

  test('an encrypted Aurora cluster kept 7 days, forcing TLS and auditing, passes', () => {
    expect(rules(db())).toEqual([]);
  });

  test('unencrypted, 6 days of backups, TLS not forced, no pgaudit fail at the Terraform attributes', () => {
    expect(rules(db({ storage_encrypted: undefined, backup_retention_period: 6 }, { 'rds.force_ssl': '0', shared_preload_libraries: 'pg_stat_statements' }))).toEqual([
      'ENC-1-AWS-RDS aws_rds_cluster.main storage_encrypted',
      'LOG-1-AWS-PGAUDIT aws_rds_cluster_parameter_group.pg parameter.shared_preload_libraries',
      'RET-4-AWS aws_rds_cluster.main backup_retention_period',
      'TLS-2-AWS-RDS aws_rds_cluster_parameter_group.pg parameter.rds.force_ssl',
    ]);
  });

  test('a public aws_db_instance fails NET-4; publicly_accessible defaults to false in Terraform', () => {
    const inst = (over: Record<string, unknown>): Tf => ({
      aws_db_instance: { app: { engine: 'postgres', storage_encrypted: true, kms_key_id: KEY_ARN, backup_retention_period: 7, parameter_group_name: '${aws_db_parameter_group.pg.name}', ...over } },
      aws_db_parameter_group: { pg: { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }] } },
    });
    expect(gate(tf(inst({})), 'NET-4')).toEqual([]);
    expect(gate(tf(inst({ publicly_accessible: true })), 'NET-4')).toEqual(['NET-4-AWS aws_db_instance.app publicly_accessible']);
    expect(gate(tf(inst({ parameter_group_name: 'default.postgres16' })), 'TLS-2-AWS-RDS')).toEqual(['TLS-2-AWS-RDS aws_db_instance.app parameter_group_name']);
  });
});

describe('aws_docdb_cluster / aws_docdbelastic_cluster (ENC-1-AWS-DOCDB, RET-4)', () => {
  const docdb = (over: Record<string, unknown> = {}): Tf => ({
    aws_docdb_cluster: { main: { cluster_identifier: 'docs', engine: 'docdb', storage_encrypted: true, kms_key_id: KEY_ARN, backup_retention_period: 7, ...over } },
  });
  const rules = (t: Tf) => ['ENC-1-AWS-DOCDB', 'RET-4'].flatMap((r) => gate(tf(t), r)).sort();

  test('a cluster encrypted under a customer key and kept 7 days passes', () => {
    expect(rules(docdb())).toEqual([]);
  });

  test('unencrypted (storage_encrypted defaults to false), no key and 1 day of backups fail at the Terraform attributes', () => {
    expect(rules(docdb({ storage_encrypted: undefined, kms_key_id: undefined, backup_retention_period: 1 }))).toEqual([
      'ENC-1-AWS-DOCDB aws_docdb_cluster.main kms_key_id',
      'ENC-1-AWS-DOCDB aws_docdb_cluster.main storage_encrypted',
      'RET-4-AWS aws_docdb_cluster.main backup_retention_period',
    ]);
  });

  test('an elastic cluster without kms_key_id is under an AWS-owned key', () => {
    const elastic = (over: Record<string, unknown>): Tf => ({ aws_docdbelastic_cluster: { docs: { name: 'docs', admin_user_name: 'cordon', auth_type: 'SECRET_ARN', shard_capacity: 2, shard_count: 1, ...over } } });
    expect(rules(elastic({ kms_key_id: KEY_ARN }))).toEqual([]);
    expect(rules(elastic({}))).toEqual(['ENC-1-AWS-DOCDB aws_docdbelastic_cluster.docs kms_key_id']);
  });
});

describe('aws_cloudformation_export: the Terraform form of Fn::ImportValue (NET-5-AWS, TEN-2, ENC-3)', () => {
  /** A CloudFormation stack of `tenant` in `environment` exporting its subnet as `export`. */
  const exporting = (environment: string, tenant: string, exportName: string) => ({
    Resources: { Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0abc', CidrBlock: '10.1.0.0/24', Tags: [{ Key: 'environment', Value: environment }, { Key: 'tenant', Value: tenant }] } } },
    Outputs: { SubnetId: { Value: { Ref: 'Subnet' }, Export: { Name: exportName } } },
  });
  /** A Terraform stack of acme staging whose subnet group takes a subnet through the export data source. */
  const importing = (exportName: string) => ({
    data: { aws_cloudformation_export: { cell_subnet: { name: exportName } } },
    resource: { aws_db_subnet_group: { db: { subnet_ids: ['${data.aws_cloudformation_export.cell_subnet.value}'], tags: { environment: 'staging', tenant: 'acme' } } } },
  });

  test('a staging stack reading a prod export fails NET-5 at the Terraform attribute; a staging export passes', () => {
    expect(gate({ 'cell-prod.template.json': exporting('prod', 'acme', 'cell-prod:subnet'), 'acme-staging.tf.json': importing('cell-prod:subnet') }, 'NET-5')).toEqual(['NET-5-AWS aws_db_subnet_group.db subnet_ids[0]']);
    expect(gate({ 'cell-staging.template.json': exporting('staging', 'acme', 'cell-staging:subnet'), 'acme-staging.tf.json': importing('cell-staging:subnet') }, 'NET-5')).toEqual([]);
  });

  test("a log group under another tenant's exported key fails ENC-3, which follows the import to the key", () => {
    const keys = {
      Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, Tags: [{ Key: 'environment', Value: 'staging' }, { Key: 'tenant', Value: 'globex' }] } } },
      Outputs: { KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'globex-staging:key' } } },
    };
    const logs = {
      data: { aws_cloudformation_export: { key: { name: 'globex-staging:key' } } },
      resource: { aws_cloudwatch_log_group: { app: { name: 'app', retention_in_days: 365, kms_key_id: '${data.aws_cloudformation_export.key.value}', tags: { environment: 'staging', tenant: 'acme' } } } },
    };
    expect(gate({ 'globex-staging-keys.template.json': keys, 'acme-staging.tf.json': logs }, 'ENC-3')).toEqual(['ENC-3 aws_cloudwatch_log_group.app kms_key_id']);
  });

  test("a service in another tenant's exported subnet fails TEN-2", () => {
    const service = {
      data: { aws_cloudformation_export: { subnet: { name: 'globex-staging:subnet' } } },
      resource: { aws_ecs_service: { app: { name: 'app', network_configuration: { subnets: ['${data.aws_cloudformation_export.subnet.value}'] }, tags: { environment: 'staging', tenant: 'acme' } } } },
    };
    expect(gate({ 'globex-staging.template.json': exporting('staging', 'globex', 'globex-staging:subnet'), 'acme-staging.tf.json': service }, 'TEN-2')).toEqual([
      'TEN-2 aws_ecs_service.app Fn::ImportValue globex-staging:subnet',
    ]);
  });
});

describe('aws_security_group and its rules (NET-1)', () => {
  const sg = (ingress: unknown[]): Tf => ({ aws_security_group: { web: { description: 'web', vpc_id: '${aws_vpc.main.id}', ingress } } });
  const rule = (from_port: number, cidr_blocks: string[]) => ({ from_port, to_port: from_port, protocol: 'tcp', cidr_blocks });

  test('tcp/443 open to the internet passes; ssh open and a data port from a CIDR fail at the Terraform source', () => {
    expect(gate(tf(sg([rule(443, ['0.0.0.0/0'])])), 'NET-1')).toEqual([]);
    expect(gate(tf(sg([rule(443, ['0.0.0.0/0']), rule(22, ['10.0.0.0/8', '0.0.0.0/0'])])), 'NET-1')).toEqual(['NET-1-AWS aws_security_group.web ingress[1].cidr_blocks[1]']);
    expect(gate(tf(sg([rule(5432, ['10.0.0.0/16'])])), 'NET-1')).toEqual(['NET-1-AWS aws_security_group.web ingress[0].cidr_blocks[0]']);
  });

  test('aws_security_group_rule and aws_vpc_security_group_ingress_rule are judged alike; egress is not ingress', () => {
    expect(
      gate(
        tf({
          aws_security_group_rule: {
            ssh: { type: 'ingress', security_group_id: '${aws_security_group.web.id}', ...rule(22, ['10.0.0.0/8', '0.0.0.0/0']) },
            out: { type: 'egress', security_group_id: '${aws_security_group.web.id}', ...rule(22, ['0.0.0.0/0']) },
          },
          aws_vpc_security_group_ingress_rule: {
            https: { security_group_id: '${aws_security_group.web.id}', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 },
            all: { security_group_id: '${aws_security_group.web.id}', cidr_ipv6: '::/0', ip_protocol: '-1' },
          },
        }),
        'NET-1',
      ),
    ).toEqual(['NET-1-AWS aws_security_group_rule.ssh cidr_blocks[1]', 'NET-1-AWS aws_vpc_security_group_ingress_rule.all cidr_ipv6']);
  });
});

describe('log groups, queues, topics, volumes, tables (ENC-1, LOG-2-AWS, RET-4)', () => {
  test('each store under a customer key passes; none, or an AWS-managed alias, fails', () => {
    const stores = (key: unknown): Tf => ({
      aws_cloudwatch_log_group: { app: { name: 'app', retention_in_days: 365, kms_key_id: key } },
      aws_sqs_queue: { work: { name: 'work', kms_master_key_id: key } },
      aws_sns_topic: { alerts: { name: 'alerts', kms_master_key_id: key } },
      aws_ebs_volume: { data: { availability_zone: 'eu-west-1a', size: 10, encrypted: true, kms_key_id: key } },
    });
    expect(gate(tf(stores(KEY_ARN)), 'ENC-1')).toEqual([]);
    expect(gate(tf(stores(undefined)), 'ENC-1')).toEqual([
      'ENC-1-AWS-EBS aws_ebs_volume.data kms_key_id',
      'ENC-1-AWS-LOGS aws_cloudwatch_log_group.app kms_key_id',
      'ENC-1-AWS-MESSAGING aws_sns_topic.alerts kms_master_key_id',
      'ENC-1-AWS-MESSAGING aws_sqs_queue.work kms_master_key_id',
    ]);
    expect(gate(tf({ aws_sqs_queue: { work: { sqs_managed_sse_enabled: true } }, aws_sns_topic: { alerts: { kms_master_key_id: 'alias/aws/sns' } } }), 'ENC-1')).toEqual([
      'ENC-1-AWS-MESSAGING aws_sns_topic.alerts kms_master_key_id',
      'ENC-1-AWS-MESSAGING aws_sqs_queue.work kms_master_key_id',
    ]);
    expect(gate(tf({ aws_ebs_volume: { data: { encrypted: false, kms_key_id: KEY_ARN } } }), 'ENC-1')).toEqual(['ENC-1-AWS-EBS aws_ebs_volume.data encrypted']);
  });

  test('a Kinesis stream is judged by encryption_type and kms_key_id (ENC-1-AWS-KINESIS)', () => {
    const stream = (over: Record<string, unknown>) => tf({ aws_kinesis_stream: { events: { name: 'events', ...over } } });
    expect(gate(stream({ encryption_type: 'KMS', kms_key_id: KEY_ARN }), 'ENC-1')).toEqual([]);
    // NONE is Terraform's default, as no StreamEncryption is CloudFormation's.
    expect(gate(stream({}), 'ENC-1')).toEqual(['ENC-1-AWS-KINESIS aws_kinesis_stream.events encryption_type', 'ENC-1-AWS-KINESIS aws_kinesis_stream.events kms_key_id']);
    expect(gate(stream({ encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' }), 'ENC-1')).toEqual(['ENC-1-AWS-KINESIS aws_kinesis_stream.events kms_key_id']);
  });

  test('a data protection policy of the log group counts only when it masks (LOG-2-AWS)', () => {
    const policy = (operation: unknown) => JSON.stringify({ Name: 'p', Version: '2021-06-01', Statement: [{ Sid: 's', DataIdentifier: ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'], Operation: operation }] });
    const logs = (operation: unknown, log_group_name = '${aws_cloudwatch_log_group.app.name}'): Tf => ({
      aws_cloudwatch_log_group: { app: { name: 'app', kms_key_id: KEY_ARN } },
      aws_cloudwatch_log_data_protection_policy: { app: { log_group_name, policy_document: policy(operation) } },
    });
    expect(gate(tf(logs({ Deidentify: { MaskConfig: {} } })), 'LOG-2-AWS')).toEqual([]);
    expect(gate(tf(logs({ Audit: { FindingsDestination: {} } })), 'LOG-2-AWS')).toEqual(['LOG-2-AWS aws_cloudwatch_log_group.app aws_cloudwatch_log_data_protection_policy.app.policy_document']);
    expect(gate(tf(logs({ Audit: { FindingsDestination: {} } }, 'app')), 'LOG-2-AWS')).toEqual(['LOG-2-AWS aws_cloudwatch_log_group.app aws_cloudwatch_log_data_protection_policy.app.policy_document']);
  });

  test('a DynamoDB table without point-in-time recovery fails RET-4', () => {
    expect(gate(tf({ aws_dynamodb_table: { t: { name: 't', hash_key: 'id', point_in_time_recovery: { enabled: true } } } }), 'RET-4')).toEqual([]);
    expect(gate(tf({ aws_dynamodb_table: { t: { name: 't', hash_key: 'id' } } }), 'RET-4')).toEqual(['RET-4-AWS aws_dynamodb_table.t point_in_time_recovery.enabled']);
  });
});

describe('identity, operations, egress, tenant networks and tags (IAM-1/2, OPS-1, TEN-3, NET-2, TEN-1)', () => {
  const prodTags = { environment: 'prod' };

  test('IAM users, group memberships, user policies and Identity Center user assignments in prod fail IAM-1', () => {
    expect(
      gate(
        tf({
          aws_iam_user: { alice: { name: 'alice', tags: prodTags } },
          aws_iam_user_group_membership: { alice: { user: '${aws_iam_user.alice.name}', groups: ['admins'] } },
          aws_iam_user_policy_attachment: { alice: { user: '${aws_iam_user.alice.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
          aws_iam_role_policy_attachment: { app: { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
          aws_ssoadmin_account_assignment: {
            alice: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1', principal_id: 'u-1', principal_type: 'USER', target_id: '111122223333', target_type: 'AWS_ACCOUNT' },
          },
        }),
        'IAM-1',
      ),
    ).toEqual([
      'IAM-1-AWS aws_iam_user.alice ',
      'IAM-1-AWS aws_iam_user_group_membership.alice user',
      'IAM-1-AWS aws_iam_user_policy_attachment.alice user',
      'IAM-1-AWS aws_ssoadmin_account_assignment.alice principal_type',
    ]);
  });

  test('literal secrets in a task definition, a Lambda environment or a database password fail IAM-2; Secrets Manager references pass', () => {
    const task = (environment: unknown[]) => JSON.stringify([{ name: 'app', image: 'app:1', environment, secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' }] }]);
    expect(
      gate(
        tf({
          aws_ecs_task_definition: { ok: { family: 'ok', container_definitions: task([{ name: 'LOG_LEVEL', value: 'info' }]) }, bad: { family: 'bad', container_definitions: task([{ name: 'API_TOKEN', value: 'sk-123' }]) } },
          aws_lambda_function: { fn: { function_name: 'fn', role: 'arn:aws:iam::111122223333:role/fn', environment: { variables: { DB_PASSWORD: 'hunter2', STAGE: 'prod' } } } },
          aws_db_instance: { db: { engine: 'postgres', password: 'hunter2' }, managed: { engine: 'postgres', manage_master_user_password: true } },
          aws_iam_access_key: { ci: { user: 'ci' } },
        }),
        'IAM-2',
      ),
    ).toEqual([
      'IAM-2-AWS aws_db_instance.db password',
      'IAM-2-AWS aws_ecs_task_definition.bad container_definitions[0].Environment[0]',
      'IAM-2-AWS aws_iam_access_key.ci ',
      'IAM-2-AWS aws_lambda_function.fn environment.variables.DB_PASSWORD',
    ]);
  });

  test('ECR scan on push and GuardDuty (enable defaults to true in Terraform) (OPS-1)', () => {
    expect(gate(tf({ aws_ecr_repository: { app: { name: 'app', image_scanning_configuration: { scan_on_push: true } } }, aws_guardduty_detector: { main: {} } }), 'OPS-1')).toEqual([]);
    expect(gate(tf({ aws_ecr_repository: { app: { name: 'app' } }, aws_guardduty_detector: { main: { enable: false } } }), 'OPS-1')).toEqual([
      'OPS-1-AWS aws_ecr_repository.app image_scanning_configuration.scan_on_push',
      'OPS-1-AWS aws_guardduty_detector.main enable',
    ]);
    expect(
      gate(tf({ aws_ecr_repository: { app: { name: 'app' } }, aws_ecr_registry_scanning_configuration: { all: { scan_type: 'ENHANCED', rule: { scan_frequency: 'CONTINUOUS_SCAN', repository_filter: { filter: '*', filter_type: 'WILDCARD' } } } } }), 'OPS-1'),
    ).toEqual([]);
  });

  test("an allow list reaching an LLM provider the tenant does not use fails TEN-3; the rule group's rules are folded into it", () => {
    const registry = path.join(DIR, 'registry-openai');
    fs.mkdirSync(registry, { recursive: true });
    fs.writeFileSync(path.join(registry, 'globex.yaml'), fs.readFileSync(path.join(__dirname, '..', '..', 'infra', 'tenants', 'globex.yaml'), 'utf8').replace('subprocessors: [openai, anthropic]', 'subprocessors: [openai]'));
    const egress = (action: string): Tf => ({
      aws_route53_resolver_firewall_domain_list: { llm: { name: 'llm', domains: ['api.openai.com', 'api.anthropic.com'], tags: { tenant: 'globex', environment: 'staging', tier: 'dedicated' } } },
      aws_route53_resolver_firewall_rule_group: { egress: { name: 'egress', tags: { tenant: 'globex', environment: 'staging', tier: 'dedicated' } } },
      aws_route53_resolver_firewall_rule: { llm: { name: 'llm', action, block_response: action === 'BLOCK' ? 'NODATA' : undefined, firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.egress.id}', firewall_domain_list_id: '${aws_route53_resolver_firewall_domain_list.llm.id}', priority: 100 } },
    });
    expect(gate(tf(egress('ALLOW')), 'TEN-3', ['--registry', registry])).toEqual(['TEN-3-AWS aws_route53_resolver_firewall_domain_list.llm domains[1]']);
    expect(gate(tf(egress('BLOCK')), 'TEN-3', ['--registry', registry])).toEqual([]);
  });

  test('a dedicated tenant service runs in subnets of its own stack (NET-2)', () => {
    const tags = { tenant: 'globex', environment: 'staging', tier: 'dedicated' };
    const svc = (network_configuration: unknown): Tf => ({
      aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.20.0.0/24', tags } },
      aws_vpc: { main: { cidr_block: '10.20.0.0/16', tags } },
      aws_ecs_service: { app: { name: 'app', cluster: 'c', task_definition: 'td', network_configuration, tags } },
    });
    expect(gate(tf(svc({ subnets: ['${aws_subnet.a.id}'], security_groups: [] })), 'NET-2')).toEqual([]);
    expect(gate(tf(svc(undefined)), 'NET-2')).toEqual(['NET-2-AWS aws_ecs_service.app network_configuration.subnets']);
    expect(gate(tf(svc({ subnets: ['subnet-0abc'] })), 'NET-2')).toEqual(['NET-2-AWS aws_ecs_service.app network_configuration.subnets[0] (unverifiable)']);
  });

  test("the provider's default_tags tag every resource (TEN-1), in Terraform JSON and in HCL", () => {
    const resource = { aws_sqs_queue: { q: { name: 'q', kms_master_key_id: KEY_ARN } }, aws_sns_topic: { t: { name: 't', kms_master_key_id: KEY_ARN, tags: { tenant: 'globex' } } } };
    const provider = { aws: { region: 'us-east-1', default_tags: { tags: { tenant: 'globex', environment: 'staging', tier: 'dedicated' } } } };
    expect(gate({ 'main.tf.json': { provider, resource } }, 'TEN-1')).toEqual([]);
    expect(gate({ 'main.tf.json': { resource: { ...resource, aws_sns_topic: { t: { name: 't', tags: { tenant: 'globex', environment: 'staging' } } } } } }, 'TEN-1')).toEqual(['TEN-1-AWS aws_sqs_queue.q tags']);
    const hcl = `
provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { tenant = "globex", environment = "staging", tier = "dedicated" }
  }
}

resource "aws_sqs_queue" "q" {
  name              = "q"
  kms_master_key_id = "${KEY_ARN}"
}

resource "aws_sns_topic" "t" {
  name = "t"
  tags = { tenant = "globex" }
}
`;
    expect(gate({ 'main.tf': hcl }, 'TEN-1')).toEqual([]);
  });
});

describe("rules on the tenant's contract: customer key, PHI tier, LLM sub-processors, offboarding (ENC-5, TEN-4, TEN-3, RET-5)", () => {
  const STARK_CMEK = 'arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab';
  const registry = (over = '') => {
    const dir = path.join(DIR, `stark-registry-${++n}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'stark.yaml'), fs.readFileSync(path.join(__dirname, '..', '..', 'infra', 'tenants', 'stark.yaml'), 'utf8') + over);
    return ['--registry', dir];
  };
  const stark = (tier: string, key: string): Tf => ({
    aws_s3_bucket: { docs: { bucket: 'cordon-stark-staging-documents', tags: { tenant: 'stark', environment: 'staging', tier } } },
    aws_s3_bucket_server_side_encryption_configuration: { docs: { bucket: '${aws_s3_bucket.docs.id}', rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: key } } } },
  });

  test("an enterprise tenant's bucket under another key than its registered one fails ENC-5", () => {
    expect(gate(tf(stark('enterprise', STARK_CMEK)), 'ENC-5', registry())).toEqual([]);
    expect(gate(tf(stark('enterprise', KEY_ARN)), 'ENC-5', registry())).toEqual(['ENC-5-AWS aws_s3_bucket.docs aws_s3_bucket_server_side_encryption_configuration.docs.rule']);
  });

  test("a PHI tenant's data on a tier other than enterprise fails TEN-4", () => {
    expect(gate(tf(stark('enterprise', STARK_CMEK)), 'TEN-4', registry())).toEqual([]);
    expect(gate(tf(stark('dedicated', STARK_CMEK)), 'TEN-4', registry())).toEqual(['TEN-4-AWS aws_s3_bucket.docs tags.tier']);
  });

  test('an allow list reaching OpenAI for a tenant that uses only Anthropic fails TEN-3', () => {
    const tags = { tenant: 'stark', environment: 'staging', tier: 'enterprise' };
    const egress = (domains: string[]): Tf => ({
      aws_route53_resolver_firewall_domain_list: { llm: { name: 'llm', domains, tags } },
      aws_route53_resolver_firewall_rule_group: { egress: { name: 'egress', tags } },
      aws_route53_resolver_firewall_rule: { llm: { name: 'llm', action: 'ALLOW', firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.egress.id}', firewall_domain_list_id: '${aws_route53_resolver_firewall_domain_list.llm.id}', priority: 100 } },
    });
    expect(gate(tf(egress(['api.anthropic.com'])), 'TEN-3', registry())).toEqual([]);
    expect(gate(tf(egress(['api.anthropic.com', 'api.openai.com'])), 'TEN-3', registry())).toEqual(['TEN-3-AWS aws_route53_resolver_firewall_domain_list.llm domains[1]']);
  });

  test('an offboarding tenant keeps no load balancer, and its keys only until its window ends; an offboarded one keeps only disabled keys (RET-5)', () => {
    const tags = { tenant: 'stark', environment: 'staging', tier: 'enterprise' };
    const leaving = registry('status: offboarding\noffboarding: { request: req-2026-12-01-0a1b2c3d, approvedAt: "2026-12-01", dataUntil: "2026-12-31" }\n');
    // Judged within the window (it ends 2026-12-31), then the day after: the key is due for shredding, named in Terraform's terms.
    expect(gate(tf({ aws_lb: { web: { name: 'web', tags } }, aws_kms_key: { k: { is_enabled: true, tags } } }), 'RET-5', [...leaving, '--today', '2026-12-31'])).toEqual(['RET-5-AWS aws_lb.web Type']);
    expect(gate(tf({ aws_kms_key: { k: { is_enabled: true, tags } } }), 'RET-5', [...leaving, '--today', '2027-01-01'])).toEqual(['RET-5-SHRED aws_kms_key.k is_enabled']);
    const gone = registry('status: offboarded\noffboarding: { request: req-2026-12-01-0a1b2c3d, approvedAt: "2026-12-01", dataUntil: "2026-12-31" }\n');
    expect(gate(tf({ aws_kms_key: { k: { is_enabled: true, tags } }, aws_sqs_queue: { q: { name: 'q', tags } } }), 'RET-5', gone)).toEqual([
      'RET-5-AWS aws_kms_key.k is_enabled',
      'RET-5-AWS aws_sqs_queue.q Type',
    ]);
    expect(gate(tf({ aws_kms_key: { k: { is_enabled: false, tags } } }), 'RET-5', gone)).toEqual([]);
  });
});

describe('HCL and plan inputs', () => {
  test('HCL: blocks, bare references and a split resource referencing the bucket', () => {
    const hcl = `
resource "aws_kms_key" "k" {
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
`;
    expect(['ENC-1', 'ENC-2', 'ENC-4', 'ENC-6'].flatMap((r) => gate({ 'main.tf': hcl }, r))).toEqual([
      'ENC-2-AWS aws_kms_key.k rotation_period_in_days',
      'ENC-4-AWS aws_s3_bucket.docs aws_s3_bucket_server_side_encryption_configuration.docs.rule',
    ]);
  });

  test('HCL: a key read through an aws_kms_alias data source is judged by the alias it names (ENC-1)', () => {
    const hcl = (alias: string) => `
data "aws_kms_alias" "logs" {
  name = "${alias}"
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "app"
  kms_key_id = data.aws_kms_alias.logs.target_key_arn
}
`;
    expect(gate({ 'main.tf': hcl('alias/cordon/globex/logs') }, 'ENC-1')).toEqual([]);
    expect(gate({ 'main.tf': hcl('alias/aws/logs') }, 'ENC-1')).toEqual(['ENC-1-AWS-LOGS aws_cloudwatch_log_group.app kms_key_id']);
  });

  test('HCL: container definitions written with jsonencode cannot be read, so they are unverifiable (IAM-2)', () => {
    const hcl = `
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "app:1", environment = [{ name = "API_TOKEN", value = var.token }] }])
}
`;
    expect(gate({ 'main.tf': hcl }, 'IAM-2')).toEqual(['IAM-2-AWS aws_ecs_task_definition.app container_definitions (unverifiable)']);
  });

  test('plan: attributes unknown until apply are unverifiable; the split resource is linked by its configuration reference', () => {
    const unknown = (values: Record<string, unknown>, after_unknown: Record<string, unknown>, address: string) => ({ address, values, after_unknown });
    const resources = [
      { ...unknown({ bucket: 'acme-docs' }, {}, 'aws_s3_bucket.docs'), type: 'aws_s3_bucket' },
      {
        ...unknown({ bucket: null, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: null }], bucket_key_enabled: null }] }, { bucket: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] }, 'aws_s3_bucket_server_side_encryption_configuration.docs'),
        type: 'aws_s3_bucket_server_side_encryption_configuration',
      },
      { ...unknown({ bucket: null, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: false }, { bucket: true }, 'aws_s3_bucket_public_access_block.docs'), type: 'aws_s3_bucket_public_access_block' },
    ];
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: 'docs', values: r.values })) } },
      resource_changes: resources.map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: 'docs', change: { actions: ['create'], after: r.values, after_unknown: r.after_unknown } })),
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_s3_bucket.docs', mode: 'managed', type: 'aws_s3_bucket', name: 'docs', expressions: { bucket: { constant_value: 'acme-docs' } } },
            {
              address: 'aws_s3_bucket_server_side_encryption_configuration.docs',
              mode: 'managed',
              type: 'aws_s3_bucket_server_side_encryption_configuration',
              name: 'docs',
              expressions: { bucket: { references: ['aws_s3_bucket.docs.id', 'aws_s3_bucket.docs'] }, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ['var.key_arn'] } }] }] },
            },
            { address: 'aws_s3_bucket_public_access_block.docs', mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: 'docs', expressions: { bucket: { references: ['aws_s3_bucket.docs.id', 'aws_s3_bucket.docs'] } } },
          ],
        },
      },
    };
    expect(['ENC-1', 'NET-4'].flatMap((r) => gate({ 'tfplan.json': JSON.stringify(plan) }, r))).toEqual([
      'ENC-1-AWS aws_s3_bucket.docs aws_s3_bucket_server_side_encryption_configuration.docs.rule.apply_server_side_encryption_by_default.kms_master_key_id (unverifiable)',
      'NET-4-AWS aws_s3_bucket.docs aws_s3_bucket_public_access_block.docs',
    ]);
  });
});

describe('the translation', () => {
  test('keeps the Terraform address, tags and references; the type reads as CloudFormation', () => {
    const dir = path.join(DIR, 'load');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'k.tf.json'), JSON.stringify({ resource: { aws_kms_key: { k: { enable_key_rotation: true, tags: { tenant: 'acme' } } }, aws_kms_alias: { a: { name: 'alias/acme', target_key_id: '${aws_kms_key.k.key_id}' } } } }));
    const [{ doc }] = loadInputs([path.join(dir, 'k.tf.json')]);
    expect(doc.stack.format).toBe('terraform');
    expect(doc.stack.tenant).toBe('acme');
    expect(doc.resources['aws_kms_key.k']).toMatchObject({ type: 'AWS::KMS::Key', properties: { EnableKeyRotation: true, Tags: { tenant: 'acme' } }, terraform: { type: 'aws_kms_key' } });
    expect(doc.resources['aws_kms_alias.a']).toMatchObject({ type: 'AWS::KMS::Alias', properties: { TargetKeyId: '${aws_kms_key.k.key_id}' }, references: ['aws_kms_key.k'] });
  });

  test("the Terraform source is the report's, not the rules' input", () => {
    const [stack] = loadInputs([path.join(__dirname, '..', 'fixtures', 'terraform-aws', 'tf-globex-staging.tf.json')]);
    expect(stack.doc.resources['aws_s3_bucket.documents'].terraform).toMatchObject({ type: 'aws_s3_bucket', folded: { 'aws_s3_bucket_versioning.documents': 'aws_s3_bucket_versioning' } });
    const [job] = evaluationJobs([stack], [stack], [], [], '2026-12-07');
    const input = Buffer.concat(job.input.map((b) => Buffer.from(b))).toString('utf8');
    expect(JSON.parse(input).resources['aws_s3_bucket.documents']).not.toHaveProperty('terraform');
  });

  test('paths are written back by whole segments, the rest kept', () => {
    const source = { type: 'x', paths: { 'DistributionConfig.Origins': 'origin', Rules: 'rule' } };
    expect(terraformPath(source, 'DistributionConfig.Origins[2].CustomOriginConfig.Other')).toBe('origin[2].custom_origin_config.Other');
    expect(terraformPath(source, 'RulesX')).toBe('RulesX');
  });
});

describe('AWS tenants in Terraform written by hand: globex (key, data and edge stacks), stark prod and tyrell (contracts/)', () => {
  const FIXTURE = path.join(__dirname, '..', 'fixtures', 'terraform-aws');
  const REGISTRY = path.join(__dirname, '..', '..', 'infra', 'tenants');

  test('gate clean with the registry; the data stack names its keys through the key stack aliases', () => {
    const out = path.join(DIR, 'tenant.json');
    const res = cordon('check', FIXTURE, '--registry', REGISTRY, '--format', `json=${out}`);
    const report = readJson(out);
    expect({ code: res.code, findings: report.findings }).toEqual({ code: 0, findings: [] });
    expect(report.stacks.map((s: any) => [s.name, s.format, s.tenant])).toEqual([
      ['contracts/tf-stark-prod', 'terraform', 'stark'],
      ['contracts/tf-tyrell-staging-keys', 'terraform', 'tyrell'],
      ['tf-globex-staging', 'terraform', 'globex'],
      ['tf-globex-staging-edge', 'terraform', 'globex'],
      ['tf-globex-staging-keys', 'terraform', 'globex'],
    ]);
    // Judged, not skipped: the stacks are read by the rules of every type they declare.
    expect(report.stacks[2].rules).toEqual(expect.arrayContaining(['ENC-1-AWS', 'ENC-1-AWS-RDS', 'ENC-3', 'IAM-2-AWS', 'NET-1-AWS', 'NET-2-AWS', 'NET-3-AWS', 'RET-1-AWS', 'TLS-1-AWS-ALB', 'TLS-2-AWS-S3']));
    expect(report.stacks[3].rules).toEqual(expect.arrayContaining(['EDGE-1-AWS', 'EDGE-2-AWS', 'LOG-1-AWS-EDGE', 'LOG-2-AWS-EDGE', 'TLS-1-AWS-CLOUDFRONT', 'TLS-3-AWS']));
    // The contracts globex lacks: an enterprise PHI tenant under its customer key, an offboarded tenant's shredded keys.
    expect(report.stacks[0].rules).toEqual(expect.arrayContaining(['ENC-3', 'ENC-5-AWS', 'TEN-4-AWS', 'RET-1-AWS']));
    expect(report.stacks[1].rules).toEqual(expect.arrayContaining(['ENC-2-AWS', 'ENC-6-AWS', 'RET-5-AWS']));
  });

  test('an alias data source that names an AWS-managed key, or no key of the estate, is not a customer key of the tenant', () => {
    const data = readJson(path.join(FIXTURE, 'tf-globex-staging.tf.json'));
    const keys = readJson(path.join(FIXTURE, 'tf-globex-staging-keys.tf.json'));
    const run = (alias: string) => {
      data.data.aws_kms_alias.documents.name = alias;
      return ['ENC-1-AWS', 'ENC-3'].flatMap((r) => gate({ 'tf-globex-staging.tf.json': data, 'tf-globex-staging-keys.tf.json': keys }, r, ['--registry', REGISTRY]));
    };
    // (ENC-3 cannot attribute an AWS-managed key to the tenant either, as for a CloudFormation literal.)
    expect(run('alias/aws/s3')).toEqual([
      'ENC-1-AWS aws_s3_bucket.documents aws_s3_bucket_server_side_encryption_configuration.documents.rule',
      'ENC-3 aws_s3_bucket.documents aws_s3_bucket_server_side_encryption_configuration.documents.rule (unverifiable)',
    ]);
    expect(run('alias/cordon/initech/documents')).toEqual(['ENC-3 aws_s3_bucket.documents aws_s3_bucket_server_side_encryption_configuration.documents.rule (unverifiable)']);
  });
});

describe('a plan of the data stack', () => {
  test("a key the configuration reads through the key stack's alias is that alias, in a plan too (ENC-1, ENC-3)", () => {
    const FIXTURE = path.join(__dirname, '..', 'fixtures', 'terraform-aws');
    const arn = 'arn:aws:kms:us-east-1:222222222222:key/0b7a6e4c-1111-2222-3333-444455556666';
    const tags = { environment: 'staging', tenant: 'globex', tier: 'dedicated' };
    const bucket = { address: 'aws_s3_bucket.documents', mode: 'managed', type: 'aws_s3_bucket', name: 'documents', values: { bucket: 'cordon-globex-staging-documents', tags, tags_all: tags } };
    const sse = {
      address: 'aws_s3_bucket_server_side_encryption_configuration.documents', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 'documents',
      values: { bucket: 'cordon-globex-staging-documents', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: arn }], bucket_key_enabled: true }] },
    };
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [bucket, sse, { address: 'data.aws_kms_alias.documents', mode: 'data', type: 'aws_kms_alias', name: 'documents', values: { name: 'alias/cordon/globex/documents', target_key_arn: arn } }] } },
      resource_changes: [bucket, sse].map((r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, change: { actions: ['create'], after: r.values, after_unknown: {} } })),
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_s3_bucket.documents', mode: 'managed', type: 'aws_s3_bucket', name: 'documents', expressions: { bucket: { constant_value: 'cordon-globex-staging-documents' } } },
            {
              address: sse.address, mode: 'managed', type: sse.type, name: 'documents',
              expressions: {
                bucket: { references: ['aws_s3_bucket.documents.id', 'aws_s3_bucket.documents'] },
                rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: { constant_value: 'aws:kms' }, kms_master_key_id: { references: ['data.aws_kms_alias.documents.target_key_arn', 'data.aws_kms_alias.documents'] } }] }],
              },
            },
            { address: 'data.aws_kms_alias.documents', mode: 'data', type: 'aws_kms_alias', name: 'documents', expressions: { name: { constant_value: 'alias/cordon/globex/documents' } } },
          ],
        },
      },
    };
    const keys = readJson(path.join(FIXTURE, 'tf-globex-staging-keys.tf.json'));
    const registry = ['--registry', path.join(__dirname, '..', '..', 'infra', 'tenants')];
    expect(['ENC-1-AWS', 'ENC-3'].flatMap((r) => gate({ 'tf-globex-staging.plan.json': JSON.stringify(plan), 'tf-globex-staging-keys.tf.json': keys }, r, registry))).toEqual([]);
    // The same plan naming another tenant's alias.
    (plan.configuration.root_module.resources[2].expressions as any).name.constant_value = 'alias/cordon/initech/documents';
    expect(['ENC-3'].flatMap((r) => gate({ 'tf-globex-staging.plan.json': JSON.stringify(plan), 'tf-globex-staging-keys.tf.json': keys }, r, registry))).toEqual([
      'ENC-3 aws_s3_bucket.documents aws_s3_bucket_server_side_encryption_configuration.documents.rule (unverifiable)',
    ]);
  });
});

describe('docs', () => {
  test('docs/terraform-aws.md names every type of the translation table', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'terraform-aws.md'), 'utf8');
    const named = (t: string) => doc.includes(`\`${t}\``) || doc.includes(`\`${t.replace(/^aws_s3_bucket/, '')}\``);
    expect([...Object.keys(MAPPINGS), ...Object.keys(FOLDS)].filter((t) => !named(t))).toEqual([]);
  });

  test('lists the Terraform types of each AWS rule from the translation table', () => {
    const res = cordon('controls', '--format', 'json');
    const rules = new Map<string, any>(JSON.parse(res.stdout).flatMap((c: any) => c.rules.map((r: any) => [r.id, r])));
    expect(rules.get('ENC-2-AWS').terraformTypes).toEqual(['aws_kms_key']);
    expect(rules.get('TLS-1-AWS-ALB').terraformTypes).toEqual(['aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_rule', 'aws_alb_listener_rule']);
    expect(rules.get('ENC-1-AWS').terraformTypes).toContain('aws_s3_bucket_server_side_encryption_configuration');
    expect(rules.get('ENC-1-GCP').terraformTypes).toEqual([]);
  });
});
