/**
 * Whether process `pid` exists (one of another user counts): a folder named after a process that is
 * gone (a synthesis or warm-up killed mid-way) is abandoned.
 */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
