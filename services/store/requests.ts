import * as fs from 'fs';
import * as path from 'path';
import type Database from 'better-sqlite3';

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

/** A principal's role: what it may do through the API. */
export const ROLES = ['requester', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Requests, API tokens and idempotency keys, kept in an embedded SQLite database (WAL, synchronous
 * FULL: a decision once answered survives a crash).
 */
export class RequestStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): RequestStore {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Loaded here: a native module, needed only by onboarding.
    const SQLite = require('better-sqlite3') as typeof Database;
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS requests (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, tenantId TEXT NOT NULL, entry TEXT NOT NULL, state TEXT NOT NULL,
      requester TEXT NOT NULL, createdAt TEXT NOT NULL, expiresAt TEXT NOT NULL, needsSecondPerson INTEGER NOT NULL,
      reportFile TEXT, reportSha256 TEXT, decidedBy TEXT, decidedAt TEXT, reason TEXT);
      CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, principal TEXT NOT NULL, role TEXT NOT NULL, createdAt TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS idempotency (principal TEXT NOT NULL, key TEXT NOT NULL, requestId TEXT NOT NULL, PRIMARY KEY (principal, key))`);
    return new RequestStore(db);
  }

  /** Stores a token by its sha256 only: the token itself is shown once, to its creator. */
  addToken(hash: string, principal: string, role: Role, createdAt: string): void {
    this.db.prepare('INSERT INTO tokens (hash, principal, role, createdAt) VALUES (?, ?, ?, ?)').run(hash, principal, role, createdAt);
  }

  tokenByHash(hash: string): { principal: string; role: Role } | undefined {
    return this.db.prepare('SELECT principal, role FROM tokens WHERE hash = ?').get(hash) as { principal: string; role: Role } | undefined;
  }

  /** The request an earlier call with this principal's idempotency key made, if any. */
  idempotent(principal: string, key: string): string | undefined {
    return (this.db.prepare('SELECT requestId FROM idempotency WHERE principal = ? AND key = ?').get(principal, key) as { requestId: string } | undefined)?.requestId;
  }

  rememberIdempotent(principal: string, key: string, requestId: string): void {
    this.db.prepare('INSERT INTO idempotency (principal, key, requestId) VALUES (?, ?, ?)').run(principal, key, requestId);
  }

  insert(r: OnboardingRequest): void {
    this.db.prepare(`INSERT INTO requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`).run(toRow(r));
  }

  /** Moves a request from `from` to a new state; false when it was no longer in `from` (someone else decided first). */
  transition(id: string, from: RequestState, change: Partial<Pick<OnboardingRequest, 'state' | 'decidedBy' | 'decidedAt' | 'reason'>>): boolean {
    const sets = Object.keys(change).map((k) => `${k} = @${k}`).join(', ');
    return this.db.prepare(`UPDATE requests SET ${sets} WHERE id = @id AND state = @from`).run({ ...change, id, from }).changes === 1;
  }

  get(id: string): OnboardingRequest | undefined {
    const row = this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && fromRow(row);
  }

  list(): OnboardingRequest[] {
    return (this.db.prepare('SELECT * FROM requests ORDER BY createdAt, id').all() as Record<string, unknown>[]).map(fromRow);
  }

  close(): void {
    this.db.close();
  }
}

const toRow = (r: OnboardingRequest) => ({ ...r, entry: JSON.stringify(r.entry), needsSecondPerson: r.needsSecondPerson ? 1 : 0 });
const fromRow = (row: Record<string, unknown>): OnboardingRequest => ({ ...(row as unknown as OnboardingRequest), entry: JSON.parse(row.entry as string), needsSecondPerson: row.needsSecondPerson === 1 });
