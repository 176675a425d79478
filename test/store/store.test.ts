import * as path from 'path';
import { OnboardingRequest, RequestStore, requestsDir, storeLocation } from '../../services/store/requests';
import { StoreError } from '../../services/store/sql';
import { cordonAsync, tmpDir } from '../helpers';
import { freePort } from '../support/moto';
import { newStoreLocation, STORES } from '../support/stores';

const dir = tmpDir('cordon-store-');
/** A unique key's violation, as each database words it (SQLite's native error is from another realm: matched by message). */
const DUPLICATE = /UNIQUE constraint failed|duplicate key value violates unique constraint/;
const failure = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error) => e.message);
let n = 0;

const request = (id: string, over: Partial<OnboardingRequest> = {}): OnboardingRequest => ({
  id,
  kind: 'onboard',
  tenantId: 'contoso',
  entry: { id: 'contoso', environments: ['prod'], network: { cidr: '10.60.0.0/16' }, note: 'ünïcode "quoted"' },
  state: 'pending',
  requester: 'alice@cordon.example',
  createdAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2026-12-08T09:00:00.000Z',
  needsSecondPerson: true,
  reportFile: '/tmp/report.json',
  reportSha256: 'ab'.repeat(32),
  decidedBy: null,
  decidedAt: null,
  reason: null,
  ...over,
});

describe.each(STORES)('the request store on %s: one query layer, the same contract', (kind) => {
  let location: string;
  let store: RequestStore;
  beforeEach(async () => {
    location = await newStoreLocation(kind, path.join(dir, `${kind}-${++n}`));
    store = await RequestStore.open(location);
  });
  afterEach(() => store.close());

  test('opens the right database; opening again (another replica, a restart) keeps the schema and the data', async () => {
    expect(store.kind).toBe(kind);
    await store.insert(request('req-1'));
    const again = await RequestStore.open(location);
    try {
      expect((await again.get('req-1'))?.id).toBe('req-1');
    } finally {
      await again.close();
    }
  });

  test('replicas opening a new store at the same moment create its schema once, without error', async () => {
    const fresh = await newStoreLocation(kind, path.join(dir, `${kind}-race-${++n}`));
    const opened = await Promise.all(Array.from({ length: 4 }, () => RequestStore.open(fresh)));
    await opened[0].insert(request('req-1'));
    expect((await opened[3].list()).map((r) => r.id)).toEqual(['req-1']);
    await Promise.all(opened.map((s) => s.close()));
  });

  test('insert and get round-trip every field: the entry as JSON, the two-person flag as a boolean, nulls as null', async () => {
    const r = request('req-1');
    await store.insert(r);
    expect(await store.get('req-1')).toEqual(r);
    const plain = request('req-2', { needsSecondPerson: false, reportFile: null, reportSha256: null, kind: 'offboard' });
    await store.insert(plain);
    expect(await store.get('req-2')).toEqual(plain);
    expect(await store.get('req-none')).toBeUndefined();
    // Ids are unique: a second insert of the same id fails.
    expect(await failure(store.insert(r))).toMatch(DUPLICATE);
  });

  test('list orders by creation time, then id', async () => {
    await store.insert(request('req-b', { createdAt: '2026-12-02T00:00:00.000Z' }));
    await store.insert(request('req-c', { createdAt: '2026-12-01T00:00:00.000Z' }));
    await store.insert(request('req-a', { createdAt: '2026-12-02T00:00:00.000Z' }));
    expect((await store.list()).map((r) => r.id)).toEqual(['req-c', 'req-a', 'req-b']);
  });

  test('transition changes only a request still in the expected state, only the columns given', async () => {
    await store.insert(request('req-1'));
    expect(await store.transition('req-1', 'written', { state: 'deployed' })).toBe(false);
    expect((await store.get('req-1'))!.state).toBe('pending');
    expect(await store.transition('req-1', 'pending', { state: 'rejected', decidedBy: 'bob@cordon.example', decidedAt: '2026-12-02T00:00:00.000Z', reason: 'no order form' })).toBe(true);
    expect(await store.get('req-1')).toEqual(request('req-1', { state: 'rejected', decidedBy: 'bob@cordon.example', decidedAt: '2026-12-02T00:00:00.000Z', reason: 'no order form' }));
    expect(await store.transition('req-1', 'pending', { state: 'written' })).toBe(false);
    expect(await store.transition('req-none', 'pending', { state: 'written' })).toBe(false);
  });

  test('concurrent decisions from two replicas on 20 requests: exactly one wins each', async () => {
    const other = await RequestStore.open(location);
    try {
      const ids = Array.from({ length: 20 }, (_, i) => `req-${i}`);
      for (const id of ids) await store.insert(request(id));
      const decide = (s: RequestStore, id: string, by: string) => s.transition(id, 'pending', { state: 'written', decidedBy: by, decidedAt: '2026-12-02T00:00:00.000Z', reason: null });
      const results = await Promise.all(ids.flatMap((id) => [decide(store, id, 'bob@cordon.example'), decide(other, id, 'carol@cordon.example'), decide(other, id, 'dave@cordon.example')]));
      for (let i = 0; i < ids.length; i++) expect(results.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
      const decided = await other.list();
      expect(decided.every((r) => r.state === 'written' && r.decidedBy !== null)).toBe(true);
    } finally {
      await other.close();
    }
  });

  test('tokens are found by hash only; a hash is stored once', async () => {
    await store.addToken('h1', 'erin@cordon.example', 'auditor', '2026-12-01T00:00:00.000Z');
    expect(await store.tokenByHash('h1')).toEqual({ principal: 'erin@cordon.example', role: 'auditor' });
    expect(await store.tokenByHash('h2')).toBeUndefined();
    expect(await failure(store.addToken('h1', 'mallory@cordon.example', 'admin', '2026-12-01T00:00:00.000Z'))).toMatch(DUPLICATE);
  });

  test('idempotency keys are per principal, remembered once', async () => {
    expect(await store.idempotent('alice@cordon.example', 'k-1')).toBeUndefined();
    await store.rememberIdempotent('alice@cordon.example', 'k-1', 'req-1');
    expect(await store.idempotent('alice@cordon.example', 'k-1')).toBe('req-1');
    expect(await store.idempotent('bob@cordon.example', 'k-1')).toBeUndefined();
    expect(await failure(store.rememberIdempotent('alice@cordon.example', 'k-1', 'req-2'))).toMatch(DUPLICATE);
  });
});

describe('choosing the store', () => {
  test('--database wins over DATABASE_URL, which wins over .cordon/onboarding.db; a postgres:// URL selects PostgreSQL', () => {
    const url = 'postgres://cordon:secret@db.internal:5432/cordon';
    expect(storeLocation('x.db', '/repo', { DATABASE_URL: url })).toBe(path.resolve('x.db'));
    expect(storeLocation(undefined, '/repo', { DATABASE_URL: url })).toBe(url);
    expect(storeLocation(undefined, '/repo', {})).toBe('/repo/.cordon/onboarding.db');
    expect(storeLocation('postgresql://h/db', '/repo', {})).toBe('postgresql://h/db');
    // Gated plans stay on each host: beside a SQLite file, else beside the audit log.
    expect(requestsDir(url, '/var/cordon/audit.jsonl')).toBe('/var/cordon/requests');
    expect(requestsDir('/data/onboarding.db', '/var/cordon/audit.jsonl')).toBe('/data/requests');
  });

  test('an unreachable PostgreSQL is one line, exit 2, without the password', async () => {
    const url = `postgres://cordon:hunter2@127.0.0.1:${await freePort()}/cordon`;
    await expect(RequestStore.open(url)).rejects.toThrow(StoreError);
    const res = await cordonAsync(['tenant', 'list', '--database', url]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^cordon tenant: error: --database: cannot open PostgreSQL at postgres:\/\/cordon:\*\*\*@127\.0\.0\.1:\d+\/cordon: .*ECONNREFUSED.*\n$/);
    expect(res.stderr).not.toContain('hunter2');
  });
});
