/**
 * Gate benchmark: the gate alone (read + normalize + evaluate + report), never synthesis, with the
 * full rule catalog and the tenants' registry entries (so the tenant-dependent rules run):
 *  1. the example estate (infra/tenants), synthesized beforehand: in a fresh process, and as the
 *     second gate of a process (without the first gate's compiling of the wasm functions it runs and
 *     JIT warm-up, which dominate a gate of 845 resources);
 *  2. a generated 1,000-tenant estate (500 per cloud, two environments), synthesized beforehand;
 *  3. one generated Terraform plan JSON (42 MB by default);
 *  4. the AWS half of that estate (cdk.out) beside a Terraform-on-AWS estate of at least as many
 *     resources: the hand-written Terraform tenant of test/fixtures/terraform-aws copied under the
 *     generated AWS tenants' ids, judged by the same AWS rules through the translation.
 * Each gate runs in a fresh Node process; prints the one-time bundle load, the time to read,
 * normalize and evaluate (one figure: the gate evaluates the first stacks while it reads the next),
 * resources per second through it, the time per stack, how many evaluations ran on the second
 * thread, and peak RSS.
 *
 *   npm run bench:gate                              (CORDON_BENCH_PLAN_MB=N sizes the plan; default 50)
 *
 * Targets on a 2-core machine: 25,000 resources per second through the gate on the 1,000-tenant
 * estate and the AWS halves (issue 13's floor), 20,000 on the example estate; the plan under 20 s and 2 GiB.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTenants } from '../infra/registry/generate';
import { loadRegistry } from '../infra/registry/load';
import type { Tenant } from '../infra/registry/tenant';
import { runGate } from '../services/gate/gate';
import { readInputs } from '../services/gate/inputs';
import { loadPolicyBundle } from '../services/gate/policy';

interface Sample {
  stacks: number;
  resources: number;
  findings: number;
  bundleLoadMs: number;
  /** Read, normalize and evaluate: the gate evaluates the first stacks while it reads the next. */
  gateMs: number;
  evaluations: number;
  onSecondThread: number;
  peakRssMb: number;
}

const PLAN_BYTES = Number(process.env.CORDON_BENCH_PLAN_MB ?? 50) * 1024 * 1024;
const GENERATED_PER_CLOUD = 500;

const generated = () => [...generateTenants(GENERATED_PER_CLOUD, 'aws'), ...generateTenants(GENERATED_PER_CLOUD, 'gcp')];
const REGISTRIES: Record<string, () => Tenant[]> = { example: () => loadRegistry(), generated, none: () => [] };

/**
 * Worker: gates the paths with a registry and prints one JSON sample; the bundle load is timed apart.
 * `warm`: the sample is of a second gate in the process, after the first compiled the wasm functions
 * it runs and warmed up the JIT.
 */
function gate(registryName: string, warm: boolean, paths: string[]): void {
  const registry = REGISTRIES[registryName]();
  let t = process.hrtime.bigint();
  const elapsed = () => {
    const now = process.hrtime.bigint();
    const ms = Number(now - t) / 1e6;
    t = now;
    return ms;
  };
  const bundle = loadPolicyBundle();
  const bundleLoadMs = elapsed();
  if (warm) {
    runGate(readInputs(paths), bundle, { registry, checkedValues: false });
    elapsed();
  }
  let evaluated = { jobs: 0, onSecondThread: 0 };
  // As `cordon check` gates with its default table output: the values the evidence page shows are
  // left out (a json or html output asks for them: ~0.2 s more on the 1,000-tenant estate).
  const report = runGate(readInputs(paths), bundle, { registry, onEvaluated: (e) => (evaluated = e), checkedValues: false });
  const gateMs = elapsed();
  const { stacks, resources, findings } = report.summary;
  const sample: Sample = {
    stacks, resources, findings, bundleLoadMs, gateMs,
    evaluations: evaluated.jobs, onSecondThread: evaluated.onSecondThread, peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(sample));
}

const LABELS = { tenant: 'bigco', environment: 'prod', tier: 'enterprise' };
const AUDIT_CONFIG = { address: 'google_project_iam_audit_config.all', mode: 'managed', type: 'google_project_iam_audit_config', name: 'all', values: { project: 'bigco-docs-prd', service: 'allServices', audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] } };
const SINK = { address: 'google_logging_project_sink.audit', mode: 'managed', type: 'google_logging_project_sink', name: 'audit', values: { name: 'audit', project: 'bigco-docs-prd', destination: 'logging.googleapis.com/projects/bigco-audit-prd/locations/eu/buckets/audit', unique_writer_identity: true, exclusions: [{ name: 'no-payloads', filter: 'protoPayload.request:* OR jsonPayload:* OR textPayload:*' }] } };

/**
 * A `terraform show -json`-shaped plan of one tenant's modules (a key and 20 buckets each) and its
 * audit sink and audit config, until it reaches `bytes`. A plan carries no lifecycle blocks, so ENC-6-GCP reports
 * each key; one module in 50 also rotates its key yearly (ENC-2-GCP).
 */
function writePlan(file: string, bytes: number): void {
  const out = fs.openSync(file, 'w');
  const write = (s: string) => fs.writeSync(out, s);
  write(`{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[${JSON.stringify(SINK)},${JSON.stringify(AUDIT_CONFIG)}],"child_modules":[`);
  const changes: string[] = [];
  let size = 0;
  for (let m = 0; size < bytes * 0.8; m++) {
    const resources = [];
    const key = { address: `module.t${m}.google_kms_crypto_key.docs`, mode: 'managed', type: 'google_kms_crypto_key', name: 'docs', values: { name: `docs-${m}`, purpose: 'ENCRYPT_DECRYPT', rotation_period: m % 50 === 0 ? '31536000s' : '7776000s', destroy_scheduled_duration: '2592000s', labels: LABELS, version_template: [{ algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protection_level: 'SOFTWARE' }] } };
    resources.push(key);
    changes.push(JSON.stringify({ address: key.address, mode: 'managed', type: key.type, name: key.name, change: { actions: ['create'], before: null, after: key.values, after_unknown: { id: true, key_ring: true } } }));
    for (let i = 0; i < 20; i++) {
      resources.push({ address: `module.t${m}.google_storage_bucket.b${i}`, mode: 'managed', type: 'google_storage_bucket', name: `b${i}`, values: { name: `t${m}-b${i}`, project: 'bigco-docs-prd', location: 'EU', uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false, encryption: [{ default_kms_key_name: `projects/bigco-kms-prd/locations/europe-west1/keyRings/t${m}/cryptoKeys/docs-${m}` }], lifecycle_rule: [{ action: [{ type: 'Delete' }], condition: [{ age: 90, send_age_if_zero: true }] }], soft_delete_policy: [{ retention_duration_seconds: 2592000 }], labels: LABELS } });
    }
    const text = `${m === 0 ? '' : ','}${JSON.stringify({ address: `module.t${m}`, resources })}`;
    size += text.length;
    write(text);
  }
  write(`]}},"resource_changes":[${changes.join(',')}]}`);
  fs.closeSync(out);
}

/** The hand-written Terraform tenant (keys, data, edge) copied under the generated AWS tenants' ids until it holds `resources` resources. */
function writeTerraformAws(dir: string, resources: number): void {
  const fixture = path.join(__dirname, '..', 'test', 'fixtures', 'terraform-aws');
  const files = fs.readdirSync(fixture).filter((f) => f.endsWith('.tf.json')).map((f) => ({ name: f, text: fs.readFileSync(path.join(fixture, f), 'utf8') }));
  const perCopy = files.reduce((n, f) => n + Object.values<Record<string, unknown>>(JSON.parse(f.text).resource ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
  const ids = generateTenants(GENERATED_PER_CLOUD, 'aws').map((t) => t.id);
  for (let copy = 0; copy * perCopy < resources; copy++) {
    const id = ids[copy % ids.length];
    const into = path.join(dir, `copy-${copy}`);
    fs.mkdirSync(into, { recursive: true });
    for (const f of files) fs.writeFileSync(path.join(into, f.name.replace('globex', id)), f.text.replaceAll('globex', id));
  }
}

function worker(name: string, cmd: string[]): Sample {
  const res = spawnSync(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', __filename, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) throw new Error(`bench worker ${name} failed (exit ${res.status}):\n${res.stderr}`);
  return res.stdout ? (JSON.parse(res.stdout) as Sample) : ({} as Sample);
}

/** Synthesis loads aws-cdk-lib and cdktf: required only by the workers that synthesize, so they weigh on no gate's RSS. */
const synthEstate = (tenants: Tenant[], root: string) => (require('../infra/synth') as typeof import('../infra/synth')).synthEstate(tenants, root);

function main(args: string[]): void {
  if (args[0] === '--gate') return gate(args[1], args[2] === 'warm', args.slice(3));
  if (args[0] === '--synth') return void synthEstate(generated(), args[1]);
  if (args[0] === '--synth-example') return void synthEstate(loadRegistry(), args[1]);
  if (args[0] === '--plan') return writePlan(args[1], PLAN_BYTES);
  if (args[0] === '--tf-aws') return writeTerraformAws(args[1], Number(args[2]));

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-gate-'));
  try {
    console.log(`gate bench on ${os.cpus().length} cores, node ${process.version}`);
    const example = path.join(work, 'example');
    fs.mkdirSync(example);
    worker('synth example', ['--synth-example', example]);
    worker('synth', ['--synth', work]);
    const exampleDirs = [path.join(example, 'cdk.out'), path.join(example, 'cdktf.out')];
    const planFile = path.join(work, 'plan.json');
    worker('plan', ['--plan', planFile]);
    const rows: [string, Sample, (s: Sample) => string][] = [
      ['example estate', worker('gate example', ['--gate', 'example', 'cold', ...exampleDirs]), (s) => target(perSecond(s) >= 20_000, '>= 20,000 resources/s')],
      ['example estate, 2nd gate', worker('gate example warm', ['--gate', 'example', 'warm', ...exampleDirs]), (s) => target(perSecond(s) >= 20_000, '>= 20,000 resources/s')],
      [`${(GENERATED_PER_CLOUD * 2).toLocaleString('en-US')} tenants (${GENERATED_PER_CLOUD} per cloud)`, worker('gate estate', ['--gate', 'generated', 'cold', path.join(work, 'cdk.out'), path.join(work, 'cdktf.out')]), (s) => target(perSecond(s) >= 25_000, '>= 25,000 resources/s')],
      [`plan JSON ${(fs.statSync(planFile).size / 1048576).toFixed(0)} MB`, worker('gate plan', ['--gate', 'none', 'cold', planFile]), (s) => target(s.gateMs < 20_000 && s.peakRssMb < 2048, '< 20 s and < 2048 MB')],
    ];
    const cfn = worker('gate aws cfn', ['--gate', 'generated', 'cold', path.join(work, 'cdk.out')]);
    const tfDir = path.join(work, 'tf-aws');
    worker('tf-aws', ['--tf-aws', tfDir, String(cfn.resources)]);
    rows.push(
      [`AWS half, CloudFormation`, cfn, (s) => target(perSecond(s) >= 25_000, '>= 25,000 resources/s')],
      [`AWS half, Terraform`, worker('gate aws tf', ['--gate', 'generated', 'cold', tfDir]), (s) => target(perSecond(s) >= 25_000, '>= 25,000 resources/s')],
    );
    console.log('input                          stacks  resources  findings  bundle load (ms)  read + evaluate (s)  resources/s  ms/stack  2nd thread  peak RSS (MB)');
    for (const [label, s] of rows) {
      console.log(
        `${label.padEnd(29)}  ${String(s.stacks).padStart(6)}  ${String(s.resources).padStart(9)}  ${String(s.findings).padStart(8)}  ${s.bundleLoadMs.toFixed(0).padStart(16)}  ${(s.gateMs / 1000).toFixed(2).padStart(19)}  ${String(perSecond(s)).padStart(11)}  ${(s.gateMs / s.stacks).toFixed(2).padStart(8)}  ${`${s.onSecondThread}/${s.evaluations}`.padStart(10)}  ${s.peakRssMb.toFixed(0).padStart(13)}`,
      );
    }
    for (const [label, s, verdict] of rows) console.log(`${label}: ${verdict(s)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Resources per second through the whole gate: read, normalize and evaluate. */
const perSecond = (s: Sample) => Math.round(s.resources / (s.gateMs / 1000));
const target = (ok: boolean, what: string) => `${ok ? 'meets' : 'MISSES'} the target (${what})`;

main(process.argv.slice(2));
