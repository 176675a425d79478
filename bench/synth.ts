/**
 * Synthesis benchmark: generated estates of 10, 100 and 1,000 tenants (two environments each) per
 * cloud, each synthesized in a fresh Node process so memory figures do not leak between runs.
 * Prints wall time, peak RSS, stacks and milliseconds per tenant (flat = linear growth).
 *
 *   npm run bench:synth                # 10, 100, 1000 tenants on gcp and aws
 *   npm run bench:synth -- 10,100 aws  # chosen sizes and clouds
 *
 * Targets on a 2-core machine: 1,000 tenants x 2 environments under 3 minutes and 4 GiB per cloud.
 */
import { Stack } from 'aws-cdk-lib';
import { TerraformStack } from 'cdktf';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// Loaded before the clock starts, as the figures have always been taken (synthApp loads them lazily).
import '../infra/aws-app';
import '../infra/gcp-app';
import '../infra/sources';
import { generateTenants } from '../infra/registry/generate';
import { Cloud } from '../infra/registry/tenant';
import { synthApp } from '../infra/synth';

interface Sample {
  cloud: Cloud;
  tenants: number;
  stacks: number;
  wallMs: number;
  peakRssMb: number;
}

const TARGET = { tenants: 1000, wallMs: 180_000, peakRssMb: 4096 };

/** Worker: synthesizes one estate into a temporary folder and prints one JSON sample. */
function worker(cloud: Cloud, tenants: number): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `cordon-bench-${cloud}-`));
  try {
    const start = process.hrtime.bigint();
    const estate = generateTenants(tenants, cloud);
    // As `cordon check` synthesizes: the app, then the side file of where each resource was created.
    const app = synthApp(cloud, estate, out);
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const stacks = app.node.children.filter((c) => Stack.isStack(c) || TerraformStack.isStack(c)).length;
    const sample: Sample = { cloud, tenants, stacks, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(JSON.stringify(sample));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function run(cloud: Cloud, tenants: number): Sample {
  const res = spawnSync(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', __filename, '--worker', cloud, String(tenants)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`bench worker ${cloud} ${tenants} failed (exit ${res.status}):\n${res.stderr}`);
  return JSON.parse(res.stdout) as Sample;
}

function main(args: string[]): void {
  if (args[0] === '--worker') return worker(args[1] as Cloud, Number(args[2]));
  const sizes = (args[0] ?? '10,100,1000').split(',').map(Number);
  const clouds = (args[1] ?? 'gcp,aws').split(',') as Cloud[];
  console.log(`synth bench on ${os.cpus().length} cores, node ${process.version}`);
  console.log('cloud  tenants  stacks   wall (s)  ms/tenant  peak RSS (MB)');
  const samples: Sample[] = [];
  for (const cloud of clouds) {
    for (const tenants of sizes) {
      const s = run(cloud, tenants);
      samples.push(s);
      console.log(
        `${s.cloud.padEnd(5)}  ${String(s.tenants).padStart(7)}  ${String(s.stacks).padStart(6)}  ${(s.wallMs / 1000).toFixed(1).padStart(9)}  ${(s.wallMs / s.tenants).toFixed(1).padStart(9)}  ${s.peakRssMb.toFixed(0).padStart(13)}`,
      );
    }
  }
  for (const s of samples.filter((x) => x.tenants === TARGET.tenants)) {
    const ok = s.wallMs < TARGET.wallMs && s.peakRssMb < TARGET.peakRssMb;
    console.log(`${s.cloud}: 1,000 tenants x 2 environments ${ok ? 'meets' : 'MISSES'} the target (< ${TARGET.wallMs / 1000} s, < ${TARGET.peakRssMb} MB)`);
  }
}

main(process.argv.slice(2));
