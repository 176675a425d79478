import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { ensureMoto } from '../../services/toolchain/moto';

/** A moto server on 127.0.0.1 acting as one AWS account: the local AWS API of the deploy tests and bench. */
export interface LocalAws {
  readonly endpoint: string;
  readonly account: string;
  /** The AWS SDK's standard settings pointing at this server (what `cordon deploy` reads). */
  readonly env: Record<string, string>;
  /** Everything moto has said, for assertions on what it did not model. */
  log(): string;
  /** Forgets every resource (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const SERVER = path.join(__dirname, 'moto_server.py');

/** A port free on 127.0.0.1 now (the server started next binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts moto's server (installed on first use into .tools/moto) for `account` and waits until it answers. */
export async function startLocalAws(account: string, region = 'us-east-1'): Promise<LocalAws> {
  const python = ensureMoto();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(python, [SERVER, '-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, MOTO_ACCOUNT_ID: account }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto server exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`moto server did not answer on ${endpoint} within 60 s: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    account,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: region,
      // CloudFormation is handed https://s3.<region>.amazonaws.com/<bucket>/<key> template URLs (the CDK toolkit's own setting).
      AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION: `https://s3.${region}.amazonaws.com`,
    },
    log: () => log,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset: HTTP ${res.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sets `env` on process.env (where the AWS SDK reads its settings) and returns the undo. */
export function useEnv(env: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete process.env[k];
  Object.assign(process.env, env);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Bootstraps the CDK toolkit stack into the local account (the toolkit's bucket holds templates over 51,200 bytes). */
export async function bootstrap(aws: LocalAws): Promise<void> {
  const { Toolkit, BootstrapEnvironments } = await import('@aws-cdk/toolkit-lib');
  const toolkit = new Toolkit({ ioHost: { notify: async () => undefined, requestResponse: async (m) => m.defaultResponse }, color: false, emojis: false });
  await toolkit.bootstrap(BootstrapEnvironments.fromList([`aws://${aws.account}/${aws.env.AWS_REGION}`]), {});
}
