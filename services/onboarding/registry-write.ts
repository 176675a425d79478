import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `file` so that it is either absent/old or complete, never partial: a temporary file
 * beside it, fsynced, renamed over it, and the folder fsynced so the rename itself survives a crash.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/**
 * When `file` is in a git work tree, commits it alone (other staged changes stay staged) with
 * `trailers` at the end of the message; returns the commit, or null outside a work tree.
 */
export function commitFile(file: string, subject: string, trailers: Record<string, string>): string | null {
  const cwd = path.dirname(file);
  const git = (...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (git('rev-parse', '--is-inside-work-tree').stdout?.trim() !== 'true') return null;
  const body = Object.entries(trailers).map(([k, v]) => `${k}: ${v}`).join('\n');
  for (const args of [['add', '--', file], ['commit', '--quiet', '-m', subject, '-m', body, '--', file]]) {
    const res = git(...args);
    if (res.status !== 0) throw new Error(`git ${args[0]} of ${file} failed: ${(res.stderr || res.stdout).trim().split('\n')[0]}`);
  }
  return git('rev-parse', 'HEAD').stdout.trim();
}
