import * as fs from 'fs';
import * as path from 'path';
import { terraformPath } from '../../services/gate/terraform-aws';
import { loadInputs } from '../../services/gate/inputs';
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

  test('a policy written as an expression is unverifiable, not absent', () => {
    const b = goodBucket();
    expect(gate(tf({ ...b, aws_s3_bucket_policy: { docs: { bucket: '${aws_s3_bucket.docs.id}', policy: '${data.aws_iam_policy_document.tls.json}' } } }), 'TLS-2')).toEqual([
      'TLS-2-AWS-S3 aws_s3_bucket.docs aws_s3_bucket_policy (unverifiable)',
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

  test('paths are written back by whole segments, the rest kept', () => {
    const source = { type: 'x', paths: { 'DistributionConfig.Origins': 'origin', Rules: 'rule' } };
    expect(terraformPath(source, 'DistributionConfig.Origins[2].CustomOriginConfig')).toBe('origin[2].CustomOriginConfig');
    expect(terraformPath(source, 'RulesX')).toBe('RulesX');
  });
});
