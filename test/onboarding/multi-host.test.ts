import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicyBundle } from '../../services/gate/policy';
import { OnboardingContext, RegistrySyncError } from '../../services/onboarding/context';
import { approve } from '../../services/onboarding/decisions';
import { requestOnboarding } from '../../services/onboarding/onboarding';
import { RequestStore } from '../../services/store/requests';
import { ROOT } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';
import { freshDatabase } from '../support/postgres';

const work = tmpDir('cordon-multi-host-');
const ALICE = 'alice@cordon.example';
const BOB = 'bob@cordon.example';
const contoso = { id: 'contoso', name: 'Contoso Legal', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod'], network: { cidr: '10.60.0.0/16' } };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=seed', '-c', 'user.email=seed@cordon.example', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * A registry shared by several hosts the way a team runs it: a bare repository holding the example
 * tenants, a clone of it per host (each host approves into its own and pushes), and one PostgreSQL
 * store every host opens.
 */
async function hosts(names: readonly string[]): Promise<{ origin: string; contexts: OnboardingContext[]; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(work, 't'));
  const seed = path.join(dir, 'seed');
  fs.cpSync(path.join(ROOT, 'infra', 'tenants'), seed, { recursive: true });
  git(seed, 'init', '--quiet', '-b', 'main');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'registry');
  const origin = path.join(dir, 'origin.git');
  git(dir, 'clone', '--quiet', '--bare', seed, origin);
  const database = await freshDatabase();
  const bundle = loadPolicyBundle();
  const contexts: OnboardingContext[] = [];
  for (const host of names) {
    const registryDir = path.join(dir, host, 'tenants');
    git(dir, 'clone', '--quiet', origin, registryDir);
    git(registryDir, 'config', 'user.name', `cordon on ${host}`);
    git(registryDir, 'config', 'user.email', `${host}@cordon.example`);
    contexts.push({ registryDir, workDir: path.join(dir, host, 'requests'), store: await RequestStore.open(database), auditLog: path.join(dir, host, 'audit.jsonl'), bundle });
  }
  return { origin, contexts, close: async () => void (await Promise.all(contexts.map((c) => c.store.close()))) };
}

describe('approvals from several hosts into one registry (a clone per host, one PostgreSQL store)', () => {
  test('two hosts approve overlapping networks at the same moment: exactly one lands upstream, and the next decision on the other host builds on it', async () => {
    const { origin, contexts: [a, b], close } = await hosts(['a', 'b']);
    try {
      // Each request is valid against its host's registry: neither host has the other's tenant yet.
      const alpha = await requestOnboarding(a, { ...contoso, id: 'alpha-law' }, ALICE);
      const beta = await requestOnboarding(b, { ...contoso, id: 'beta-law', network: { cidr: '10.60.128.0/17' } }, ALICE);
      expect([alpha.state, beta.state]).toEqual(['pending', 'pending']);
      const results = await Promise.allSettled([approve(a, alpha.id, BOB), approve(b, beta.id, BOB)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/the registry changed since the request: .*overlaps/);
      const landed = ['alpha-law', 'beta-law'].filter((t) => git(origin, 'ls-tree', '--name-only', 'main').split('\n').includes(`${t}.yaml`));
      expect(landed).toHaveLength(1);

      // The other host's next decision first takes what was pushed, then pushes on top of it.
      const gamma = await requestOnboarding(b, { ...contoso, id: 'gamma-law', network: { cidr: '10.61.0.0/16' } }, ALICE);
      await approve(b, gamma.id, BOB);
      expect(git(origin, 'log', '--format=%s', '-2', 'main').split('\n')).toEqual(['Onboard tenant gamma-law', `Onboard tenant ${landed[0]}`]);
    } finally {
      await close();
    }
  }, 240_000);

  test('a push the upstream refuses undoes the commit: the file is back as it was, nothing is recorded, the request stays pending', async () => {
    const { origin, contexts: [a], close } = await hosts(['a']);
    try {
      const request = await requestOnboarding(a, contoso, ALICE);
      const hook = path.join(a.registryDir, '.git', 'hooks', 'pre-push');
      fs.writeFileSync(hook, '#!/bin/sh\necho "error: refused by the test" >&2\nexit 1\n', { mode: 0o755 });
      await expect(approve(a, request.id, BOB)).rejects.toThrow(`${request.id}: the registry's upstream refused the commit (error: refused by the test); it was undone, approve again`);
      expect(fs.existsSync(path.join(a.registryDir, 'contoso.yaml'))).toBe(false);
      expect(git(a.registryDir, 'status', '--porcelain')).toBe('');
      expect(git(a.registryDir, 'rev-parse', 'HEAD')).toBe(git(origin, 'rev-parse', 'main'));
      expect((await a.store.get(request.id))!.state).toBe('pending');
      expect(fs.existsSync(a.auditLog) ? fs.readFileSync(a.auditLog, 'utf8') : '').not.toContain('onboarding.approve');
      fs.rmSync(hook);
      await approve(a, request.id, BOB);
      expect(git(origin, 'log', '--format=%s', '-1', 'main')).toBe('Onboard tenant contoso');
    } finally {
      await close();
    }
  }, 240_000);

  test('a clone that diverged from its upstream is refused before anything is decided; the request stays pending', async () => {
    const { origin, contexts: [a, b], close } = await hosts(['a', 'b']);
    try {
      const request = await requestOnboarding(b, contoso, ALICE);
      // A commit pushed upstream by another host, and one made on b by hand and never pushed.
      const other = await requestOnboarding(a, { ...contoso, id: 'delta-law', network: { cidr: '10.62.0.0/16' } }, ALICE);
      await approve(a, other.id, BOB);
      fs.appendFileSync(path.join(b.registryDir, 'globex.yaml'), '# edited by hand\n');
      git(b.registryDir, 'commit', '--quiet', '-am', 'by hand');
      await expect(approve(b, request.id, BOB)).rejects.toThrow(RegistrySyncError);
      await expect(approve(b, request.id, BOB)).rejects.toThrow('its branch and its upstream have diverged (1 local, 1 upstream commits)');
      expect((await b.store.get(request.id))!.state).toBe('pending');
      expect(git(origin, 'log', '--format=%s', '-1', 'main')).toBe('Onboard tenant delta-law');
    } finally {
      await close();
    }
  }, 240_000);
});
