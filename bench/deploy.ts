/**
 * Deploy benchmark: `cordon deploy` of generated AWS estates (prod only: the CDK toolkit refuses a
 * stack of another account, and moto acts as the prod account 111111111111) to moto's AWS API
 * server, at several sizes and concurrencies. Each run starts from a reset, freshly bootstrapped
 * moto and runs in a fresh Node process with its own registry folder, root and deployment record,
 * so neither the cloud nor the JIT carry over from one run to the next.
 *
 * Where the time goes, as shares of the wall time of the `deploy()` call (they add up to it):
 *  - synth: the `synthesizing` phase event to `reading`;
 *  - gate: `reading` to the confirmation (read, normalize, evaluate, write the report);
 *  - toolkit: time while at least one stack is between its `started` and `deployed` events (inside
 *    `toolkit.deploy`, plus the template re-hash before and the record entry after it) and no AWS
 *    API request is outstanding: the toolkit's own work, the AWS SDK and the toolkit's polling waits;
 *  - API: time while at least one AWS API request is outstanding at moto, measured by an HTTP proxy
 *    in this (otherwise idle) parent process that the run's AWS_ENDPOINT_URL points at; the time
 *    includes moto's queueing of concurrent requests and the proxy's hop (well under a millisecond);
 *  - other: the rest (registry load, importing the toolkit, reading the cloud assembly, record writes).
 * Also printed: the deploying process's CPU time from the confirmation to the end (when it is well
 * under toolkit + API, the toolkit is mostly waiting), the API actions with the most request time,
 * and any request moto answered with a 5xx (the SDK retries those, so a run can pass with them).
 * moto is one Python process on the same machine: concurrent requests queue in it (one
 * CloudFormation request at a time, see test/support/moto_server.py), so at concurrency > 1 the
 * API column measures that queue as much as the requests themselves.
 * The bundle load (`loadPolicyBundle()`) and writing the registry are done before the timed call.
 *
 *   npm run bench:deploy
 *   CORDON_BENCH_DEPLOY_TENANTS=10 CORDON_BENCH_DEPLOY_CONCURRENCY=1,4 npm run bench:deploy
 *
 * Defaults: 10 and 50 tenants, concurrency 1, 2 and 4.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { PLATFORM } from '../infra/platform';
import { generateTenants } from '../infra/registry/generate';
import { deploy } from '../services/deploy/deploy';
import { loadPolicyBundle } from '../services/gate/policy';
import { bootstrap, LocalAws, startLocalAws, useEnv } from '../test/support/moto';

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across processes of one machine. */
const now = () => performance.timeOrigin + performance.now();

type Interval = [number, number];

interface ApiRequest {
  readonly interval: Interval;
  readonly action: string;
  /** HTTP status of moto's answer; 502 when the proxy could not reach it. */
  readonly status: number;
}

interface ApiProxy {
  readonly endpoint: string;
  readonly requests: ApiRequest[];
  close(): void;
}

interface Sample {
  tenants: number;
  concurrency: number;
  outcome: string;
  stacks: number;
  deployed: number;
  failed: { name: string; error: string }[];
  notAttempted: number;
  /** Epoch ms of the call, its phases and its end. */
  start: number;
  synthesizing: number;
  reading: number;
  confirmed: number;
  end: number;
  /** Each stack from its `started` event to its `deployed` or `failed` event. */
  stackIntervals: Interval[];
  /** CPU time of the deploying process from the confirmation to the end (the toolkit, the AWS SDK, the record). */
  deployCpuMs: number;
}

interface Row extends Sample {
  apiRequests: number;
  /** The actions with the most request time (summed over requests, so over the wall time when they overlap). */
  topActions: { action: string; count: number; ms: number }[];
  /** Requests moto answered with a 5xx (the SDK retries them): a sign of an emulator fault, not of cordon's. */
  serverErrors: string[];
  wallMs: number;
  synthMs: number;
  gateMs: number;
  toolkitMs: number;
  apiMs: number;
  otherMs: number;
}

const list = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);
const SIZES = list(process.env.CORDON_BENCH_DEPLOY_TENANTS, [10, 50]);
const CONCURRENCIES = list(process.env.CORDON_BENCH_DEPLOY_CONCURRENCY, [1, 2, 4]);

/** Worker: deploys a generated estate of `tenants` AWS tenants' prod stacks and prints one JSON sample. */
async function worker(tenants: number, concurrency: number): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-deploy-'));
  try {
    const registryDir = path.join(work, 'tenants');
    fs.mkdirSync(registryDir);
    for (const t of generateTenants(tenants, 'aws')) fs.writeFileSync(path.join(registryDir, `${t.id}.yaml`), stringify(t));
    const bundle = loadPolicyBundle();
    const marks: Record<string, number> = {};
    const opened = new Map<string, number>();
    const stackIntervals: Interval[] = [];
    let cpu: NodeJS.CpuUsage | undefined;
    const start = now();
    const result = await deploy(
      { registryDir, root: path.join(work, 'root'), auditLog: path.join(work, 'deployments.jsonl'), bundle, cloud: 'aws', env: 'prod', concurrency, who: 'bench' },
      {
        event(e) {
          if (e.kind === 'phase') marks[e.message.split(' ')[0]] ??= now();
          if (e.kind === 'stack' && e.status === 'started') opened.set(e.stack, now());
          if (e.kind === 'stack' && (e.status === 'deployed' || e.status === 'failed')) stackIntervals.push([opened.get(e.stack)!, now()]);
        },
        async confirm() {
          marks.confirmed = now();
          cpu = process.cpuUsage();
          return true;
        },
      },
    );
    const end = now();
    const used = process.cpuUsage(cpu);
    const sample: Sample = {
      tenants, concurrency, outcome: result.outcome, stacks: result.stacks.length, deployed: result.deployed.length, failed: [...result.failed], notAttempted: result.notAttempted.length,
      start, synthesizing: marks.synthesizing, reading: marks.reading, confirmed: marks.confirmed ?? end, end, stackIntervals,
      deployCpuMs: cpu ? (used.user + used.system) / 1000 : 0,
    };
    process.stdout.write(JSON.stringify(sample));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * An HTTP proxy to moto recording when each request was outstanding, from its arrival to the end
 * of moto's response. It runs in the parent, whose event loop has nothing else to do during a run,
 * so the intervals are not stretched by the deploying process's own work.
 */
function startApiProxy(target: string): Promise<ApiProxy> {
  const upstream = new URL(target);
  const requests: ApiRequest[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const start = now();
    let body = '';
    req.on('data', (d: Buffer) => body.length < 4096 && (body += d.toString('latin1')));
    const done = (status: number) => requests.push({ interval: [start, now()], action: apiAction(req.headers, req.method ?? '', body), status });
    const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
      r.on('end', () => done(r.statusCode ?? 502));
    });
    up.on('error', (e) => {
      done(502);
      res.writeHead(502).end(`bench proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ endpoint: `http://127.0.0.1:${port}`, requests, close: () => (agent.destroy(), server.close()) });
    });
  });
}

/** `service:Action` of a signed AWS request: the service from its credential scope, the action from the JSON target header or the query body (S3: the method). */
function apiAction(headers: http.IncomingHttpHeaders, method: string, body: string): string {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? '?';
  const target = headers['x-amz-target'];
  const action = typeof target === 'string' ? target.split('.').pop() : (/(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1] ?? method);
  return `${service}:${action}`;
}

/** The intervals merged into disjoint ones, clipped to `within`. */
function union(intervals: readonly Interval[], within: Interval): Interval[] {
  const sorted = intervals.map(([a, b]): Interval => [Math.max(a, within[0]), Math.min(b, within[1])]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const length = (intervals: readonly Interval[]) => intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
const overlap = (x: readonly Interval[], y: readonly Interval[]) => length(x.flatMap(([a, b]) => union(y, [a, b])));

function run(tenants: number, concurrency: number, env: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only', __filename, '--worker', String(tenants), String(concurrency)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench worker ${tenants} tenants, concurrency ${concurrency} failed (exit ${code}):\n${stderr}`));
      else resolve(JSON.parse(stdout) as Sample);
    });
  });
}

async function measure(aws: LocalAws, proxy: ApiProxy, tenants: number, concurrency: number): Promise<Row> {
  await aws.reset();
  const undo = useEnv(aws.env);
  try {
    await bootstrap(aws);
  } finally {
    undo();
  }
  proxy.requests.length = 0;
  const s = await run(tenants, concurrency, { ...aws.env, AWS_ENDPOINT_URL: proxy.endpoint });
  const deploying: Interval = [s.confirmed, s.end];
  const requests = proxy.requests.filter((q) => q.interval[0] >= deploying[0] && q.interval[0] <= deploying[1]);
  const api = union(requests.map((q) => q.interval), deploying);
  const inStacks = union(s.stackIntervals, deploying);
  const wallMs = s.end - s.start;
  const synthMs = s.reading - s.synthesizing;
  const gateMs = s.confirmed - s.reading;
  const apiMs = length(api);
  const toolkitMs = length(inStacks) - overlap(inStacks, api);
  const byAction = new Map<string, { count: number; ms: number }>();
  for (const q of requests) {
    const a = byAction.get(q.action) ?? { count: 0, ms: 0 };
    byAction.set(q.action, { count: a.count + 1, ms: a.ms + q.interval[1] - q.interval[0] });
  }
  const topActions = [...byAction].sort((x, y) => y[1].ms - x[1].ms).slice(0, 4).map(([action, a]) => ({ action, ...a }));
  const serverErrors = requests.filter((q) => q.status >= 500).map((q) => `${q.action} ${q.status}`);
  return { ...s, apiRequests: requests.length, topActions, serverErrors, wallMs, synthMs, gateMs, toolkitMs, apiMs, otherMs: wallMs - synthMs - gateMs - toolkitMs - apiMs };
}

/** Resource types moto's CloudFormation did not model or run, as test/support/moto_server.py logs them. */
function stoodIn(log: string): string[] {
  const types = new Set<string>();
  for (const m of log.matchAll(/\((AWS::[A-Za-z0-9:]+|Custom::[A-Za-z0-9]+)\) not (modelled|run)/g)) types.add(`${m[1]} (not ${m[2]})`);
  return [...types].sort();
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--worker') return worker(Number(args[1]), Number(args[2]));
  const aws = await startLocalAws(PLATFORM.aws.account.prod, PLATFORM.aws.homeRegion);
  const proxy = await startApiProxy(aws.endpoint);
  try {
    console.log(`deploy bench on ${os.cpus().length} cores, node ${process.version}: generated AWS estates, prod only, to moto (account ${aws.account})`);
    console.log('tenants  concurrency  stacks  API requests  wall (s)  stacks/min  synth (s)  gate (s)  toolkit (s)  API (s)  other (s)  deploy CPU (s)  outcome');
    const rows: Row[] = [];
    for (const tenants of SIZES) {
      for (const concurrency of CONCURRENCIES) {
        const r = await measure(aws, proxy, tenants, concurrency);
        rows.push(r);
        const sec = (ms: number, width: number) => (ms / 1000).toFixed(1).padStart(width);
        console.log(
          `${String(r.tenants).padStart(7)}  ${String(r.concurrency).padStart(11)}  ${String(r.stacks).padStart(6)}  ${String(r.apiRequests).padStart(12)}  ${sec(r.wallMs, 8)}  ${(r.deployed / (r.wallMs / 60_000)).toFixed(0).padStart(10)}  ${sec(r.synthMs, 9)}  ${sec(r.gateMs, 8)}  ${sec(r.toolkitMs, 11)}  ${sec(r.apiMs, 7)}  ${sec(r.otherMs, 9)}  ${sec(r.deployCpuMs, 14)}  ${r.outcome}${r.outcome === 'succeeded' ? '' : ` (${r.deployed} deployed, ${r.failed.length} failed, ${r.notAttempted} not attempted)`}`,
        );
      }
    }
    for (const r of rows) console.log(`${r.tenants} tenants, concurrency ${r.concurrency}, request time by action: ${r.topActions.map((a) => `${a.action} ${(a.ms / 1000).toFixed(1)} s (${a.count})`).join(', ')}`);
    for (const r of rows) if (r.serverErrors.length > 0) console.log(`${r.tenants} tenants, concurrency ${r.concurrency}: moto answered ${r.serverErrors.length} request(s) with a server error: ${[...new Set(r.serverErrors)].join(', ')}`);
    for (const r of rows) for (const f of r.failed) console.log(`${r.tenants} tenants, concurrency ${r.concurrency}: ${f.name} failed: ${f.error}`);
    const types = stoodIn(aws.log());
    if (types.length > 0) console.log(`stood in for by test/support/moto_server.py (deployed, never created): ${types.join(', ')}`);
  } finally {
    proxy.close();
    await aws.stop();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
