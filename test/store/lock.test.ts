import * as fs from 'fs';
import * as path from 'path';
import { LockError, takeLock } from '../../services/store/lock';
import { tmpDir } from '../helpers';

const dir = tmpDir('cordon-lock-');
let n = 0;
const lockFile = () => path.join(dir, `l${++n}.lock`);

describe('takeLock', () => {
  test('a lock held by a live process is waited for, then refused naming it; released, it is free', () => {
    const file = lockFile();
    const held = takeLock(file, 'decision');
    expect(() => takeLock(file, 'decision', 100)).toThrow(new LockError(`another decision (pid ${process.pid}) holds ${file}; wait for it to finish`));
    held.release();
    const again = takeLock(file, 'decision');
    expect(again.tookOverStale).toBe(false);
    again.release();
  });

  test('a lock left by a dead process is taken over, and says so', () => {
    const file = lockFile();
    fs.writeFileSync(file, '999999999');
    const lock = takeLock(file, 'decision');
    expect([lock.tookOverStale, fs.readFileSync(file, 'utf8')]).toEqual([true, String(process.pid)]);
    lock.release();
  });

  // The file exists from its creation, its pid only once written: read in between, it is empty. Two
  // approvals started together both took the lock that way (both landed, 1 CI run in 5).
  test('a lock file just created, its holder not yet written, is held, not stale', () => {
    const file = lockFile();
    fs.writeFileSync(file, '');
    expect(() => takeLock(file, 'decision')).toThrow(LockError);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  test('a lock file left empty long ago (its holder died before writing) is taken over', () => {
    const file = lockFile();
    fs.writeFileSync(file, '');
    const long = new Date(Date.now() - 60_000);
    fs.utimesSync(file, long, long);
    const lock = takeLock(file, 'decision');
    expect(lock.tookOverStale).toBe(true);
    lock.release();
  });
});
