import * as fs from 'fs';

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
 * Takes an exclusive lock file holding this process's id. A lock whose process is gone (kill -9)
 * is stale and taken over; one held by a live process is waited for up to `waitMs`, then a
 * LockError naming it as `holder`.
 */
export function takeLock(file: string, holder: string, waitMs = 0): Lock {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return once(file, holder);
    } catch (e) {
      if (!(e instanceof LockError) || Date.now() >= deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** How long a lock file may stay empty while its holder writes its pid: longer, the holder died in between. */
const UNWRITTEN_MS = 10_000;

function once(file: string, holder: string): Lock {
  let tookOverStale = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => fs.rmSync(file, { force: true }), tookOverStale };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text: string;
      let age: number;
      try {
        [text, age] = [fs.readFileSync(file, 'utf8'), Date.now() - fs.statSync(file).mtimeMs];
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw err;
      }
      // Empty: its holder created it and has not written its pid yet (or died in between, long ago).
      if (text === '' && age < UNWRITTEN_MS) throw new LockError(`another ${holder} is taking ${file}; wait for it to finish`);
      const pid = Number(text);
      if (alive(pid)) throw new LockError(`another ${holder} (pid ${pid}) holds ${file}; wait for it to finish`);
      fs.rmSync(file, { force: true });
      tookOverStale = true;
    }
  }
  throw new LockError(`cannot take the lock ${file}`);
}

/** Whether process `pid` exists (one of another user counts). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
