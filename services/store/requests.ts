import * as path from 'path';
import { isPostgresUrl, openDriver, SqlDriver } from './sql';

/**
 * Where a request stands. `pending`: gated, waiting for a second person; `refused`: the gate or
 * the registry checks refused it; `rejected`: an approver said no; `expired`: nobody decided in
 * time; `written`: approved and in the registry; `deployed` / `deploy-failed`: after the deploy.
 */
export type RequestState = 'pending' | 'refused' | 'rejected' | 'expired' | 'written' | 'deployed' | 'deploy-failed';

export interface OnboardingRequest {
  readonly id: string;
  readonly kind: 'onboard' | 'offboard';
  readonly tenantId: string;
  /** The registry entry as requested (the tenant file's content). */
  readonly entry: Record<string, unknown>;
  readonly state: RequestState;
  readonly requester: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Whether the two-person rule applies (dedicated or enterprise, or any prod environment). */
  readonly needsSecondPerson: boolean;
  /** The gate report of the request's plan, kept with the request, and its sha256. */
  readonly reportFile: string | null;
  readonly reportSha256: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  /** Why it was refused, rejected or failed. */
  readonly reason: string | null;
}

const COLUMNS = ['id', 'kind', 'tenantId', 'entry', 'state', 'requester', 'createdAt', 'expiresAt', 'needsSecondPerson', 'reportFile', 'reportSha256', 'decidedBy', 'decidedAt', 'reason'] as const;

/** The columns a transition may set. */
type Change = Partial<Pick<OnboardingRequest, 'state' | 'decidedBy' | 'decidedAt' | 'reason'>>;
const CHANGEABLE = ['state', 'decidedBy', 'decidedAt', 'reason'] as const satisfies readonly (keyof Change)[];

/** A principal's role: what it may do through the API. */
export const ROLES = ['requester', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const q = (column: string) => `"${column}"`;

/** The schema, idempotent on both databases (identifiers quoted: PostgreSQL would fold them to lower case). */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS requests (
    "id" TEXT PRIMARY KEY, "kind" TEXT NOT NULL, "tenantId" TEXT NOT NULL, "entry" TEXT NOT NULL, "state" TEXT NOT NULL,
    "requester" TEXT NOT NULL, "createdAt" TEXT NOT NULL, "expiresAt" TEXT NOT NULL, "needsSecondPerson" INTEGER NOT NULL,
    "reportFile" TEXT, "reportSha256" TEXT, "decidedBy" TEXT, "decidedAt" TEXT, "reason" TEXT)`,
  'CREATE TABLE IF NOT EXISTS tokens ("hash" TEXT PRIMARY KEY, "principal" TEXT NOT NULL, "role" TEXT NOT NULL, "createdAt" TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS idempotency ("principal" TEXT NOT NULL, "key" TEXT NOT NULL, "requestId" TEXT NOT NULL, PRIMARY KEY ("principal", "key"))',
];

const INSERT_REQUEST = `INSERT INTO requests (${COLUMNS.map(q).join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/**
 * Requests, API tokens and idempotency keys: an embedded SQLite file (WAL, synchronous FULL) by
 * default, or PostgreSQL given a `postgres://` URL, so several API replicas share one store. The
 * same SQL runs on both; decisions are conditional updates, safe between processes and replicas.
 */
export class RequestStore {
  private constructor(private readonly db: SqlDriver) {}

  /** Opens (and creates, idempotently) the store at a SQLite file path or a PostgreSQL URL. */
  static async open(location: string): Promise<RequestStore> {
    return new RequestStore(await openDriver(location, SCHEMA));
  }

  /** Which database holds the store. */
  get kind(): SqlDriver['kind'] {
    return this.db.kind;
  }

  /** Stores a token by its sha256 only: the token itself is shown once, to its creator. */
  async addToken(hash: string, principal: string, role: Role, createdAt: string): Promise<void> {
    await this.db.run('INSERT INTO tokens ("hash", "principal", "role", "createdAt") VALUES ($1, $2, $3, $4)', [hash, principal, role, createdAt]);
  }

  async tokenByHash(hash: string): Promise<{ principal: string; role: Role } | undefined> {
    const [row] = await this.db.all<{ principal: string; role: Role }>('SELECT "principal", "role" FROM tokens WHERE "hash" = $1', [hash]);
    return row;
  }

  /** The request an earlier call with this principal's idempotency key made, if any. */
  async idempotent(principal: string, key: string): Promise<string | undefined> {
    const [row] = await this.db.all<{ requestId: string }>('SELECT "requestId" FROM idempotency WHERE "principal" = $1 AND "key" = $2', [principal, key]);
    return row?.requestId;
  }

  async rememberIdempotent(principal: string, key: string, requestId: string): Promise<void> {
    await this.db.run('INSERT INTO idempotency ("principal", "key", "requestId") VALUES ($1, $2, $3)', [principal, key, requestId]);
  }

  async insert(r: OnboardingRequest): Promise<void> {
    const row = toRow(r);
    await this.db.run(INSERT_REQUEST, COLUMNS.map((c) => row[c]));
  }

  /** Moves a request from `from` to a new state; false when it was no longer in `from` (someone else decided first). */
  async transition(id: string, from: RequestState, change: Change): Promise<boolean> {
    const columns = CHANGEABLE.filter((c) => c in change);
    const sets = columns.map((c, i) => `${q(c)} = $${i + 3}`).join(', ');
    return (await this.db.run(`UPDATE requests SET ${sets} WHERE "id" = $1 AND "state" = $2`, [id, from, ...columns.map((c) => change[c])])) === 1;
  }

  async get(id: string): Promise<OnboardingRequest | undefined> {
    const [row] = await this.db.all<Record<string, unknown>>('SELECT * FROM requests WHERE "id" = $1', [id]);
    return row && fromRow(row);
  }

  async list(): Promise<OnboardingRequest[]> {
    return (await this.db.all<Record<string, unknown>>('SELECT * FROM requests ORDER BY "createdAt", "id"')).map(fromRow);
  }

  /**
   * Runs a decision holding the lock every replica sharing this store respects, so decisions from
   * several hosts into one registry happen one at a time (the registry is brought up to date first).
   */
  decideExclusively<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.exclusively(DECISION_LOCK, fn);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Any key for the decisions' advisory lock, apart from the schema's. */
const DECISION_LOCK = 7_302_012;

const toRow = (r: OnboardingRequest): Record<(typeof COLUMNS)[number], unknown> => ({ ...r, entry: JSON.stringify(r.entry), needsSecondPerson: r.needsSecondPerson ? 1 : 0 });
const fromRow = (row: Record<string, unknown>): OnboardingRequest => ({ ...(row as unknown as OnboardingRequest), entry: JSON.parse(row.entry as string), needsSecondPerson: Number(row.needsSecondPerson) === 1 });

/** The store a command opens: `--database` if given, else `DATABASE_URL`, else `.cordon/onboarding.db` under `root`. */
export function storeLocation(flag: string | undefined, root: string, env: NodeJS.ProcessEnv = process.env): string {
  const location = flag ?? (env.DATABASE_URL || path.join(root, '.cordon', 'onboarding.db'));
  return isPostgresUrl(location) ? location : path.resolve(location);
}

/** Where requests' gated plans are kept, on each host: beside a SQLite file, else beside the audit log. */
export const requestsDir = (location: string, auditLog: string) => path.join(path.dirname(isPostgresUrl(location) ? auditLog : location), 'requests');
