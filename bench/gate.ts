/**
 * Gate benchmark: the gate alone (read + normalize + evaluate + report), never synthesis.
 *  1. the example estate (infra/tenants), synthesized beforehand;
 *  2. a generated 1,000-tenant estate (500 per cloud, two environments), synthesized beforehand;
 *  3. one generated Terraform plan JSON of about 50 MB.
 * Each gate runs in a fresh Node process; prints wall time, resources per second and peak RSS.
 *
 *   npm run bench:gate
 *
 * Targets on a 2-core machine: the estate under 30 s, the 50 MB plan under 20 s and 2 GiB.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTenants } from '../infra/registry/generate';
import { loadRegistry } from '../infra/registry/load';
import { synthEstate } from '../infra/synth';
import { runGate } from '../services/gate/gate';
import { loadInputs } from '../services/gate/inputs';
import { loadPolicyBundle } from '../services/gate/policy';

interface Sample {
  stacks: number;
  resources: number;
  findings: number;
  bundleLoadMs: number;
  wallMs: number;
  peakRssMb: number;
}

const PLAN_BYTES = 50 * 1024 * 1024;

/** Worker: gates the paths and prints one JSON sample; timing covers everything after the bundle load. */
function gate(paths: string[]): void {
  let t = process.hrtime.bigint();
  const bundle = loadPolicyBundle();
  const bundleLoadMs = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  const report = runGate(loadInputs(paths), bundle);
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  const { stacks, resources, findings } = report.summary;
  const sample: Sample = { stacks, resources, findings, bundleLoadMs, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(sample));
}

/** A `terraform show -json`-shaped plan of buckets and keys in modules, until it reaches `bytes`. */
function writePlan(file: string, bytes: number): void {
  const out = fs.openSync(file, 'w');
  const write = (s: string) => fs.writeSync(out, s);
  write('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[],"child_modules":[');
  const changes: string[] = [];
  let size = 0;
  for (let m = 0; size < bytes * 0.8; m++) {
    const resources = [];
    for (let i = 0; i < 20; i++) {
      const key = { address: `module.t${m}.google_kms_crypto_key.k${i}`, mode: 'managed', type: 'google_kms_crypto_key', name: `k${i}`, values: { name: `k${i}`, purpose: 'ENCRYPT_DECRYPT', rotation_period: i === 0 && m % 50 === 0 ? '31536000s' : '7776000s', destroy_scheduled_duration: '2592000s', labels: { tenant: `t${m}`, environment: 'prod', tier: 'pooled' }, version_template: [{ algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protection_level: 'SOFTWARE' }] } };
      const bucket = { address: `module.t${m}.google_storage_bucket.b${i}`, mode: 'managed', type: 'google_storage_bucket', name: `b${i}`, values: { name: `t${m}-b${i}`, location: 'EU', uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false, encryption: [{ default_kms_key_name: `projects/cdn-kms-prd/locations/europe-west1/keyRings/t${m}/cryptoKeys/k${i}` }], lifecycle_rule: [{ action: [{ type: 'Delete' }], condition: [{ age: 90, send_age_if_zero: true }] }], soft_delete_policy: [{ retention_duration_seconds: 2592000 }], labels: { tenant: `t${m}`, environment: 'prod', tier: 'pooled' } } };
      resources.push(key, bucket);
      changes.push(JSON.stringify({ address: key.address, mode: 'managed', type: key.type, name: key.name, change: { actions: ['create'], before: null, after: key.values, after_unknown: { id: true, key_ring: true } } }));
    }
    const text = `${m === 0 ? '' : ','}${JSON.stringify({ address: `module.t${m}`, resources })}`;
    size += text.length;
    write(text);
  }
  write(`]}},"resource_changes":[${changes.join(',')}]}`);
  fs.closeSync(out);
}

function worker(name: string, cmd: string[]): Sample {
  const res = spawnSync(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', __filename, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) throw new Error(`bench worker ${name} failed (exit ${res.status}):\n${res.stderr}`);
  return res.stdout ? (JSON.parse(res.stdout) as Sample) : ({} as Sample);
}

function main(args: string[]): void {
  if (args[0] === '--gate') return gate(args.slice(1));
  if (args[0] === '--synth') return void synthEstate([...generateTenants(500, 'aws'), ...generateTenants(500, 'gcp')], args[1]);
  if (args[0] === '--synth-example') return void synthEstate(loadRegistry(), args[1]);
  if (args[0] === '--plan') return writePlan(args[1], PLAN_BYTES);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-gate-'));
  try {
    console.log(`gate bench on ${os.cpus().length} cores, node ${process.version}`);
    const example = path.join(work, 'example');
    fs.mkdirSync(example);
    worker('synth example', ['--synth-example', example]);
    worker('synth', ['--synth', work]);
    const planFile = path.join(work, 'plan.json');
    worker('plan', ['--plan', planFile]);
    console.log('input                          stacks  resources  findings  bundle load (ms)  gate (s)  resources/s  ms/stack  peak RSS (MB)');
    const rows: [string, Sample, number, number][] = [
      ['example estate', worker('gate example', ['--gate', path.join(example, 'cdk.out'), path.join(example, 'cdktf.out')]), 30_000, Infinity],
      ['1,000 tenants (500 per cloud)', worker('gate estate', ['--gate', path.join(work, 'cdk.out'), path.join(work, 'cdktf.out')]), 30_000, Infinity],
      [`plan JSON ${(fs.statSync(planFile).size / 1048576).toFixed(0)} MB`, worker('gate plan', ['--gate', planFile]), 20_000, 2048],
    ];
    for (const [label, s] of rows) {
      console.log(
        `${label.padEnd(29)}  ${String(s.stacks).padStart(6)}  ${String(s.resources).padStart(9)}  ${String(s.findings).padStart(8)}  ${s.bundleLoadMs.toFixed(0).padStart(16)}  ${(s.wallMs / 1000).toFixed(1).padStart(8)}  ${Math.round(s.resources / (s.wallMs / 1000)).toString().padStart(11)}  ${(s.wallMs / s.stacks).toFixed(2).padStart(8)}  ${s.peakRssMb.toFixed(0).padStart(13)}`,
      );
    }
    for (const [label, s, wallTarget, rssTarget] of rows) {
      const ok = s.wallMs < wallTarget && s.peakRssMb < rssTarget;
      console.log(`${label}: ${ok ? 'meets' : 'MISSES'} the target (< ${wallTarget / 1000} s${Number.isFinite(rssTarget) ? `, < ${rssTarget} MB` : ''})`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
