import { ChildProcess, spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { ROOT } from '../../services/toolchain/paths';
import { freePort } from './moto';

/** A throwaway PostgreSQL cluster on 127.0.0.1, for the store tests against PostgreSQL. */
export interface LocalPostgres {
  /** The superuser's URL (trust authentication: only this machine's loopback can reach it). */
  readonly url: string;
  stop(): Promise<void>;
}

/** The folder holding Debian's server binaries: on PATH, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  const has = (dir: string) => ['initdb', 'postgres'].every((b) => fs.existsSync(path.join(dir, b)));
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).find(has);
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => has(path.join(root, v, 'bin'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return path.join(root, newest, 'bin');
  return unpackedPostgres();
}

/**
 * Without an installed server, Debian's package is downloaded (no root needed) and unpacked into the
 * git-ignored .tools/postgresql once; its binaries find their share files relative to themselves.
 */
function unpackedPostgres(): string {
  const dir = path.join(ROOT, '.tools', 'postgresql');
  const found = () => {
    const root = path.join(dir, 'usr', 'lib', 'postgresql');
    const version = fs.existsSync(root) ? fs.readdirSync(root)[0] : undefined;
    return version && path.join(root, version, 'bin');
  };
  if (!found()) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-pg-deb-'));
    try {
      const run = (cmd: string, args: string[]) => {
        const res = spawnSync(cmd, args, { cwd: work, encoding: 'utf8' });
        if (res.status !== 0) throw new Error(`PostgreSQL server binaries are not installed, and \`${cmd} ${args.join(' ')}\` failed: ${(res.error?.message ?? res.stderr).trim().split('\n').pop()}; install Debian's postgresql`);
      };
      run('apt-get', ['download', '-q', 'postgresql-15']);
      const deb = fs.readdirSync(work).find((f) => f.endsWith('.deb'))!;
      run('dpkg', ['-x', deb, `${dir}.partial`]);
      fs.renameSync(`${dir}.partial`, dir);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      fs.rmSync(`${dir}.partial`, { recursive: true, force: true });
    }
  }
  // The unprivileged user the server runs as must reach its binaries.
  for (let d = found()!; d.startsWith(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  return found()!;
}

/** initdb and postgres refuse to run as root: as root, they run as `nobody`, owning the cluster's folder. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('running as root, PostgreSQL needs an unprivileged user: there is no user "nobody"');
  return { uid, gid };
}

/**
 * Creates a cluster in a new temporary folder and starts it on 127.0.0.1 on a free port (no Unix
 * socket; fsync off: it is thrown away). Resolves once it accepts connections; `stop` shuts it down
 * and removes the folder.
 */
export async function startPostgres(): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  const user = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { encoding: 'utf8', cwd: dir, ...user });
  if (init.status !== 0) throw new Error(`initdb failed: ${(init.error?.message ?? init.stderr).trim()}`);
  const port = await freePort();
  const args = ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', '', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], ...user });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A run that ends without its teardown (an error, jest --bail) still stops the server.
  const orphaned = () => child.kill('SIGINT');
  process.once('exit', orphaned);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.off('exit', orphaned);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`postgres exited (${child.exitCode}): ${log.trim()}`);
    }
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return { url, stop };
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`postgres did not accept connections on 127.0.0.1:${port} within 30 s: ${log.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A new, empty database on the cluster the jest set-up started (CORDON_TEST_POSTGRES); its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = process.env.CORDON_TEST_POSTGRES;
  if (!admin) throw new Error('CORDON_TEST_POSTGRES is not set: the jest global set-up starts PostgreSQL and sets it');
  // Random: test files in one worker share its pid and each starts its own counters.
  const name = `cordon_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}
