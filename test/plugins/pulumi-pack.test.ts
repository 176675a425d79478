import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import type { StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import * as analyzer from '@pulumi/pulumi/proto/analyzer_pb';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { loadRegistry } from '../../infra/registry/load';
import { ROOT } from '../../services/toolchain/paths';
import { UNKNOWN_AFTER_APPLY } from '../../services/gate/normalize-plan';
import { loadPolicyBundle } from '../../services/gate/policy';
import type { Waiver } from '../../services/gate/waivers';
import { cordonPolicies, gatePulumiStack, judgedTerraformTypes, PulumiResource, pulumiToTerraform, pulumiTokens, tokenIndex, withTypesTable } from '../../services/plugins/pulumi-pack';
import { Cloud, Declared, PROVIDER_OUTPUTS, providerPackage } from '../support/pulumi-provider';

// The CrossGuard pack's policies called as CrossGuard calls them (a PolicyPack would start a gRPC
// server): Pulumi-shaped resources (type token, URN, name, output props, options, dependencies)
// of one tenant per cloud, gated by the compiled bundle against the example registry.

const bundle = loadPolicyBundle();
const registry = loadRegistry();
const TODAY = '2026-12-07';

/** A resource of stack `stack` of project `docs`; `deps` are the resources each property depends on. */
function res(stack: string, type: string, name: string, props: Record<string, unknown>, extra: { protect?: boolean; deps?: Record<string, PulumiResource[]> } = {}): PulumiResource {
  return {
    type,
    name,
    urn: `urn:pulumi:${stack}::docs::${type}::${name}`,
    props,
    opts: { protect: extra.protect ?? false },
    propertyDependencies: Object.fromEntries(Object.entries(extra.deps ?? {}).map(([k, rs]) => [k, rs.map((r) => ({ urn: r.urn }))])),
    // As CrossGuard passes it: every resource depended on (not read by the mapping, which goes by property).
    dependencies: Object.values(extra.deps ?? {}).flat(),
  } as PulumiResource;
}

// --- The example programs (examples/pulumi/<cloud>/index.ts) as CrossGuard receives them --------
/** An Output an example program read from a resource: which resource, which property. */
interface Read {
  readonly from: string;
  readonly output: string;
}

/**
 * Runs an example program (examples/pulumi/<cloud>/index.ts) against the stand-in for its provider
 * package (test/support/pulumi-provider.ts), recording each resource it declares: type token, name,
 * inputs and whether it is protected. A property read from a resource (`key.keyId`) is recorded as
 * a Read. (test/plugins/pulumi-cli.test.ts runs the same programs under the Pulumi CLI.)
 */
function runExample(cloud: Cloud): Declared[] {
  const declared: Declared[] = [];
  const provider = providerPackage(cloud, (d) => {
    declared.push(d);
    return new Proxy({}, { get: (_t, output) => ({ from: d.name, output: String(output) }) as Read });
  });
  jest.isolateModules(() => {
    jest.doMock(`@pulumi/${cloud}`, () => provider, { virtual: true });
    require(path.join(ROOT, 'examples', 'pulumi', cloud, 'index.ts'));
  });
  return declared;
}

/**
 * The stack a program makes, as CrossGuard passes it: the stack resource (and the AWS provider),
 * then each declared resource with what its provider adds, a value read from another resource
 * resolved to that resource's output and recorded as a property dependency; `over` sets inputs by
 * resource name (one setting broken).
 */
function stackOf(cloud: Cloud, stack: string, over: Record<string, Record<string, unknown> | undefined> = {}): PulumiResource[] {
  const made = new Map<string, PulumiResource>();
  const out = [res(stack, 'pulumi:pulumi:Stack', `docs-${stack}`, {}), ...(cloud === 'aws' ? [res(stack, 'pulumi:providers:aws', 'default_6_83_0', { region: 'us-east-1' })] : [])];
  for (const { type, name, props, protect } of runExample(cloud)) {
    const deps: Record<string, PulumiResource[]> = {};
    const inputs = Object.fromEntries(Object.entries(props).map(([key, v]) => {
      const read = v as Read;
      if (!read || typeof read !== 'object' || !('from' in read)) return [key, v];
      const source = made.get(read.from)!;
      deps[key] = [source];
      return [key, source.props[read.output]];
    }));
    const r = res(stack, type, name, { ...inputs, ...PROVIDER_OUTPUTS[type]?.(inputs), ...over[name] }, { protect, deps });
    made.set(name, r);
    out.push(r);
  }
  return out;
}

// AWS: stark (enterprise, its own key per environment), staging: its logs key and alias, and the documents bucket under the tenant's own key.
const STARK_CMEK = 'arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab';
const starkTags = { environment: 'staging', tenant: 'stark', tier: 'enterprise' };
const aws = (over: { key?: Record<string, unknown>; kmsMasterKeyId?: string } = {}) => stackOf('aws', 'stark-staging', {
  'logs-key': over.key,
  'documents-sse': over.kmsMasterKeyId === undefined ? undefined : { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: over.kmsMasterKeyId }, bucketKeyEnabled: true }] },
});

// GCP: acme (enterprise, CMEK per environment), staging: a key ring and logs key in the KMS project, the documents bucket under the tenant's key, the data project's audit trail.
const gcp = (over: { key?: Record<string, unknown> } = {}) => stackOf('gcp', 'acme-staging', { 'logs-key': over.key });

/** Runs every policy as CrossGuard would; each violation as `POLICY(enforcement) URN-name: message`. */
function preview(resources: PulumiResource[], waivers: Waiver[] = []): string[] {
  const out: string[] = [];
  for (const p of cordonPolicies({ bundle, registry, waivers, today: TODAY })) {
    const args = { resources, stackTags: new Map(), getConfig: () => ({}), notApplicable: () => { throw new Error('n/a'); } } as unknown as StackValidationArgs;
    (p as StackValidationPolicy).validateStack(args, (message, urn) => out.push(`${p.name}(${p.enforcementLevel}) ${urn?.split('::').pop() ?? '-'}: ${message}`));
  }
  return out.sort();
}

describe('Pulumi type tokens', () => {
  test('bridged names: module/lowerCamel:Pascal, with the overrides the providers chose', () => {
    expect(pulumiTokens('aws_kms_key')).toEqual(['aws:kms/key:Key']);
    expect(pulumiTokens('google_kms_crypto_key')).toEqual(['gcp:kms/cryptoKey:CryptoKey']);
    expect(pulumiTokens('aws_db_instance')).toEqual(['aws:rds/instance:Instance']);
    expect(pulumiTokens('aws_docdbelastic_cluster')).toEqual(['aws:docdb/elasticCluster:ElasticCluster']);
    expect(pulumiTokens('aws_s3_bucket_versioning')).toEqual(['aws:s3/bucketVersioning:BucketVersioning', 'aws:s3/bucketVersioningV2:BucketVersioningV2']);
    expect(pulumiTokens('google_cloud_run_v2_service_iam_member')).toEqual(['gcp:cloudrunv2/serviceIamMember:ServiceIamMember']);
    expect(pulumiTokens('google_project_iam_member')).toEqual(['gcp:projects/iAMMember:IAMMember']);
    expect(pulumiTokens('google_compute_ssl_policy')).toEqual(['gcp:compute/sSLPolicy:SSLPolicy']);
    expect(pulumiTokens('azurerm_storage_account')).toEqual([]);
  });

  test('exactly the Terraform types cordon judges are mapped, each token to one type', () => {
    const judged = judgedTerraformTypes(bundle.rules.values());
    expect(judged).toEqual(expect.arrayContaining(['aws_kms_key', 'aws_s3_bucket_server_side_encryption_configuration', 'google_kms_crypto_key', 'google_storage_bucket']));
    const index = tokenIndex(bundle.rules.values());
    expect(new Set(index.values())).toEqual(new Set(judged));
    expect(index.size).toBe(judged.flatMap((t) => pulumiTokens(t)).length);
  });
});

describe('Pulumi resources as Terraform JSON', () => {
  test('camelCase to snake_case but not tag names; plural lists back to Terraform; outputs of dependencies as references; protect as prevent_destroy', () => {
    const { tf, urns } = pulumiToTerraform(aws(), tokenIndex(bundle.rules.values()));
    expect(Object.keys(tf.resource).sort()).toEqual([
      'aws_kms_alias', 'aws_kms_key', 'aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning',
    ]);
    expect(tf.resource.aws_kms_key['logs-key']).toMatchObject({ enable_key_rotation: true, rotation_period_in_days: 90, tags_all: starkTags, lifecycle: { prevent_destroy: true } });
    expect(tf.resource.aws_kms_alias['logs-alias'].target_key_id).toBe('${aws_kms_key.logs-key.key_id}');
    // A label equal to an output of a resource the key depends on (for its key ring) stays a label.
    const gcpTf = pulumiToTerraform(gcp(), tokenIndex(bundle.rules.values())).tf;
    expect(gcpTf.resource.google_kms_crypto_key['logs-key']).toMatchObject({ key_ring: '${google_kms_key_ring.ring.id}', labels: { tenant: 'acme' } });
    expect(tf.resource.aws_s3_bucket_server_side_encryption_configuration['documents-sse']).toEqual({
      bucket: '${aws_s3_bucket.documents.bucket}',
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: STARK_CMEK }, bucket_key_enabled: true }],
    });
    expect(urns.get('aws_kms_key.logs-key')).toBe('urn:pulumi:stark-staging::docs::aws:kms/key:Key::logs-key');
  });

  test("list blocks the bridge names in the plural are read under Terraform's name: an HTTP listener that only redirects passes, one that forwards fails", () => {
    const listener = (action: Record<string, unknown>) => [res('web', 'aws:lb/listener:Listener', 'http', { loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1', port: 80, protocol: 'HTTP', defaultActions: [action] })];
    const tls1 = (rs: PulumiResource[]) => gatePulumiStack(rs, { bundle, today: TODAY }).report.findings.filter((f) => f.rule === 'TLS-1-AWS-ALB').map((f) => `${f.resource} ${f.path}`);
    expect(tls1(listener({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }))).toEqual([]);
    expect(tls1(listener({ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/app/1' }))).toEqual(['aws_lb_listener.http default_action']);
    const legacy = pulumiToTerraform([res('s', 'aws:s3/bucket:Bucket', 'b', { bucket: 'b', lifecycleRules: [{ enabled: true, expiration: { days: 7 } }], loggings: [{ targetBucket: 'logs' }] })], tokenIndex(bundle.rules.values()));
    expect(legacy.tf.resource.aws_s3_bucket.b).toEqual({ bucket: 'b', lifecycle_rule: [{ enabled: true, expiration: { days: 7 } }], logging: [{ target_bucket: 'logs' }] });
    const firewall = pulumiToTerraform([res('s', 'gcp:compute/firewall:Firewall', 'ssh', { network: 'n', allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] })], tokenIndex(bundle.rules.values()));
    expect(firewall.tf.resource.google_compute_firewall.ssh).toEqual({ network: 'n', allow: [{ protocol: 'tcp', ports: ['22'] }], source_ranges: ['0.0.0.0/0'] });
  });

  test('tag, label and variable names are kept as written; Pulumi names become Terraform names, one address each', () => {
    const fn = res('s', 'aws:lambda/function:Function', 'ingest fn', { tags: { CostCenter: 'x' }, environment: { variables: { API_KEY: 'k', logLevel: 'debug' } } });
    const twin = { ...fn, urn: `${fn.urn}-child` };
    const { tf, urns } = pulumiToTerraform([fn, twin], tokenIndex(bundle.rules.values()));
    expect(tf.resource.aws_lambda_function).toEqual({
      ingest_fn: { tags: { CostCenter: 'x' }, environment: { variables: { API_KEY: 'k', logLevel: 'debug' } } },
      ingest_fn_2: { tags: { CostCenter: 'x' }, environment: { variables: { API_KEY: 'k', logLevel: 'debug' } } },
    });
    expect([...urns.keys()]).toEqual(['aws_lambda_function.ingest_fn', 'aws_lambda_function.ingest_fn_2']);
  });

  test("CrossGuard's proxy is read through its target, so an unknown is never touched through it", () => {
    const [key] = aws().filter((r) => r.type === 'aws:kms/key:Key');
    const target = { ...key.props, rotationPeriodInDays: '3eeb2bf0-c639-47a8-9e75-3b44932eb421' };
    const proxied = new Proxy(target, { get: (o, p) => (p === '__getSpecialProxyTarget' ? o : p === 'rotationPeriodInDays' ? (() => { throw new Error('unknown touched'); })() : (o as any)[p]) });
    const { tf } = pulumiToTerraform([{ ...key, props: proxied }], tokenIndex(bundle.rules.values()));
    expect(tf.resource.aws_kms_key['logs-key'].rotation_period_in_days).toBe(UNKNOWN_AFTER_APPLY);
  });
});

describe('the policies on one tenant per cloud', () => {
  test('GIVEN the AWS tenant stack THEN it gates clean against the registry, judged as its Terraform types', () => {
    const { report } = gatePulumiStack(aws(), { bundle, registry, today: TODAY });
    expect(report.findings).toEqual([]);
    expect(report.stacks[0]).toMatchObject({ name: 'docs/stark-staging', tenant: 'stark', format: 'terraform' });
    expect(report.stacks[0].rules).toEqual(expect.arrayContaining(['ENC-1-AWS', 'ENC-2-AWS', 'ENC-3', 'ENC-5-AWS', 'RET-1-AWS', 'TLS-2-AWS-S3']));
    expect(preview(aws())).toEqual([]);
    // The same resources under @pulumi/aws v6's names (BucketV2, BucketVersioningV2, ...).
    const v6 = aws().map((r) => (/^aws:s3\/bucket(|ServerSideEncryptionConfiguration|Versioning|LifecycleConfiguration):/.test(r.type) ? { ...r, type: r.type.replace(/^(aws:s3\/\w+):(\w+)$/, '$1V2:$2V2') } : r));
    expect(v6.filter((r) => r.type.endsWith('V2'))).toHaveLength(4);
    expect(preview(v6)).toEqual([]);
  });

  test('GIVEN the GCP tenant stack THEN it gates clean against the registry', () => {
    const { report } = gatePulumiStack(gcp(), { bundle, registry, today: TODAY });
    expect(report.findings).toEqual([]);
    expect(report.stacks[0]).toMatchObject({ name: 'docs/acme-staging', tenant: 'acme' });
    expect(report.stacks[0].rules).toEqual(expect.arrayContaining(['ENC-1-GCP', 'ENC-2-GCP', 'ENC-5-GCP']));
    expect(preview(gcp())).toEqual([]);
  });

  test('GIVEN a key without rotation THEN exactly ENC-2 fires, mandatory, at the key URN, with message and remediation', () => {
    const [v, ...rest] = preview(aws({ key: { enableKeyRotation: false } }));
    expect(rest).toEqual([]);
    expect(v).toMatch(/^ENC-2-AWS\(mandatory\) logs-key: ENC-2-AWS aws_kms_key\.logs-key enable_key_rotation: .+\. Remediation: .+/);
    const [g, ...more] = preview(gcp({ key: { rotationPeriod: '31536000s' } }));
    expect(more).toEqual([]);
    expect(g).toMatch(/^ENC-2-GCP\(mandatory\) logs-key: ENC-2-GCP google_kms_crypto_key\.logs-key rotation_period: /);
  });

  test("GIVEN a rule's level THEN its policy's enforcement level is that level", () => {
    // (The catalog's rules are all mandatory today: ENC-2-AWS is made advisory here.)
    const advisory = { ...bundle, rules: new Map([...bundle.rules].map(([k, r]) => [k, r.id === 'ENC-2-AWS' ? { ...r, level: 'advisory' as const } : r])) };
    const policies = cordonPolicies({ bundle: advisory, registry });
    expect(policies.map((p) => p.name)).toEqual([...bundle.rules.values()].map((r) => r.id).sort());
    expect(new Set(policies.filter((p) => p.name !== 'ENC-2-AWS').map((p) => p.enforcementLevel))).toEqual(new Set(['mandatory']));
    const enc2 = policies.find((p) => p.name === 'ENC-2-AWS')! as StackValidationPolicy;
    const out: string[] = [];
    enc2.validateStack({ resources: aws({ key: { enableKeyRotation: false } }) } as unknown as StackValidationArgs, (m) => out.push(m));
    expect(enc2.enforcementLevel).toBe('advisory');
    expect(out).toEqual([expect.stringMatching(/^ENC-2-AWS aws_kms_key\.logs-key enable_key_rotation: /)]);
  });

  test('GIVEN a value unknown during preview THEN the rule reports it unverifiable, which fails as mandatory', () => {
    const unknownNumber = '3eeb2bf0-c639-47a8-9e75-3b44932eb421';
    expect(preview(aws({ key: { rotationPeriodInDays: unknownNumber } }))).toEqual([
      expect.stringMatching(/^ENC-2-AWS\(mandatory\) logs-key: ENC-2-AWS \(unverifiable: known only after the update\) aws_kms_key\.logs-key rotation_period_in_days: /),
    ]);
    const { report } = gatePulumiStack(aws({ key: { rotationPeriodInDays: unknownNumber } }), { bundle, registry, today: TODAY });
    expect(report.findings.map((f) => [f.rule, f.level])).toEqual([['ENC-2-AWS', 'unverifiable']]);
  });

  test('GIVEN a waiver of the finding THEN it is not reported; an expired one does not waive', () => {
    const waiver: Waiver = { rule: 'ENC-2-AWS', scope: { stack: 'docs/stark-staging', resource: 'aws_kms_key.logs-key' }, reason: 'Rotation is off while the key is re-imported for the audit.', approver: 'security@example.com', expires: '2026-12-31' };
    const broken = aws({ key: { enableKeyRotation: false } });
    expect(preview(broken, [waiver])).toEqual([]);
    expect(gatePulumiStack(broken, { bundle, registry, waivers: [waiver], today: TODAY }).report.findings.map((f) => f.status)).toEqual(['waived']);
    expect(preview(broken, [{ ...waiver, expires: '2026-12-06' }])).toHaveLength(1);
  });

  test("GIVEN the staging bucket under the tenant's prod key THEN exactly ENC-5 fires at the bucket, named by the split resource's attribute", () => {
    expect(preview(aws({ kmsMasterKeyId: 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }))).toEqual([
      expect.stringMatching(/^ENC-5-AWS\(mandatory\) documents: ENC-5-AWS aws_s3_bucket\.documents aws_s3_bucket_server_side_encryption_configuration\.documents-sse\.rule: .*not the tenant's customer-managed key/),
    ]);
  });
});

describe('the pack served as the Pulumi CLI runs it', () => {
  // plugins/pulumi started as the CLI starts a Node.js policy pack: @pulumi/pulumi's run-policy-pack
  // in the pack's folder, given the engine's address and the pack, which compiles the TypeScript
  // with type checking and the pack's tsconfig.json (the imports alone: no ambient file of the
  // repository's). It prints the analyzer's gRPC port, and the test calls AnalyzeStack as the CLI
  // does after a preview (properties as protobuf Structs, options, dependencies).
  let pack: ChildProcess;
  let client: AnalyzerClient;

  beforeAll(async () => {
    const runPolicyPack = require.resolve('@pulumi/pulumi/cmd/run-policy-pack');
    // The settings as relative paths, which name files of the checkout wherever the pack runs.
    const env = { ...process.env, CORDON_REGISTRY: 'infra/tenants', CORDON_WAIVERS: 'policies/waivers.yaml', CORDON_BUNDLE: '.tools/policy' };
    pack = spawn(process.execPath, [runPolicyPack, '127.0.0.1:0', '.'], { cwd: path.join(ROOT, 'plugins', 'pulumi'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    pack.stderr!.on('data', (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      pack.stdout!.once('data', (d) => resolve(String(d).trim()));
      pack.once('exit', (code) => reject(new Error(`the pack exited ${code}: ${stderr}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  afterAll(() => {
    client?.close();
    if (pack?.pid) process.kill(pack.pid);
  });

  function analyzeStack(resources: PulumiResource[]): Promise<analyzer.AnalyzeDiagnostic[]> {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const a = new analyzer.AnalyzerResource();
        a.setType(r.type);
        a.setUrn(r.urn);
        a.setName(r.name);
        a.setProperties(Struct.fromJavaScript(r.props as Record<string, any>));
        const opts = new analyzer.AnalyzerResourceOptions();
        opts.setProtect(r.opts?.protect ?? false);
        a.setOptions(opts);
        for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
          const d = new analyzer.AnalyzerPropertyDependencies();
          d.setUrnsList(deps.map((x) => x.urn));
          a.getPropertydependenciesMap().set(k, d);
        }
        a.setDependenciesList([...new Set(Object.values(r.propertyDependencies ?? {}).flat().map((x) => x.urn))]);
        return a;
      }),
    );
    return new Promise((resolve, reject) => client.analyzeStack(req, (err, res) => (err ? reject(err) : resolve(res!.getDiagnosticsList()))));
  }

  // (CrossGuard writes the policy's description above the message.)
  const show = (ds: analyzer.AnalyzeDiagnostic[]) =>
    ds.map((d) => `${d.getPolicyname()} ${['advisory', 'mandatory', 'disabled', 'remediate'][d.getEnforcementlevel()]} ${d.getUrn().split('::').pop()}: ${d.getMessage().split('\n').pop()!.split(':')[0]}`);

  test('GIVEN each tenant stack THEN no diagnostic; GIVEN a key without rotation THEN one mandatory ENC-2 at its URN', async () => {
    expect(show(await analyzeStack(aws()))).toEqual([]);
    expect(show(await analyzeStack(gcp()))).toEqual([]);
    const [d, ...rest] = await analyzeStack(aws({ key: { enableKeyRotation: false } }));
    expect(rest).toEqual([]);
    expect(show([d])).toEqual(['ENC-2-AWS mandatory logs-key: ENC-2-AWS aws_kms_key.logs-key enable_key_rotation']);
    expect(d.getPolicypackname()).toBe('cordon');
    expect(d.getDescription()).toBe(bundle.rules.get('enc_2_aws_key_rotation')!.title);
  });

  test('GIVEN a value unknown in the preview THEN unverifiable, not a crash of the policy on the proxy', async () => {
    expect(show(await analyzeStack(aws({ key: { rotationPeriodInDays: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' } })))).toEqual([
      'ENC-2-AWS mandatory logs-key: ENC-2-AWS (unverifiable',
    ]);
  });
});

describe('the pack and its page', () => {
  test('docs/pulumi.md lists exactly the mapped types (regenerate: the command in its marker)', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'pulumi.md'), 'utf8');
    expect(doc).toBe(withTypesTable(doc, bundle.rules.values()));
  });

  test("the pack's package.json, whose version CrossGuard reports, carries cordon's version", () => {
    const version = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    expect(version(path.join(ROOT, 'plugins', 'pulumi'))).toBe(version(ROOT));
  });
});

