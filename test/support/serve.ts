import { spawn } from 'child_process';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';

const BIN = path.join(ROOT, 'services', 'cli', 'bin', 'cordon.js');

/**
 * `cordon serve` as a process on a free port; resolves with its address once it listens, and how to stop it (SIGTERM, or SIGKILL
 * with `kill`), with its exit code. Without its warm-up (a synthesis in the background) unless `warmUp`, and
 * without its scheduled shredding unless `shredding`.
 */
export async function serve(
  args: string[],
  env: Record<string, string> = {},
  { warmUp = false, shredding = false } = {},
): Promise<{ address: string; stop: () => Promise<number | null>; kill: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...(warmUp ? [] : ['--no-warm-up']), ...(shredding ? [] : ['--shred-every', '0']), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { address, stop: () => (child.kill('SIGTERM'), exited), kill: () => (child.kill('SIGKILL'), exited) };
}
