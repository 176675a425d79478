import * as fs from 'fs';
import type Database from 'better-sqlite3';

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

export interface Lock {
  release(): void;
  /** The lock was left by a process that died holding it (kill -9): its work may be half done. */
  readonly tookOverStale: boolean;
}

/**
 * Takes an exclusive lock: SQLite's exclusive lock on `FILE.db` (a lock of the operating system,
 * which ends with its process however it dies), waited for up to `waitMs`, then a LockError naming
 * `holder`. `FILE` holds the holder's process id while it holds the lock, and a release removes it
 * first: found there by the next holder, its writer died holding the lock (`tookOverStale`).
 * A lock file alone cannot be taken over safely: two processes that both found its holder dead
 * both removed it and both went on. `FILE.db` stays: removed, a process still waiting on it would
 * take the lock of a file no one else opens.
 */
export function takeLock(file: string, holder: string, waitMs = 0): Lock {
  // Loaded here: a native module, needed only by the commands that write the audit log.
  const SQLite = require('better-sqlite3') as typeof Database;
  const db = new SQLite(`${file}.db`, { timeout: waitMs });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    const pid = Number(readIfThere(file));
    throw new LockError(`another ${holder}${pid > 0 ? ` (pid ${pid})` : ''} holds ${file}; wait for it to finish`);
  }
  const tookOverStale = readIfThere(file) !== undefined;
  fs.writeFileSync(file, String(process.pid));
  return {
    tookOverStale,
    release: () => {
      fs.rmSync(file, { force: true });
      db.close(); // ends the transaction, and with it the lock
    },
  };
}

function readIfThere(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
