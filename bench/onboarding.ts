/**
 * Onboarding benchmark:
 *  1. request -> gated plan latency (`requestOnboarding`: validate against the would-be registry,
 *     synthesize and gate the tenant's cloud estate as it would be) for a new dedicated AWS tenant,
 *     first with nothing synthesized before, then for a second one that reuses the first's output,
 *     against the example registry (infra/tenants) and a generated AWS one (CORDON_BENCH_ONBOARD_TENANTS,
 *     default 1,000), each in a fresh process; then, in another fresh process, as `cordon serve` does:
 *     the warm-up (the current registry synthesized in a worker thread, services/onboarding/seeds.ts)
 *     and the first request after it;
 *  2. API throughput on loopback with autocannon (10 connections, 5 s each): GET /v1/tenants/:id and
 *     POST /v1/tenants on its validation-only path (an entry that fails validation: 422, nothing synthesized).
 *
 *   npm run bench:onboarding            (`-- --api`: the API part only)
 *
 * Goals on a 2-core machine: a gated plan under 10 s on the large registry (the next request, and the first after
 * the warm-up); 0 errors on the API.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import autocannon from 'autocannon';
import { stringify } from 'yaml';
import { generateTenants } from '../infra/registry/generate';
import { loadRegistry } from '../infra/registry/load';
import { buildServer } from '../services/api/server';
import { loadPolicyBundle } from '../services/gate/policy';
import { OnboardingContext } from '../services/onboarding/context';
import { requestOnboarding } from '../services/onboarding/onboarding';
import { startWarmUp } from '../services/onboarding/seeds';
import { createToken } from '../services/onboarding/tokens';
import { RequestStore } from '../services/store/requests';
import { ROOT } from '../services/toolchain/paths';

const NEW_TENANT = { id: 'bench-new', name: 'Bench New', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod', 'staging'], network: { cidr: '10.250.0.0/16' } };

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/**
 * Requests -> gated plans in this process, printed as JSON (run in a child so each size starts cold).
 * Without `warm`: the first synthesizes the whole would-be estate; the next, for another new tenant,
 * takes the unchanged tenants' stacks from the first's output (infra/units.ts). With `warm`: the
 * warm-up a server starts with, then the first request, which takes them from the warm-up's output.
 */
async function child(registryDir: string, warm: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-onboard-'));
  const store = await RequestStore.open(path.join(dir, 'db'));
  const ctx: OnboardingContext = { registryDir, workDir: path.join(dir, 'requests'), store, auditLog: path.join(dir, 'audit.jsonl'), bundle: loadPolicyBundle() };
  const timed = async (entry: typeof NEW_TENANT) => {
    const started = process.hrtime.bigint();
    const r = await requestOnboarding(ctx, entry, 'bench@cordon.example');
    return { r, seconds: seconds(started) };
  };
  const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
  if (warm) {
    const started = process.hrtime.bigint();
    await startWarmUp(ctx).done;
    const warmUp = seconds(started);
    const first = await timed(NEW_TENANT);
    const report = JSON.parse(fs.readFileSync(first.r.reportFile!, 'utf8'));
    process.stdout.write(JSON.stringify({ warmUp, first: first.seconds, state: first.r.state, stacks: report.summary.stacks, peakRssMb: rss() }));
  } else {
    const first = await timed(NEW_TENANT);
    const next = await timed({ ...NEW_TENANT, id: 'bench-next', network: { cidr: '10.251.0.0/16' } });
    const report = JSON.parse(fs.readFileSync(next.r.reportFile!, 'utf8'));
    const state = first.r.state === next.r.state ? first.r.state : `${first.r.state}/${next.r.state}`;
    process.stdout.write(JSON.stringify({ first: first.seconds, next: next.seconds, state, stacks: report.summary.stacks, peakRssMb: rss() }));
  }
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function registryOf(size: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-registry-'));
  // One cloud: the generator's networks are unique within a cloud only. AWS is the costlier synthesis.
  for (const t of generateTenants(size, 'aws')) fs.writeFileSync(path.join(dir, `${t.id}.yaml`), stringify(t));
  return dir;
}

async function api(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-api-'));
  const store = await RequestStore.open(path.join(dir, 'db'));
  const ctx = { registryDir: path.join(ROOT, 'infra', 'tenants'), workDir: path.join(dir, 'requests'), store, auditLog: path.join(dir, 'audit.jsonl'), bundle: loadPolicyBundle() };
  const token = await createToken(store, ctx.auditLog, 'bench@cordon.example', 'admin', 'bench');
  const app = await buildServer({ ctx, logger: false, rateLimitPerMinute: 10_000_000 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const runs = [
    { name: 'GET /v1/tenants/globex', opts: { url: `${url}/v1/tenants/globex`, headers } },
    { name: 'POST /v1/tenants (422)', opts: { url: `${url}/v1/tenants`, method: 'POST' as const, headers, body: JSON.stringify({ ...NEW_TENANT, phi: true }) } },
  ];
  console.log('\nroute                          requests/s   p50 (ms)   p99 (ms)  non-2xx  errors');
  for (const r of runs) {
    const res = await autocannon({ ...r.opts, connections: 10, duration: 5 });
    console.log(`${r.name.padEnd(30)} ${res.requests.average.toFixed(0).padStart(11)} ${String(res.latency.p50).padStart(10)} ${String(res.latency.p99).padStart(10)}  ${String(res.non2xx).padStart(7)}  ${res.errors + res.timeouts}`);
  }
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2] === '--warm');
  if (args[0] === '--api') return api();
  const large = Number(process.env.CORDON_BENCH_ONBOARD_TENANTS ?? 1000);
  console.log(`onboarding bench on ${os.cpus().length} cores, node ${process.version}: one new dedicated AWS tenant (prod + staging)`);
  console.log('                                        request -> gated plan (s)     cordon serve (s)');
  console.log('registry                 tenants  stacks gated     first      next   warm-up  then first  peak RSS (MB)  state');
  const example = path.join(ROOT, 'infra', 'tenants');
  const run = (dir: string, ...extra: string[]) => {
    const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', dir, ...extra], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (res.status !== 0) throw new Error(res.stderr);
    return JSON.parse(res.stdout);
  };
  for (const [name, dir, count] of [['example (infra/tenants)', example, loadRegistry(example).length], ['generated (AWS)', registryOf(large), large]] as const) {
    const [cold, warm] = [run(dir), run(dir, '--warm')];
    const figure = (n: number) => n.toFixed(1).padStart(9);
    const state = cold.state === warm.state ? cold.state : `${cold.state}/${warm.state}`;
    console.log(`${name.padEnd(24)} ${String(count).padStart(7)} ${String(cold.stacks).padStart(13)} ${figure(cold.first)} ${figure(cold.next)} ${figure(warm.warmUp)} ${figure(warm.first).padStart(11)} ${String(Math.max(cold.peakRssMb, warm.peakRssMb)).padStart(14)}  ${state}`);
    if (name !== 'example (infra/tenants)') fs.rmSync(dir, { recursive: true, force: true });
  }
  await api();
}

void main();
