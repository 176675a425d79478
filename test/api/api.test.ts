import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { FastifyInstance } from 'fastify';
import { buildServer } from '../../services/api/server';
import { AuditLog } from '../../services/audit/log';
import { loadPolicyBundle } from '../../services/gate/policy';
import { OnboardingContext } from '../../services/onboarding/context';
import { createToken } from '../../services/onboarding/tokens';
import { RequestStore, Role } from '../../services/store/requests';
import { ROOT } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';
import { newStoreLocation, StoreKind, STORES } from '../support/stores';

const work = tmpDir('cordon-api-');
let n = 0;
const contoso = { id: 'contoso', name: 'Contoso Legal', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod'], network: { cidr: '10.60.0.0/16' } };

interface Api {
  readonly base: string;
  readonly ctx: OnboardingContext;
  readonly tokens: Record<Role | 'alice-approver', string>;
  readonly log: () => string;
  /** `METHOD /path` of every route the server registered. */
  readonly routes: Set<string>;
  call(method: string, url: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 over a copy of the example registry and a new store of `kind`, with one token per role. */
async function start(kind: StoreKind, rateLimitPerMinute = 1000): Promise<Api> {
  const dir = path.join(work, `s${++n}`);
  const registryDir = path.join(dir, 'tenants');
  fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registryDir, { recursive: true });
  const store = await RequestStore.open(await newStoreLocation(kind, dir));
  const ctx: OnboardingContext = { registryDir, workDir: path.join(dir, 'requests'), store, auditLog: path.join(dir, 'audit.jsonl'), bundle: loadPolicyBundle() };
  const token = (principal: string, role: Role) => createToken(store, ctx.auditLog, principal, role, 'admin@cordon.example');
  const tokens = {
    requester: await token('alice@cordon.example', 'requester'),
    approver: await token('bob@cordon.example', 'approver'),
    auditor: await token('carol@cordon.example', 'auditor'),
    admin: await token('dave@cordon.example', 'admin'),
    'alice-approver': await token('alice@cordon.example', 'approver'),
  };
  let logged = '';
  const stream = new PassThrough();
  stream.on('data', (d) => (logged += d));
  const routes = new Set<string>();
  const app: FastifyInstance = await buildServer({ ctx, rateLimitPerMinute, logger: { level: 'info', stream }, onRoute: (method, url) => routes.add(`${method} ${url}`) });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    ctx,
    tokens,
    routes,
    log: () => logged,
    async call(method, url, bearer, body, headers = {}) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { ...(bearer && { authorization: `Bearer ${bearer}` }), ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

describe.each(STORES)('onboarding HTTP API on 127.0.0.1, requests stored in %s', (kind) => {
  let api: Api;
  beforeAll(async () => (api = await start(kind)));
  afterAll(async () => api?.close());

  // Every route, who may call it, and a call that does no heavy work once admitted.
  const routes: [string, string, Role[], unknown][] = [
    ['POST', '/v1/tenants', ['requester', 'admin'], []],
    ['GET', '/v1/tenants', ['requester', 'approver', 'auditor', 'admin'], undefined],
    ['GET', '/v1/tenants/globex', ['requester', 'approver', 'auditor', 'admin'], undefined],
    ['DELETE', '/v1/tenants/nobody', ['requester', 'admin'], undefined],
    ['GET', '/v1/requests/req-none', ['requester', 'approver', 'auditor', 'admin'], undefined],
    ['POST', '/v1/requests/req-none/approve', ['approver', 'admin'], {}],
    ['POST', '/v1/requests/req-none/reject', ['approver', 'admin'], { reason: 'not this one, thanks' }],
    ['POST', '/v1/shredding', ['admin'], undefined],
    ['GET', '/v1/audit', ['auditor', 'admin'], undefined],
  ];
  test.each(routes)('%s %s: 401 without or with a bad token, admitted for %j, 403 for other roles', async (method, url, allowed, body) => {
    expect((await api.call(method, url, undefined, body)).status).toBe(401);
    expect((await api.call(method, url, 'cordon_not-a-token', body)).status).toBe(401);
    expect((await api.call(method, url, 'something-else', body)).status).toBe(401);
    for (const role of ['requester', 'approver', 'auditor', 'admin'] as Role[]) {
      const { status } = await api.call(method, url, api.tokens[role], body);
      if (allowed.includes(role)) expect([401, 403]).not.toContain(status);
      else expect(status).toBe(403);
    }
  });

  test('POST /v1/shredding (the scheduler): 200 with every result when nothing is refused, 409 when a tenant cannot be shredded', async () => {
    expect(await api.call('POST', '/v1/shredding', api.tokens.admin)).toEqual({ status: 200, body: { results: [] } });
    // An offboarding written by hand, its window over, with no approved request behind it.
    const file = path.join(api.ctx.registryDir, 'hooli.yaml');
    const before = fs.readFileSync(file, 'utf8');
    fs.appendFileSync(file, 'status: offboarding\noffboarding: { request: req-2026-09-01-0badf00d, approvedAt: 2026-09-01, dataUntil: 2026-09-30 }\n');
    try {
      const res = await api.call('POST', '/v1/shredding', api.tokens.admin);
      expect(res.status).toBe(409);
      expect(res.body.results).toEqual([{ tenant: 'hooli', refused: expect.stringContaining('its offboarding req-2026-09-01-0badf00d is not an approved request in this store') }]);
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  test('GET /healthz and the OpenAPI document need no token; the document lists exactly the routes served', async () => {
    expect(await api.call('GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const doc = (await api.call('GET', '/v1/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = [...api.routes].filter((r) => !r.startsWith('HEAD '));
    expect(documented.sort()).toEqual(served.sort());
  });

  test('a dedicated tenant end to end: requested (201, gated), self-approval refused (two-person rule), approved by a second person, readable, audited', async () => {
    const asked = await api.call('POST', '/v1/tenants', api.tokens.requester, contoso);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ tenantId: 'contoso', state: 'pending', requester: 'alice@cordon.example', needsSecondPerson: true });
    const id = asked.body.id;
    const shown = await api.call('GET', `/v1/requests/${id}`, api.tokens.auditor);
    expect(shown.body.report.summary.passed).toBe(true);
    // the evidence is the tenant's own: its controls, counted over its stacks only
    expect(shown.body.evidence.kind).toBe('cordon-evidence');
    expect(shown.body.evidence.inputs.map((i: { stack: string }) => i.stack).every((s: string) => s.startsWith('contoso-'))).toBe(true);
    expect(shown.body.evidence.controls.find((c: { control: string }) => c.control === 'ENC-2')).toMatchObject({ passed: true });

    const self = await api.call('POST', `/v1/requests/${id}/approve`, api.tokens['alice-approver']);
    expect(self.status).toBe(409);
    expect(self.body.error).toMatch(/two-person rule/);
    const ok = await api.call('POST', `/v1/requests/${id}/approve`, api.tokens.approver);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'written', decidedBy: 'bob@cordon.example' });
    expect((await api.call('GET', '/v1/tenants/contoso', api.tokens.auditor)).body).toMatchObject({ id: 'contoso', tier: 'dedicated' });
    expect((await api.call('POST', `/v1/requests/${id}/approve`, api.tokens.approver)).status).toBe(409);

    // a kept report edited afterwards is refused as tampered, never shown
    const reportFile = shown.body.reportFile as string;
    fs.appendFileSync(reportFile, ' ');
    const tampered = await api.call('GET', `/v1/requests/${id}`, api.tokens.auditor);
    expect(tampered.status).toBe(500);
    expect(tampered.body.error).toMatch(new RegExp(`request ${id}: its gate report .*report\\.json changed since the request \\(sha256 [0-9a-f]{64}, recorded [0-9a-f]{64}\\)`));

    const audit = await api.call('GET', '/v1/audit', api.tokens.auditor);
    expect(audit.body.entries.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['token.create', 'onboarding.request', 'onboarding.approve', 'registry.write']));
    const csv = await api.call('GET', '/v1/audit?format=csv', api.tokens.auditor);
    expect(csv.body.split('\n')[0]).toBe('seq,at,event,data,prev,hash');
    expect(AuditLog.read(api.ctx.auditLog).length).toBe(audit.body.entries.length);
  }, 120_000);

  test('an enterprise GCP tenant (PHI under a BAA, its own keys, its own network): gated plan of its stacks, approved by a second person', async () => {
    const entry = {
      id: 'fabrikam', name: 'Fabrikam Clinics', tier: 'enterprise', cloud: 'gcp', region: 'europe-west1', environments: ['prod', 'staging'],
      phi: true, baa: true, network: { cidr: '10.62.0.0/16' }, contact: 'security@fabrikam.example', ticket: 'ONB-2210',
      cmek: {
        prod: 'projects/fabrikam-kms/locations/europe-west1/keyRings/fabrikam/cryptoKeys/docs',
        staging: 'projects/fabrikam-kms-stg/locations/europe-west1/keyRings/fabrikam/cryptoKeys/docs',
      },
    };
    const asked = await api.call('POST', '/v1/tenants', api.tokens.requester, entry);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ tenantId: 'fabrikam', state: 'pending', needsSecondPerson: true });
    const { report } = (await api.call('GET', `/v1/requests/${asked.body.id}`, api.tokens.auditor)).body;
    expect(report.summary.passed).toBe(true);
    expect(report.stacks.filter((st: { tenant: string }) => st.tenant === 'fabrikam').map((st: { name: string; format: string }) => `${st.name} ${st.format}`).sort()).toEqual(['fabrikam-prod terraform', 'fabrikam-staging terraform']);
    const ok = await api.call('POST', `/v1/requests/${asked.body.id}/approve`, api.tokens.approver);
    expect(ok.body).toMatchObject({ state: 'written', decidedBy: 'bob@cordon.example' });
    expect((await api.call('GET', '/v1/tenants/fabrikam', api.tokens.auditor)).body).toMatchObject({ tier: 'enterprise', phi: true, status: 'active' });
  }, 120_000);

  test('a retry with the same Idempotency-Key returns the first request instead of making a second', async () => {
    const entry = { ...contoso, id: 'initrode', network: { cidr: '10.61.0.0/16' } };
    const first = await api.call('POST', '/v1/tenants', api.tokens.requester, entry, { 'idempotency-key': 'k-1' });
    const again = await api.call('POST', '/v1/tenants', api.tokens.requester, entry, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await api.ctx.store.list()).filter((r) => r.tenantId === 'initrode')).toHaveLength(1);
  }, 120_000);

  test('DELETE /v1/tenants/:id requests an offboarding: 400 for a bad flag, 404 for no tenant, 201 then idempotent, approved by a second person, 409 once offboarded', async () => {
    expect((await api.call('DELETE', '/v1/tenants/hooli?immediate=yes', api.tokens.requester)).body).toEqual({ error: 'immediate: expected true or false, received "yes"' });
    expect((await api.call('DELETE', '/v1/tenants/nobody', api.tokens.requester)).status).toBe(404);
    const asked = await api.call('DELETE', '/v1/tenants/hooli?immediate=true', api.tokens.requester, undefined, { 'idempotency-key': 'off-1' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ kind: 'offboard', tenantId: 'hooli', state: 'pending', needsSecondPerson: true, entry: { status: 'offboarded' } });
    const again = await api.call('DELETE', '/v1/tenants/hooli?immediate=true', api.tokens.requester, undefined, { 'idempotency-key': 'off-1' });
    expect([again.status, again.body.id]).toEqual([200, asked.body.id]);
    expect((await api.call('POST', `/v1/requests/${asked.body.id}/approve`, api.tokens['alice-approver'])).status).toBe(409);
    expect((await api.call('POST', `/v1/requests/${asked.body.id}/approve`, api.tokens.approver)).body).toMatchObject({ state: 'written', decidedBy: 'bob@cordon.example' });
    expect((await api.call('GET', '/v1/tenants/hooli', api.tokens.auditor)).body).toMatchObject({ id: 'hooli', status: 'offboarded', offboarding: { request: asked.body.id } });
    const gone = await api.call('DELETE', '/v1/tenants/hooli', api.tokens.requester);
    expect(gone.status).toBe(409);
    expect(gone.body.error).toMatch(/^hooli was offboarded on \d{4}-\d{2}-\d{2} \(req-[^)]+\); its id stays reserved$/);
  }, 120_000);

  test('422 with every error of the entry at once, each with its field path', async () => {
    const res = await api.call('POST', '/v1/tenants', api.tokens.requester, { ...contoso, id: 'badco', phi: true, region: 'mars-1' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['baa', 'region', 'tier']);
    expect((await api.call('POST', '/v1/tenants', api.tokens.requester, '"just a string"')).status).toBe(422);
  });

  test('bodies over 64 KiB are refused (413); requests are logged, tokens never', async () => {
    const res = await api.call('POST', '/v1/tenants', api.tokens.requester, { ...contoso, name: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(api.log()).toContain('"statusCode":413');
    for (const t of Object.values(api.tokens)) expect(api.log()).not.toContain(t);
  });
});

describe('rate limiting', () => {
  test('each token has its own budget per minute; past it, 429', async () => {
    const api = await start('sqlite', 3);
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await api.call('GET', '/v1/tenants', api.tokens.auditor)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await api.call('GET', '/v1/tenants', api.tokens.approver)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
