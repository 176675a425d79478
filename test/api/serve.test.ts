import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { cordonAsync, tmpDir } from '../helpers';
import { freshDatabase } from '../support/postgres';
import { serve } from '../support/serve';

const dir = tmpDir('cordon-serve-');
const db = ['--database', path.join(dir, 'onboarding.db'), '--audit-log', path.join(dir, 'audit.jsonl')];

describe('cordon token and cordon serve', () => {
  test('token create prints a token once; bad principals and roles are refused in one line', async () => {
    const res = await cordonAsync(['token', 'create', '--principal', 'erin@cordon.example', '--role', 'auditor', ...db]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^cordon_[A-Za-z0-9_-]{43}\n$/);
    for (const [args, message] of [
      [['--principal', 'erin', '--role', 'auditor'], '--principal: expected an email address, received "erin"'],
      [['--principal', 'erin@cordon.example', '--role', 'root'], '--role: expected one of requester | approver | auditor | admin, received "root"'],
    ]) {
      const bad = await cordonAsync(['token', 'create', ...args, ...db]);
      expect(bad.stderr.trim()).toBe(`cordon token: error: ${message}`);
      expect(bad.code).toBe(2);
    }
  });

  test('serve listens on 127.0.0.1, answers with the token just made, and stops cleanly on SIGTERM', async () => {
    const token = (await cordonAsync(['token', 'create', '--principal', 'erin@cordon.example', '--role', 'auditor', ...db])).stdout.trim();
    const server = await serve(db);
    const audit = await fetch(`${server.address}/v1/audit`, { headers: { authorization: `Bearer ${token}` } });
    expect(audit.status).toBe(200);
    expect(((await audit.json()) as { entries: { event: string }[] }).entries.map((e: { event: string }) => e.event)).toContain('token.create');
    expect((await fetch(`${server.address}/v1/audit`)).status).toBe(401);
    expect(await server.stop()).toBe(0);
  }, 60_000);

  test.each([
    [['--port', '70000'], '--port: expected a port number from 0 to 65535, received "70000"'],
    [['--shred-every', 'hourly'], '--shred-every: expected whole minutes from 0 (never) to 1440 (a day), received "hourly"'],
    [['--shred-every', '1441'], '--shred-every: expected whole minutes from 0 (never) to 1440 (a day), received "1441"'],
  ])('serve %j is refused in one line, exit 2, before it opens anything', async (args, message) => {
    const res = await cordonAsync(['serve', ...args, ...db]);
    expect([res.code, res.stderr.trim()]).toEqual([2, `cordon serve: error: ${message}`]);
  });

  test('serve stops cleanly on a SIGTERM sent as soon as it says it listens', async () => {
    for (let i = 0; i < 5; i++) expect(await (await serve(db)).stop()).toBe(0);
  }, 60_000);

  test('two replicas on one PostgreSQL store (DATABASE_URL): tokens and requests are shared, a request is decided once', async () => {
    const url = await freshDatabase();
    const registry = path.join(dir, 'tenants');
    fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registry, { recursive: true });
    // Each replica has its own host's files (audit log, gated plans); only the store is shared.
    const auditLog = (name: string) => ['--audit-log', path.join(dir, name, 'audit.jsonl')];
    const host = (name: string) => ['--registry', registry, ...auditLog(name)];
    const token = async (principal: string, role: string) => {
      const res = await cordonAsync(['token', 'create', '--principal', principal, '--role', role, '--database', url, ...auditLog('a')]);
      expect(res.stderr).toBe('');
      return res.stdout.trim();
    };
    const alice = await token('alice@cordon.example', 'requester');
    const bob = await token('bob@cordon.example', 'approver');
    const [a, b] = await Promise.all([serve(host('a'), { DATABASE_URL: url }), serve(host('b'), { DATABASE_URL: url })]);
    try {
      const call = async (base: string, method: string, url_: string, bearer: string, body?: unknown) => {
        const res = await fetch(`${base}${url_}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      const asked = await call(a.address, 'POST', '/v1/tenants', alice, { id: 'contoso', name: 'Contoso Legal', tier: 'pooled', cloud: 'aws', region: 'us-east-1', environments: ['staging'] });
      expect(asked.status).toBe(201);
      const id = asked.body.id;
      expect((await call(b.address, 'GET', `/v1/requests/${id}`, bob)).body).toMatchObject({ state: 'pending', requester: 'alice@cordon.example' });
      const decisions = await Promise.all([a, b].map((r) => call(r.address, 'POST', `/v1/requests/${id}/reject`, bob, { reason: 'no signed order form yet' })));
      expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
      expect((await call(a.address, 'GET', `/v1/requests/${id}`, bob)).body).toMatchObject({ state: 'rejected', decidedBy: 'bob@cordon.example' });
    } finally {
      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    }
  }, 120_000);
});
