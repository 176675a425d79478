import { spawnSync } from 'child_process';
import * as fs from 'fs';

/** Debian's chromium binary (its /usr/bin/chromium is a shell wrapper that Playwright cannot drive). */
export const CHROMIUM = '/usr/lib/chromium/chromium';

/**
 * Debian's chromium for the browser tests: installed with apt-get when absent and running as root
 * (as CI does; .ci/run installs it too). Returns the binary, or the reason it is missing.
 */
export function findChromium(): { path: string } | { missing: string } {
  if (fs.existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (process.getuid?.() !== 0) return { missing: `${CHROMIUM} is absent and installing it needs root: apt-get install chromium` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium']]) {
    const res = spawnSync('apt-get', args, { encoding: 'utf8', env });
    if (res.status !== 0) return { missing: `\`apt-get ${args.join(' ')}\` failed: ${(res.error?.message ?? res.stderr).trim().split('\n').pop()}` };
  }
  return fs.existsSync(CHROMIUM) ? { path: CHROMIUM } : { missing: `apt-get installed chromium, but ${CHROMIUM} is absent` };
}
