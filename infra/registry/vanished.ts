import { spawnSync } from 'child_process';
import * as path from 'path';
import { RegistryIssue } from './issues';

const TENANT_FILE = /^[^/]+\.ya?ml$/;

/**
 * Tenant files the registry's git history (or its last commit) had that are gone from the folder. A
 * tenant leaves only by offboarding, which keeps its file as a tombstone (status offboarded): a
 * deleted file would orphan the tenant's keys and data unseen and free its id for reuse. Outside a
 * git work tree there is no history to compare, and nothing is reported; a shallow clone sees only
 * the deletions in the history it has.
 */
export function vanishedTenantIssues(dir: string, present: ReadonlySet<string>, rel: (file: string) => string): RegistryIssue[] {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (git('rev-parse', '--is-inside-work-tree').stdout?.trim() !== 'true') return [];
  /** File name → how it went and how to get it back. */
  const gone = new Map<string, { how: string; restore: string }>();
  // Deleted (or renamed away) in a commit: `@<hash>` lines, each followed by that commit's files, newest first.
  let commit = '';
  for (const line of git('log', '--relative', '--no-renames', '--diff-filter=D', '--name-only', '--format=@%h', '--', '.').stdout.split('\n')) {
    if (line.startsWith('@')) commit = line.slice(1);
    else if (TENANT_FILE.test(line) && !gone.has(line)) gone.set(line, { how: `deleted in commit ${commit}`, restore: `git checkout ${commit}^ -- ${line}` });
  }
  // Deleted in the work tree, not yet committed.
  for (const line of git('ls-files', '--deleted', '--', '.').stdout.split('\n')) {
    if (TENANT_FILE.test(line)) gone.set(line, { how: 'deleted in the work tree', restore: `git checkout -- ${line}` });
  }
  return [...gone]
    .filter(([name]) => !present.has(name.replace(/\.ya?ml$/, '')))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { how, restore }]) => ({
      file: rel(path.join(dir, name)),
      path: '',
      expected: 'the tenant file kept until the tenant is offboarded (`cordon tenant offboard` leaves it as a tombstone, status offboarded)',
      received: `no file: ${how}, with no offboarding record, which orphans the tenant's keys and data; restore it (${restore}) and offboard the tenant`,
    }));
}
