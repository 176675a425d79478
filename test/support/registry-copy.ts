import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OnboardingContext } from '../../services/onboarding/context';
import { loadPolicyBundle } from '../../services/gate/policy';
import { RequestStore } from '../../services/store/requests';
import { ROOT } from '../../services/toolchain/paths';
import { cordonAsync, tmpDir } from '../helpers';
import { newStoreLocation, StoreKind } from './stores';

/**
 * Copies of the example registry, each in its own git work tree, with a request store and an audit
 * log beside it: `tenant(...)` runs `cordon tenant` on it, `context(now)` opens the library's context.
 * The store is a SQLite file beside it, or a fresh PostgreSQL database. Call at file level (the
 * folder is removed after the file).
 */
export function registryCopies(prefix: string) {
  const work = tmpDir(prefix);
  let n = 0;
  return async (store: StoreKind = 'sqlite') => {
    const dir = path.join(work, `t${++n}`);
    const registry = path.join(dir, 'tenants');
    fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registry, { recursive: true });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: registry, encoding: 'utf8' });
    git('init', '--quiet');
    git('-c', 'user.name=seed', '-c', 'user.email=seed@cordon.example', 'commit', '--quiet', '--allow-empty', '-m', 'seed');
    git('add', '.');
    git('-c', 'user.name=seed', '-c', 'user.email=seed@cordon.example', 'commit', '--quiet', '-m', 'registry');
    git('config', 'user.name', 'cordon');
    git('config', 'user.email', 'cordon@cordon.example');
    const audit = path.join(dir, 'audit.jsonl');
    const database = await newStoreLocation(store, dir);
    const flags = ['--registry', registry, '--database', database, '--audit-log', audit];
    const tenant = (...args: string[]) => cordonAsync(['tenant', ...args, ...flags]);
    const entryFile = (name: string, entry: Record<string, unknown>) => {
      const file = path.join(dir, `${name}.yaml`);
      fs.writeFileSync(file, JSON.stringify(entry));
      return file;
    };
    /** The library's context on this copy, at the time `now()` says; close its store when done. */
    const context = async (now?: () => Date): Promise<OnboardingContext> => ({ registryDir: registry, workDir: path.join(dir, 'requests'), store: await RequestStore.open(database), auditLog: audit, bundle: loadPolicyBundle(), now });
    return { dir, registry, git, flags, tenant, entryFile, audit, context };
  };
}
