import * as fs from 'fs';
import * as path from 'path';
import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * The one query layer under the request store: SQL is written once, with `$1`-style parameters and
 * double-quoted identifiers (both SQLite and PostgreSQL read them so), and run by a driver for the
 * embedded SQLite file or a PostgreSQL server.
 */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Creates the schema: statements that must be idempotent (`IF NOT EXISTS`), run as one, one replica at a time. */
  migrate(statements: readonly string[]): Promise<void>;
  /**
   * Runs `fn` holding the lock `key`, which every process sharing the database respects: a
   * PostgreSQL session advisory lock, released by the server if the holder dies. A SQLite file is
   * one host's, where the caller's own lock file serializes, so `fn` just runs.
   */
  exclusively<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The store cannot be opened (PostgreSQL unreachable, a refused login, an unwritable file): exit 2. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A PostgreSQL URL (`postgres://` or `postgresql://`) rather than a SQLite file. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** The URL without its password, for messages and logs. */
export const redactUrl = (url: string) => url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/, '$1:***@');

/** Opens the store's database, a PostgreSQL URL or else a SQLite file (created with its folder), and creates its schema. */
export async function openDriver(location: string, schema: readonly string[]): Promise<SqlDriver> {
  const postgres = isPostgresUrl(location);
  let driver: SqlDriver | undefined;
  try {
    driver = postgres ? postgresDriver(location) : sqliteDriver(location);
    await driver.migrate(schema);
    return driver;
  } catch (e) {
    await driver?.close().catch(() => undefined);
    const where = postgres ? `PostgreSQL at ${redactUrl(location)}` : `SQLite file ${location}`;
    throw new StoreError(`--database: cannot open ${where}: ${(e as Error).message.split('\n')[0] || (e as { code?: string }).code}`);
  }
}

/** SQLite takes positional `?`: each `$n` becomes `?` and its value is placed in order (a `$n` may repeat). */
function positional(sql: string, params: readonly unknown[]): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    values.push(params[Number(n) - 1]);
    return '?';
  });
  return { sql: text, values };
}

function sqliteDriver(file: string): SqlDriver {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Loaded here: a native module, needed only by onboarding.
  const SQLite = require('better-sqlite3') as typeof Database;
  const db = new SQLite(file);
  // WAL, synchronous FULL: a decision once answered survives a crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const prepared = (sql: string, params: readonly unknown[]) => {
    const p = positional(sql, params);
    return { statement: db.prepare(p.sql), values: p.values };
  };
  return {
    kind: 'sqlite',
    async run(sql, params = []) {
      const { statement, values } = prepared(sql, params);
      return statement.run(...values).changes;
    },
    async all<T>(sql: string, params: readonly unknown[] = []) {
      const { statement, values } = prepared(sql, params);
      return statement.all(...values) as T[];
    },
    async migrate(statements) {
      db.transaction(() => statements.forEach((s) => db.exec(s)))();
    },
    exclusively: (_key, fn) => fn(),
    async close() {
      db.close();
    },
  };
}

/** Any key for the schema's advisory lock: replicas starting together create the schema one at a time. */
const SCHEMA_LOCK = 7_302_011;

function postgresDriver(url: string): SqlDriver {
  // Loaded here: needed only when the store is PostgreSQL.
  const { Pool } = require('pg') as typeof import('pg');
  const pool: Pool = new Pool({ connectionString: url, max: 4 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    async run(sql, params = []) {
      return (await pool.query(sql, params as unknown[])).rowCount ?? 0;
    },
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async migrate(statements) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        for (const s of statements) await client.query(s);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exclusively<T>(key: number, fn: () => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
