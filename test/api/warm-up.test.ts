import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { loadRegistry } from '../../infra/registry/load';
import { buildServer } from '../../services/api/server';
import { AuditLog } from '../../services/audit/log';
import { createToken } from '../../services/onboarding/tokens';
import { registryCopies } from '../support/registry-copy';
import { serve } from '../support/serve';

const registryCopy = registryCopies('cordon-api-warm-up-');
const contoso = { id: 'contoso', name: 'Contoso Legal', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod'], network: { cidr: '10.60.0.0/16' } };

/** A server with its warm-up on, over a fresh copy of the example registry; its log lines as parsed JSON. */
async function warmServer() {
  const s = await registryCopy();
  const ctx = await s.context();
  let logged = '';
  const stream = new PassThrough();
  stream.on('data', (d) => (logged += d));
  const app = await buildServer({ ctx, warmUp: true, logger: { level: 'info', stream } });
  const warmUps = () => logged.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.warmUp).map((l) => l.warmUp);
  return { s, ctx, app, warmUps };
}

const seeds = (workDir: string) => (fs.existsSync(workDir) ? fs.readdirSync(workDir).filter((n) => n.startsWith('last-estate-') || n.startsWith('warm-up-')) : []);

describe('the server warms up the seeds of its first requests', () => {
  test('a request made while the server warms up is answered, gated on the warm-up\'s output; the warm-up is logged', async () => {
    const { s, ctx, app, warmUps } = await warmServer();
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const token = await createToken(ctx.store, ctx.auditLog, 'alice@cordon.example', 'requester', 'admin@cordon.example');
      const res = await fetch(`${base}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(contoso) });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { state: string }).state).toBe('pending');
      const request = AuditLog.read(s.audit).find((e) => e.event === 'onboarding.request')!;
      expect(request.reusedUnits).toBe(loadRegistry(s.registry).filter((t) => t.cloud === 'aws').length);
      expect(warmUps().map((e) => `${e.kind} ${e.cloud ?? e.clouds}`)).toEqual(['started gcp,aws', 'seeded gcp', 'seeded aws']);
    } finally {
      await app.close();
      await ctx.store.close();
    }
  }, 120_000);

  test('the warm-up starts when the server listens; a server closed mid-warm-up stops it: no seed recorded, nothing of its output left', async () => {
    const { ctx, app, warmUps } = await warmServer();
    // Not before the server listens.
    await app.ready();
    expect(seeds(ctx.workDir)).toEqual([]);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const dir = path.join(ctx.workDir, `warm-up-${process.pid}`);
    while (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) await new Promise((r) => setTimeout(r, 10));
    await app.close();
    await ctx.store.close();
    expect(warmUps().map((e) => e.kind)).toEqual(['started', 'cancelled', 'cancelled']);
    expect(seeds(ctx.workDir)).toEqual([]);
  }, 60_000);

  test('cordon serve warms up by default, and not with --no-warm-up', async () => {
    const on = await registryCopy();
    const workDir = path.join(on.dir, 'requests');
    const server = await serve(on.flags, {}, { warmUp: true });
    try {
      while (seeds(workDir).filter((n) => n.startsWith('last-estate-')).length < 2) await new Promise((r) => setTimeout(r, 100));
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(fs.readFileSync(path.join(workDir, 'last-estate-aws'), 'utf8')).toMatch(/\/requests\/warm-up-\d+\/cdk\.out$/);

    const off = await registryCopy();
    const quiet = await serve(off.flags);
    expect(await quiet.stop()).toBe(0);
    expect(seeds(path.join(off.dir, 'requests'))).toEqual([]);
  }, 120_000);
});
