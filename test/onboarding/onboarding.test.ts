import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { loadRegistry } from '../../infra/registry/load';
import { synthEstate } from '../../infra/synth';
import { AuditLog } from '../../services/audit/log';
import { loadPolicyBundle } from '../../services/gate/policy';
import { approve } from '../../services/onboarding/decisions';
import { requestOnboarding } from '../../services/onboarding/onboarding';
import { RequestStore } from '../../services/store/requests';
import { ROOT } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';
import { bootstrap, startLocalAws, useEnv } from '../support/moto';
import { registryCopies } from '../support/registry-copy';
import { STORES } from '../support/stores';
import { strictBundle } from '../support/strict-bundle';

const BIN = path.join(ROOT, 'services', 'cli', 'bin', 'cordon.js');
const registryCopy = registryCopies('cordon-onboarding-');
const seeds = tmpDir('cordon-onboarding-seed-');

const contoso = { id: 'contoso', name: 'Contoso Legal', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod'], network: { cidr: '10.60.0.0/16' } };
const GLOBEX_CIDR = (parse(fs.readFileSync(path.join(ROOT, 'infra', 'tenants', 'globex.yaml'), 'utf8')) as { network: { cidr: string } }).network.cidr;
const requestId = (stdout: string) => /^(req-\S+):/m.exec(stdout)![1];

describe('cordon tenant: onboarding with a gated plan, two-person approval and an atomic registry write', () => {
  test('a dedicated tenant: requested and gated, refused to its own requester, approved by a second person, committed with trailers, all in the audit log', async () => {
    const s = await registryCopy();
    const asked = await s.tenant('request', s.entryFile('contoso', contoso), '--as', 'alice@cordon.example');
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    const id = requestId(asked.stdout);
    expect(asked.stdout).toContain(`${id}: contoso pending\n  needs an approver other than alice@cordon.example by `);
    const shown = JSON.parse((await s.tenant('show', id)).stdout);
    expect(shown).toMatchObject({ state: 'pending', requester: 'alice@cordon.example', needsSecondPerson: true });
    // The gated plan is kept with the request: the would-be AWS estate, contoso's stacks in it, passed.
    const report = JSON.parse(fs.readFileSync(shown.reportFile, 'utf8'));
    expect(report.summary.passed).toBe(true);
    expect(report.stacks.map((st: { name: string }) => st.name)).toEqual(expect.arrayContaining(['contoso-prod', 'contoso-prod-keys', 'contoso-prod-edge']));
    expect(fs.existsSync(path.join(s.registry, 'contoso.yaml'))).toBe(false);

    const self = await s.tenant('approve', id, '--as', 'alice@cordon.example');
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('refused: two-person rule: contoso');
    expect(fs.existsSync(path.join(s.registry, 'contoso.yaml'))).toBe(false);

    const ok = await s.tenant('approve', id, '--as', 'bob@cordon.example');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(parse(fs.readFileSync(path.join(s.registry, 'contoso.yaml'), 'utf8'))).toEqual(contoso);
    const message = s.git('log', '-1', '--format=%B').stdout;
    expect(message).toContain('Onboard tenant contoso');
    expect(message).toMatch(new RegExp(`Requested-by: alice@cordon.example\\nApproved-by: bob@cordon.example\\nRequest-Id: ${id}`));
    expect(s.git('status', '--porcelain').stdout).toBe('');
    expect(JSON.parse((await s.tenant('show', id)).stdout)).toMatchObject({ state: 'written', decidedBy: 'bob@cordon.example' });
    // A decided request cannot be decided again.
    expect((await s.tenant('reject', id, '--reason', 'changed my mind entirely', '--as', 'carol@cordon.example')).code).toBe(1);

    expect(AuditLog.read(s.audit).map((e) => `${e.event} ${e.by}`)).toEqual(['onboarding.request alice@cordon.example', 'onboarding.approve bob@cordon.example', 'registry.write bob@cordon.example']);
  }, 180_000);

  test("a later request builds only its tenant's stacks, takes the others from the last passing request's output, and is gated on exactly what a full synthesis gives", async () => {
    const fabrikam = { id: 'fabrikam', name: 'Fabrikam', tier: 'pooled', cloud: 'aws', region: 'us-east-1', environments: ['prod'], llm: { subprocessors: ['openai'] } };
    const stacksOf = async (s: Awaited<ReturnType<typeof registryCopy>>, id: string) =>
      Object.fromEntries(JSON.parse(fs.readFileSync(JSON.parse((await s.tenant('show', id)).stdout).reportFile, 'utf8')).stacks.map((st: { name: string; sha256: string }) => [st.name, st.sha256]));
    const s = await registryCopy();
    const first = requestId((await s.tenant('request', s.entryFile('contoso', contoso), '--as', 'alice@cordon.example')).stdout);
    const second = requestId((await s.tenant('request', s.entryFile('fabrikam', fabrikam), '--as', 'alice@cordon.example')).stdout);
    const awsTenants = loadRegistry(s.registry).filter((t) => t.cloud === 'aws').length;
    expect(AuditLog.read(s.audit).map((e) => [e.reusedUnits, e.reusedFrom])).toEqual([
      [0, undefined],
      [awsTenants, expect.stringMatching(new RegExp(`/${first}/cdk\\.out$`))],
    ]);
    const reused = await stacksOf(s, second);
    expect(Object.keys(reused)).toEqual(expect.arrayContaining(['fabrikam-prod', 'wayne-prod']));
    expect(Object.keys(reused).some((n) => n.startsWith('contoso'))).toBe(false);
    // The same request on a fresh copy synthesizes everything: the same stacks, byte for byte.
    const fresh = await registryCopy();
    expect(await stacksOf(fresh, requestId((await fresh.tenant('request', fresh.entryFile('fabrikam', fabrikam), '--as', 'alice@cordon.example')).stdout))).toEqual(reused);
  }, 180_000);

  test("the first request of a registry at <repository>/infra/tenants takes the unchanged tenants' stacks from the repository's cdk.out", async () => {
    const repository = path.join(seeds, 'repository');
    const registryDir = path.join(repository, 'infra', 'tenants');
    fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registryDir, { recursive: true });
    synthEstate(loadRegistry(registryDir), repository);
    const store = await RequestStore.open(path.join(repository, 'db'));
    const auditLog = path.join(repository, 'audit.jsonl');
    const r = await requestOnboarding({ registryDir, workDir: path.join(repository, 'requests'), store, auditLog, bundle: loadPolicyBundle() }, contoso, 'alice@cordon.example');
    await store.close();
    expect(r.state).toBe('pending');
    expect(AuditLog.read(auditLog).map((e) => [e.reusedUnits, e.reusedFrom])).toEqual([[loadRegistry(registryDir).filter((t) => t.cloud === 'aws').length, path.join(repository, 'cdk.out')]]);
  }, 120_000);

  test('every registry error at once, naming the registry\'s files, and nothing stored', async () => {
    const s = await registryCopy();
    // phi needs a BAA and the enterprise tier: both said at once.
    const res = await s.tenant('request', s.entryFile('bad', { ...contoso, phi: true }), '--as', 'alice@cordon.example');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('tenant registry has 2 errors:');
    expect(res.stderr).toContain(`${path.relative(process.cwd(), s.registry)}/contoso.yaml: baa: expected true when phi is true`);
    expect(res.stderr).toContain(`${path.relative(process.cwd(), s.registry)}/contoso.yaml: tier: expected enterprise when phi is true`);
    expect(res.stderr).not.toContain('cordon-would-be');
    // A network overlapping an existing tenant's, checked against the registry as it would be.
    const overlap = await s.tenant('request', s.entryFile('overlap', { ...contoso, network: { cidr: GLOBEX_CIDR } }), '--as', 'alice@cordon.example');
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/globex\.yaml: network\.cidr: .*overlaps 10\.20\.0\.0\/16 of tenant "contoso" \(.*tenants\/contoso\.yaml\)/);
    expect(overlap.stderr).not.toContain('cordon-would-be');
    expect((await s.tenant('list')).stdout).toBe('');
    expect(fs.existsSync(s.audit)).toBe(false);
  }, 60_000);

  test('a request whose gate fails is refused with its report and never reaches an approver', async () => {
    const s = await registryCopy();
    const strict = strictBundle();
    const res = await s.tenant('request', s.entryFile('contoso', contoso), '--as', 'alice@cordon.example', '--bundle', strict.bundle, '--policies', strict.policies);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/contoso refused \(\d+ finding\(s\) fail the gate\)/);
    const approve = await s.tenant('approve', requestId(res.stdout), '--as', 'bob@cordon.example');
    expect(approve.code).toBe(1);
    expect(approve.stderr).toContain('is refused');
    expect(fs.existsSync(path.join(s.registry, 'contoso.yaml'))).toBe(false);
  }, 120_000);

  test.each(STORES)('two approvals whose networks overlap, at the same moment from two processes: exactly one lands (%s)', async (kind) => {
    const s = await registryCopy(kind);
    const a = requestId((await s.tenant('request', s.entryFile('a', { ...contoso, id: 'alpha-law' }), '--as', 'alice@cordon.example')).stdout);
    const b = requestId((await s.tenant('request', s.entryFile('b', { ...contoso, id: 'beta-law', network: { cidr: '10.60.128.0/17' } }), '--as', 'alice@cordon.example')).stdout);
    const run = (id: string) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'tenant', 'approve', id, '--as', 'bob@cordon.example', ...s.flags], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
      });
    const results = await Promise.all([run(a), run(b)]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(results.find((r) => r.code === 1)!.stderr).toMatch(/refused: .*the registry changed since the request: .*overlap/);
    expect(['alpha-law', 'beta-law'].filter((t) => fs.existsSync(path.join(s.registry, `${t}.yaml`)))).toHaveLength(1);
  }, 180_000);

  test('a rejection records who and why; a reason is required', async () => {
    const s = await registryCopy();
    const id = requestId((await s.tenant('request', s.entryFile('contoso', contoso), '--as', 'alice@cordon.example')).stdout);
    const short = await s.tenant('reject', id, '--reason', 'no', '--as', 'bob@cordon.example');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--reason: expected at least 10 characters saying why, received "no"');
    const res = await s.tenant('reject', id, '--reason', 'No signed order form on file yet.', '--as', 'bob@cordon.example');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('contoso rejected (No signed order form on file yet.)');
    expect(AuditLog.read(s.audit).at(-1)).toMatchObject({ event: 'onboarding.reject', by: 'bob@cordon.example', reason: 'No signed order form on file yet.' });
  }, 120_000);

  test.each(STORES)('a request nobody decided within 7 days expires and cannot be approved (%s)', async (kind) => {
    const s = await registryCopy(kind);
    let now = new Date('2026-12-01T00:00:00Z');
    const ctx = await s.context(() => now);
    const store = ctx.store;
    try {
      const r = await requestOnboarding(ctx, contoso, 'alice@cordon.example');
      expect(r.expiresAt).toBe('2026-12-08T00:00:00.000Z');
      now = new Date('2026-12-08T00:00:01Z');
      await expect(approve(ctx, r.id, 'bob@cordon.example')).rejects.toThrow(`${r.id} expired at 2026-12-08T00:00:00.000Z`);
      expect(await store.get(r.id)).toMatchObject({ state: 'expired', decidedBy: 'cordon' });
      expect(fs.existsSync(path.join(s.registry, 'contoso.yaml'))).toBe(false);
    } finally {
      await store.close();
    }
  }, 120_000);

  test('approve --deploy: the approved dedicated tenant is deployed through the gated deploy to a local AWS API', async () => {
    const s = await registryCopy();
    const aws = await startLocalAws('111111111111');
    const restore = useEnv(aws.env);
    try {
      await bootstrap(aws);
      const id = requestId((await s.tenant('request', s.entryFile('contoso', contoso), '--as', 'alice@cordon.example')).stdout);
      const res = await s.tenant('approve', id, '--as', 'bob@cordon.example', '--deploy', '--yes', '--out', s.dir);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`${id}: contoso deployed`);
      const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
      const stacks = ((await new CloudFormationClient({}).send(new DescribeStacksCommand({}))).Stacks ?? []).map((st) => st.StackName).sort();
      // The region's platform stack (RDS monitoring role and RDSOSMetrics) and its keys come first: the tenant's database needs them.
      expect(stacks).toEqual(['CDKToolkit', 'contoso-prod', 'contoso-prod-edge', 'contoso-prod-keys', 'cordon-keys-prod', 'cordon-platform-prod-us-east-1']);
      const events = AuditLog.read(s.audit).map((e) => e.event);
      expect(events).toEqual(['onboarding.request', 'onboarding.approve', 'registry.write', 'deploy.start', ...Array(5).fill('deploy.stack'), 'deploy.end', 'onboarding.deployed']);
    } finally {
      restore();
      await aws.stop();
    }
  }, 240_000);

  test('kill -9 of an approval at random moments (10 trials): the registry file is absent or complete, the store consistent, the request resumable', async () => {
    const s = await registryCopy();
    const outcomes: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const entry = { ...contoso, id: `kill-${trial}`, network: { cidr: `10.${70 + trial}.0.0/16` } };
      const id = requestId((await s.tenant('request', s.entryFile(`k${trial}`, entry), '--as', 'alice@cordon.example')).stdout);
      const child = spawn(process.execPath, [BIN, 'tenant', 'approve', id, '--as', 'bob@cordon.example', ...s.flags], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      // Process start-up here is ~1.5-2.5 s; the write and commit happen near its end.
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
      child.kill('SIGKILL');
      await exited;
      const file = path.join(s.registry, `kill-${trial}.yaml`);
      const written = fs.existsSync(file);
      if (written) expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(entry);
      const state = JSON.parse((await s.tenant('show', id)).stdout).state;
      expect(['pending', 'written']).toContain(state);
      outcomes.push(`${written ? 'file' : 'no file'}/${state}`);
      if (state === 'pending') expect((await s.tenant('approve', id, '--as', 'bob@cordon.example')).code).toBe(0);
      expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(entry);
      expect(s.git('log', '--format=%H', '--fixed-strings', `--grep=Request-Id: ${id}`).stdout.trim().split('\n')).toHaveLength(1);
      expect(s.git('status', '--porcelain', '--', `kill-${trial}.yaml`).stdout).toBe('');
    }
    expect(AuditLog.read(s.audit).filter((e) => e.event === 'registry.write')).toHaveLength(10);
    // Which moments the kills hit, for the log of this run.
    console.log(`kill -9 trials: ${outcomes.join(', ')}`);
  }, 300_000);

  test('an approval killed just before or just after the request moves on leaves every audit entry once, and is completed by approving again', async () => {
    const s = await registryCopy();
    const ctx = await s.context();
    try {
      // The store's move to written dies once, before or after it happens, as a kill at that moment would.
      const transition = ctx.store.transition.bind(ctx.store);
      const killOnce = (after: boolean) => {
        let armed = true;
        ctx.store.transition = async (...args: Parameters<typeof transition>) => {
          if (!armed || args[2].state !== 'written') return transition(...args);
          armed = false;
          if (after) await transition(...args);
          throw new Error('killed');
        };
      };
      for (const [i, after] of [false, true].entries()) {
        const request = await requestOnboarding(ctx, { ...contoso, id: `killed-${i}`, network: { cidr: `10.${90 + i}.0.0/16` } }, 'alice@cordon.example');
        killOnce(after);
        await expect(approve(ctx, request.id, 'bob@cordon.example')).rejects.toThrow('killed');
        if (!after) {
          expect((await ctx.store.get(request.id))!.state).toBe('pending');
          await approve(ctx, request.id, 'bob@cordon.example');
        }
        expect((await ctx.store.get(request.id))!.state).toBe('written');
        const mine = AuditLog.read(s.audit).filter((e) => e.request === request.id).map((e) => e.event);
        expect(mine).toEqual(['onboarding.request', 'onboarding.approve', 'registry.write']);
      }
    } finally {
      await ctx.store.close();
    }
  });

  test('usage errors are one line, exit 2', async () => {
    const s = await registryCopy();
    for (const [args, message] of [
      [['promote'], 'unknown tenant command "promote"; expected request | approve | reject | offboard | shred-due | show | list | schema'],
      [['approve'], 'tenant approve: expected REQUEST, received nothing'],
      [['show', 'req-nope'], 'no request "req-nope"'],
      [['request', path.join(s.dir, 'missing.yaml')], 'missing.yaml: no such file'],
    ] as const) {
      const res = await s.tenant(...args);
      expect(res.stderr).toContain(message);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.code).toBe(2);
    }
  });
});
