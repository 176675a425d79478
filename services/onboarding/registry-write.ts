import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * When `file` is in a git work tree, commits it alone (other staged changes stay staged) with
 * `trailers` at the end of the message; returns the commit, or null outside a work tree. When the
 * file is already committed as it is (a retry after a crash), returns the commit that carries the
 * same trailers, if any, and commits nothing.
 */
export function commitFile(file: string, subject: string, trailers: Record<string, string>): string | null {
  const cwd = path.dirname(file);
  const git = (...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (git('rev-parse', '--is-inside-work-tree').stdout?.trim() !== 'true') return null;
  if (git('ls-files', '--error-unmatch', '--', file).status === 0 && git('status', '--porcelain', '--', file).stdout.trim() === '') {
    const [key, value] = Object.entries(trailers).at(-1)!;
    return git('log', '-1', '--format=%H', '--fixed-strings', `--grep=${key}: ${value}`).stdout.trim() || null;
  }
  const body = Object.entries(trailers).map(([k, v]) => `${k}: ${v}`).join('\n');
  for (const args of [['add', '--', file], ['commit', '--quiet', '-m', subject, '-m', body, '--', file]]) {
    const res = git(...args);
    if (res.status !== 0) throw new Error(`git ${args[0]} of ${file} failed: ${(res.stderr || res.stdout).trim().split('\n')[0]}`);
  }
  return git('rev-parse', 'HEAD').stdout.trim();
}

/** Removes the work tree's `index.lock` (left by a git process that was killed), if there is one. */
export function removeStaleGitIndexLock(dir: string): void {
  const res = spawnSync('git', ['rev-parse', '--git-path', 'index.lock'], { cwd: dir, encoding: 'utf8' });
  if (res.status === 0) fs.rmSync(path.resolve(dir, res.stdout.trim()), { force: true });
}
