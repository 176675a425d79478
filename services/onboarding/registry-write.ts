import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RegistryMoved, RegistrySyncError } from './context';

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

const gitIn = (dir: string) => (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
/** What a failed git command said: its first error line (`git push` starts with `To <remote>`). */
const firstLine = (r: { stderr: string; stdout: string }) => {
  const lines = (r.stderr || r.stdout).trim().split('\n');
  return (lines.find((l) => /^\s*(!|error:|fatal:)/.test(l)) ?? lines[0]).trim();
};

/** Whether the registry is a git work tree whose branch tracks an upstream (hosts sharing one registry through a remote). */
function tracksUpstream(dir: string): boolean {
  return gitIn(dir)('rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}').status === 0;
}

/**
 * Brings a registry that tracks an upstream in line with it before a decision, so the decision is
 * validated against every decision other hosts pushed: a commit a killed decision left unpushed is
 * pushed, then the upstream's commits are merged (fast-forward only). A branch that has diverged is
 * refused, never merged: the approvals on either side were validated without the other's.
 */
export function syncRegistry(dir: string): void {
  if (!tracksUpstream(dir)) return;
  const git = gitIn(dir);
  const fetched = git('fetch', '--quiet');
  if (fetched.status !== 0) throw new RegistrySyncError(`registry ${dir}: git fetch from its upstream failed: ${firstLine(fetched)}`);
  const count = (range: string) => Number(git('rev-list', '--count', range).stdout.trim());
  const [ahead, behind] = [count('@{u}..HEAD'), count('HEAD..@{u}')];
  if (ahead > 0 && behind > 0) throw new RegistrySyncError(`registry ${dir}: its branch and its upstream have diverged (${ahead} local, ${behind} upstream commits); reconcile them by hand (git pull --rebase, then check the registry)`);
  const step = ahead > 0 ? git('push', '--quiet') : behind > 0 ? git('merge', '--ff-only', '--quiet', '@{u}') : undefined;
  if (step && step.status !== 0) throw new RegistrySyncError(`registry ${dir}: git ${ahead > 0 ? 'push' : 'merge'} with its upstream failed: ${firstLine(step)}`);
}

/**
 * Pushes a decision's commit to the registry's upstream, if it tracks one. Refused (someone pushed
 * outside cordon meanwhile), the commit is undone, its file back as it was, and RegistryMoved says so.
 */
export function publishCommit(dir: string, commit: string): void {
  if (!tracksUpstream(dir)) return;
  const git = gitIn(dir);
  const pushed = git('push', '--quiet');
  if (pushed.status === 0) return;
  if (git('rev-parse', 'HEAD').stdout.trim() === commit) git('reset', '--quiet', '--keep', 'HEAD~1');
  throw new RegistryMoved(`the registry's upstream refused the commit (${firstLine(pushed)}); it was undone, approve again`);
}

/** Removes the work tree's `index.lock` (left by a git process that was killed), if there is one. */
export function removeStaleGitIndexLock(dir: string): void {
  const res = spawnSync('git', ['rev-parse', '--git-path', 'index.lock'], { cwd: dir, encoding: 'utf8' });
  if (res.status === 0) fs.rmSync(path.resolve(dir, res.stdout.trim()), { force: true });
}
