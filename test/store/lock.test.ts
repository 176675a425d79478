import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LockError, takeLock } from '../../services/store/lock';
import { ROOT } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';

const dir = tmpDir('cordon-lock-');
let n = 0;
const lockFile = () => path.join(dir, `l${++n}.lock`);

/** Another process that takes the lock and holds it until killed; resolves once it holds it. */
function holdInChild(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `require('./services/store/lock').takeLock(${JSON.stringify(file)}, 'decision'); console.log('held'); setInterval(() => {}, 1000);`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve(child));
    child.on('exit', (code) => reject(new Error(`the holding process exited (${code})`)));
  });
}

const killed = (child: ChildProcess) => new Promise((resolve) => {
  child.removeAllListeners('exit');
  child.on('exit', resolve);
  child.kill('SIGKILL');
});

describe('takeLock', () => {
  test('a lock held is waited for, then refused naming its holder; released, it is free', () => {
    const file = lockFile();
    const held = takeLock(file, 'decision');
    expect(() => takeLock(file, 'decision', 100)).toThrow(new LockError(`another decision (pid ${process.pid}) holds ${file}; wait for it to finish`));
    held.release();
    const again = takeLock(file, 'decision');
    expect([again.tookOverStale, fs.readFileSync(file, 'utf8')]).toEqual([false, String(process.pid)]);
    again.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a lock whose holder was killed (kill -9) is taken over, and says so', async () => {
    const file = lockFile();
    const child = await holdInChild(file);
    expect(() => takeLock(file, 'decision')).toThrow(new LockError(`another decision (pid ${child.pid}) holds ${file}; wait for it to finish`));
    await killed(child);
    const lock = takeLock(file, 'decision');
    expect([lock.tookOverStale, fs.readFileSync(file, 'utf8')]).toEqual([true, String(process.pid)]);
    lock.release();
  }, 30_000);

  // A lock file alone was taken over when the pid in it was dead: two processes that found it so
  // both removed it and both went on, the second removing the first one's fresh lock. Whatever the
  // file says, the lock is the operating system's.
  test('a held lock is never taken over, even when the file names a dead process (as a second taker saw it)', async () => {
    const file = lockFile();
    const child = await holdInChild(file);
    try {
      fs.writeFileSync(file, '999999999');
      expect(() => takeLock(file, 'decision')).toThrow(LockError);
    } finally {
      await killed(child);
    }
  }, 30_000);

  test('an empty lock file (its holder died before writing its pid) is taken over', () => {
    const file = lockFile();
    fs.writeFileSync(file, '');
    const lock = takeLock(file, 'decision');
    expect(lock.tookOverStale).toBe(true);
    lock.release();
  });
});
