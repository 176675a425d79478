import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { loadRegistry } from '../../infra/registry/load';
import { AuditLog } from '../../services/audit/log';
import { approve } from '../../services/onboarding/decisions';
import { dueForShredding, requestOffboarding } from '../../services/onboarding/offboarding';
import { scheduleShredding, SCHEDULER, ShredRunEvent } from '../../services/onboarding/shred-schedule';
import { shredDue } from '../../services/onboarding/shredding';
import { requestOnboarding } from '../../services/onboarding/onboarding';
import { registryCopies } from '../support/registry-copy';
import { serve } from '../support/serve';
import { STORES } from '../support/stores';

const registryCopy = registryCopies('cordon-offboarding-');
const requestId = (stdout: string) => /^(req-\S+):/m.exec(stdout)![1];
const ALICE = 'alice@cordon.example';
const BOB = 'bob@cordon.example';

/** The resources of a stack the request's gated plan synthesized, by type. */
function planned(reportFile: string, stack: string): string[] {
  const dir = path.dirname(reportFile);
  const aws = path.join(dir, 'cdk.out', `${stack}.template.json`);
  const resources = fs.existsSync(aws)
    ? Object.values<{ Type: string }>(JSON.parse(fs.readFileSync(aws, 'utf8')).Resources).map((r) => r.Type)
    : Object.entries<Record<string, unknown>>(JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map(() => type));
  return [...new Set(resources)].sort();
}

/** A registry copy in which two people offboarded initech on 2026-10-01: its window ended 2026-10-31. */
async function initechOffboardedInOctober() {
  const s = await registryCopy();
  const ctx = await s.context(() => new Date('2026-10-01T09:00:00Z'));
  try {
    await approve(ctx, (await requestOffboarding(ctx, 'initech', ALICE)).id, BOB);
  } finally {
    await ctx.store.close();
  }
  return s;
}

describe('offboarding: two-person, gated, a soft-delete window, then crypto-shredding and a tombstone', () => {
  test('a pooled tenant: its compute goes and its data stays for the window; after the window its keys are shredded; the id is never reused', async () => {
    const s = await registryCopy();
    let now = new Date('2026-12-01T09:00:00Z');
    const ctx = await s.context(() => now);
    try {
      const header = fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8').split('\n').slice(0, 2);
      // Pooled and staging-only would not need a second person to onboard; an offboarding always does.
      const first = await requestOffboarding(ctx, 'initech', ALICE);
      expect(first).toMatchObject({ kind: 'offboard', tenantId: 'initech', state: 'pending', needsSecondPerson: true, entry: { status: 'offboarding' } });
      // The gated plan: initech's data stack keeps its bucket and database, and has no compute.
      const kept = planned(first.reportFile!, 'initech-prod');
      expect(kept).toEqual(expect.arrayContaining(['AWS::S3::Bucket', 'AWS::RDS::DBCluster']));
      expect(kept.filter((t) => /ECS|ElasticLoadBalancing|IAM::Role/.test(t))).toEqual([]);
      await expect(approve(ctx, first.id, ALICE)).rejects.toThrow('two-person rule: initech');

      now = new Date('2026-12-03T10:00:00Z');
      const { commit } = await approve(ctx, first.id, BOB);
      const text = fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8');
      // The record is dated by the approval, the window by the tenant's softDeleteDays (30); comments stay.
      expect(parse(text)).toMatchObject({ id: 'initech', status: 'offboarding', offboarding: { request: first.id, approvedAt: '2026-12-03', dataUntil: '2027-01-02' } });
      expect(text.split('\n').slice(0, 2)).toEqual(header);
      expect(s.git('log', '-1', '--format=%B', commit!).stdout).toMatch(new RegExp(`^Offboard tenant initech: data kept for the soft-delete window\\n\\nRequested-by: ${ALICE}\\nApproved-by: ${BOB}\\nRequest-Id: ${first.id}`));

      // Within the window, shredding needs --immediate.
      now = new Date('2027-01-02T23:00:00Z');
      expect(dueForShredding(loadRegistry(s.registry), '2027-01-02').map((t) => t.id)).toEqual([]);
      await expect(requestOffboarding(ctx, 'initech', ALICE)).rejects.toThrow('initech is offboarding: its data is kept until 2027-01-02; offboard it again after that day to shred its keys, or now with --immediate');

      now = new Date('2027-01-03T08:00:00Z');
      expect(dueForShredding(loadRegistry(s.registry), '2027-01-03').map((t) => t.id)).toEqual(['initech']);
      const second = await requestOffboarding(ctx, 'initech', ALICE);
      expect(second).toMatchObject({ state: 'pending', entry: { status: 'offboarded' } });
      // Only the keys stack is left, its keys disabled and deleted with it.
      expect(fs.existsSync(path.join(path.dirname(second.reportFile!), 'cdk.out', 'initech-prod.template.json'))).toBe(false);
      const keys = Object.values<any>(JSON.parse(fs.readFileSync(path.join(path.dirname(second.reportFile!), 'cdk.out', 'initech-prod-keys.template.json'), 'utf8')).Resources).filter((r) => r.Type === 'AWS::KMS::Key');
      expect(keys.map((k) => [k.Properties.Enabled, k.DeletionPolicy, k.Properties.PendingWindowInDays])).toEqual([[false, 'Delete', 30], [false, 'Delete', 30], [false, 'Delete', 30]]);
      await approve(ctx, second.id, BOB);
      expect(parse(fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8'))).toMatchObject({ status: 'offboarded', offboarding: { request: second.id, approvedAt: '2027-01-03', dataUntil: '2027-01-03' } });

      await expect(requestOffboarding(ctx, 'initech', ALICE)).rejects.toThrow(`initech was offboarded on 2027-01-03 (${second.id}); its id stays reserved`);
      await expect(requestOnboarding(ctx, { id: 'initech', name: 'Initech again', tier: 'pooled', cloud: 'aws', region: 'us-east-1', environments: ['staging'] }, ALICE)).rejects.toThrow('tenant "initech" is already in the registry; ids are never reused');
      await expect(requestOffboarding(ctx, 'nobody', ALICE)).rejects.toThrow('tenant: no tenant "nobody" in the registry');
      expect(AuditLog.read(s.audit).map((e) => `${e.event} ${e.by}`)).toEqual([
        `offboarding.request ${ALICE}`, `offboarding.approve ${BOB}`, `registry.write ${BOB}`,
        `offboarding.request ${ALICE}`, `offboarding.approve ${BOB}`, `registry.write ${BOB}`,
      ]);
    } finally {
      await ctx.store.close();
    }
  }, 240_000);

  test('shred-due: once the windows of approved offboardings end, their keys are shredded under those approvals, gated together; a hand-edited offboarding is refused', async () => {
    const s = await registryCopy();
    let now = new Date('2026-12-01T09:00:00Z');
    const ctx = await s.context(() => now);
    try {
      const approved: Record<string, string> = {};
      for (const id of ['initech', 'globex']) {
        const r = await requestOffboarding(ctx, id, ALICE);
        await approve(ctx, r.id, BOB);
        approved[id] = r.id;
      }
      // Offboarding by hand, with no approved request behind it.
      const hooli = path.join(s.registry, 'hooli.yaml');
      fs.appendFileSync(hooli, 'status: offboarding\noffboarding: { request: req-2026-11-01-0badf00d, approvedAt: 2026-11-01, dataUntil: 2026-11-30 }\n');
      s.git('commit', '--quiet', '-am', 'offboard hooli by hand');
      expect((await shredDue(ctx, SCHEDULER)).map((d) => [d.tenant, d.refused])).toEqual([['hooli', expect.stringContaining('its offboarding req-2026-11-01-0badf00d is not an approved request in this store; shred its keys with a second person: cordon tenant offboard hooli')]]);

      // The last day of the windows (30 days from 2026-12-01) keeps the keys; the day after shreds both.
      now = new Date('2026-12-31T23:00:00Z');
      expect((await shredDue(ctx, SCHEDULER)).map((d) => d.tenant)).toEqual(['hooli']);
      now = new Date('2027-01-01T03:00:00Z');
      const done = await shredDue(ctx, SCHEDULER);
      expect(done.map((d) => [d.tenant, d.refused, d.request?.state])).toEqual([
        ['hooli', expect.any(String), undefined],
        // Each is gated with the other shredded too: alone, each would fail on the other's overdue keys (RET-5-SHRED).
        ['globex', undefined, 'written'],
        ['initech', undefined, 'written'],
      ]);
      for (const d of done.slice(1)) {
        expect(parse(fs.readFileSync(path.join(s.registry, `${d.tenant}.yaml`), 'utf8'))).toMatchObject({ status: 'offboarded', offboarding: { request: d.request!.id, dataUntil: '2027-01-01' } });
        expect(d.request).toMatchObject({ requester: SCHEDULER, decidedBy: SCHEDULER });
        const commit = s.git('log', '--format=%B', '-1', '--', `${d.tenant}.yaml`).stdout;
        expect(commit).toContain(`Requested-by: ${SCHEDULER}\nApproved-by: ${BOB} (${approved[d.tenant]})\nRequest-Id: ${d.request!.id}`);
      }
      const approvals = AuditLog.read(s.audit).filter((e) => e.event === 'offboarding.approve' && e.by === SCHEDULER);
      expect(approvals.map((e) => [e.tenant, e.approvedUnder, e.approvedBy])).toEqual([
        ['globex', approved.globex, BOB],
        ['initech', approved.initech, BOB],
      ]);
      expect((await shredDue(ctx, SCHEDULER)).map((d) => d.tenant)).toEqual(['hooli']);
      // A standing approval covers only the shredding it was given for.
      const other = await requestOffboarding(ctx, 'wayne', SCHEDULER);
      await expect(approve(ctx, other.id, SCHEDULER, { tenant: 'initech', request: approved.initech, approver: BOB })).rejects.toThrow(`the approval of ${approved.initech} covers only the shredding of initech's keys`);
    } finally {
      await ctx.store.close();
    }
  }, 240_000);

  test('a shredding schedule runs shred-due at once and again after each interval, one run at a time, until stopped', async () => {
    const s = await initechOffboardedInOctober();
    const ctx = await s.context(() => new Date('2026-11-01T00:30:00Z'));
    try {
      const runs: ShredRunEvent[] = [];
      let ran: () => void = () => undefined;
      const schedule = scheduleShredding(ctx, { everyMs: 20, onEvent: (e) => (runs.push(e), ran()) });
      const next = () => new Promise<void>((resolve) => (ran = resolve));
      await next();
      expect(runs).toEqual([{ kind: 'ran', results: [expect.objectContaining({ tenant: 'initech', request: expect.objectContaining({ state: 'written', requester: SCHEDULER }) })] }]);
      expect(parse(fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8')).status).toBe('offboarded');
      await next();
      expect(runs[1]).toEqual({ kind: 'ran', results: [] });
      await schedule.stop();
      const count = runs.length;
      await new Promise((r) => setTimeout(r, 100));
      expect(runs.length).toBe(count);
    } finally {
      await ctx.store.close();
    }
  }, 240_000);

  test('cordon serve shreds what is due by itself: its first scheduled run, at start, shreds a tenant whose window has ended', async () => {
    const s = await initechOffboardedInOctober();
    const file = path.join(s.registry, 'initech.yaml');
    const server = await serve(s.flags, {}, { shredding: true });
    try {
      // The commit is the write's last step.
      const last = () => s.git('log', '-1', '--format=%B').stdout;
      for (let i = 0; i < 600 && !last().includes('keys shredded'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(parse(fs.readFileSync(file, 'utf8')).status).toBe('offboarded');
      expect(last()).toMatch(new RegExp(`^Offboard tenant initech: keys shredded[^\\n]*\\n\\nRequested-by: ${SCHEDULER}\\nApproved-by: ${BOB}`));
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 240_000);

  test('cordon tenant shred-due: one line per tenant, exit 1 while one cannot be shredded', async () => {
    const s = await initechOffboardedInOctober();
    const hooli = path.join(s.registry, 'hooli.yaml');
    const original = fs.readFileSync(hooli, 'utf8');
    fs.appendFileSync(hooli, 'status: offboarding\noffboarding: { request: req-2026-09-01-0badf00d, approvedAt: 2026-09-01, dataUntil: 2026-09-30 }\n');
    s.git('commit', '--quiet', '-am', 'offboard hooli by hand');
    expect((await s.tenant('list')).stdout).toContain('initech: soft-delete window ended 2026-10-31; shred its keys with cordon tenant shred-due\n');
    const first = await s.tenant('shred-due', '--as', 'cordon-scheduler');
    expect([first.code, first.stderr]).toEqual([1, '']);
    expect(first.stdout).toMatch(/^hooli: not shredded: its offboarding req-2026-09-01-0badf00d is not an approved request in this store; .*\nreq-\S+: initech -> offboarded written\n/);
    expect(parse(fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8')).status).toBe('offboarded');
    fs.writeFileSync(hooli, original);
    s.git('commit', '--quiet', '-am', 'hooli back');
    expect(await s.tenant('shred-due', '--as', 'cordon-scheduler')).toMatchObject({ code: 0, stdout: 'no offboarding tenant is past its soft-delete window\n' });
    expect((await s.tenant('shred-due', 'initech')).stderr).toContain('tenant shred-due: expected no argument, received initech');
  }, 240_000);

  test("the request gate judges on the request's clock: from the day after an offboarding tenant's window, its keys fail the gate (RET-5-SHRED) until they are shredded", async () => {
    const s = await registryCopy();
    // cyberdyne's window as `cordon tenant offboard` writes it (the example registry stretches it to 2099).
    const file = path.join(s.registry, 'cyberdyne.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('dataUntil: "2099-12-31"', 'dataUntil: "2026-12-31"'));
    s.git('commit', '--quiet', '-am', 'cyberdyne: the window offboarding wrote');
    let now = new Date('2026-12-31T23:00:00Z');
    const ctx = await s.context(() => now);
    const due = (r: { reportFile?: string | null }) => JSON.parse(fs.readFileSync(r.reportFile!, 'utf8')).findings.map((f: { rule: string; stack: string; message: string }) => `${f.rule} ${f.stack}: ${f.message}`);
    try {
      // Another GCP request gates the whole GCP estate, cyberdyne's stack with it: on the window's last day it passes.
      expect(await requestOffboarding(ctx, 'umbrella', ALICE, { immediate: true })).toMatchObject({ state: 'pending' });
      now = new Date('2027-01-01T00:30:00Z');
      const refused = await requestOffboarding(ctx, 'umbrella', ALICE, { immediate: true });
      expect(refused.state).toBe('refused');
      expect(due(refused)).toEqual(Array(3).fill('RET-5-SHRED cyberdyne-staging: the soft-delete window of tenant cyberdyne ended 2026-12-31; shred its keys: cordon tenant shred-due'));
      // Were umbrella overdue too, each shredding would be refused for the other's keys: a waiver scoped to the other tenant lets one through.
      const waived = { ...ctx, waivers: [{ rule: 'RET-5-SHRED', scope: { tenant: 'cyberdyne' }, reason: 'Shredding umbrella first; cyberdyne is shredded next.', approver: 'lead@cordon.example', expires: '2027-01-02' }] };
      const through = await requestOffboarding(waived, 'umbrella', ALICE, { immediate: true });
      expect(through.state).toBe('pending');
      expect(JSON.parse(fs.readFileSync(through.reportFile!, 'utf8')).findings.map((f: { rule: string; status: string }) => `${f.rule} ${f.status}`)).toEqual(Array(3).fill('RET-5-SHRED waived'));
      // Shredding cyberdyne's keys is what passes.
      const shred = await requestOffboarding(ctx, 'cyberdyne', ALICE);
      expect(shred).toMatchObject({ state: 'pending', entry: { status: 'offboarded', offboarding: { dataUntil: '2027-01-01' } } });
      expect(due(shred)).toEqual([]);
    } finally {
      await ctx.store.close();
    }
  }, 240_000);

  test('a tenant whose retention is zero has no window: its keys are shredded at the approval', async () => {
    const s = await registryCopy();
    const ctx = await s.context(() => new Date('2026-12-05T12:00:00Z'));
    try {
      const r = await requestOffboarding(ctx, 'wayne', ALICE);
      expect(r.entry).toMatchObject({ status: 'offboarded', offboarding: { approvedAt: '2026-12-05', dataUntil: '2026-12-05' } });
    } finally {
      await ctx.store.close();
    }
  }, 120_000);

  test.each(STORES)('an approval after another one moved the tenant on is refused and recorded so (%s)', async (kind) => {
    const s = await registryCopy(kind);
    const ctx = await s.context(() => new Date('2026-12-05T12:00:00Z'));
    try {
      const soft = await requestOffboarding(ctx, 'initech', ALICE);
      const hard = await requestOffboarding(ctx, 'initech', ALICE, { immediate: true });
      await approve(ctx, hard.id, BOB);
      await expect(approve(ctx, soft.id, BOB)).rejects.toThrow(`${soft.id}: the registry changed since the request: initech is offboarded now`);
      expect(await ctx.store.get(soft.id)).toMatchObject({ state: 'refused', reason: 'the registry changed since the request: initech is offboarded now' });
      expect(parse(fs.readFileSync(path.join(s.registry, 'initech.yaml'), 'utf8')).offboarding.request).toBe(hard.id);
    } finally {
      await ctx.store.close();
    }
  }, 180_000);

  test('cordon tenant offboard --immediate: a dedicated GCP tenant keeps only a key ring whose keys are destroyed', async () => {
    const s = await registryCopy();
    const asked = await s.tenant('offboard', 'umbrella', '--immediate', '--as', ALICE);
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    const id = requestId(asked.stdout);
    expect(asked.stdout).toContain(`${id}: umbrella -> offboarded pending\n  needs an approver other than ${ALICE} by `);
    const shown = JSON.parse((await s.tenant('show', id)).stdout);
    // No crypto keys are left in the ring: Terraform destroys their versions (RET-5-GCP); nothing else remains.
    expect(planned(shown.reportFile, 'umbrella-prod')).toEqual(['google_kms_key_ring']);
    const ok = await s.tenant('approve', id, '--as', BOB);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(parse(fs.readFileSync(path.join(s.registry, 'umbrella.yaml'), 'utf8'))).toMatchObject({ status: 'offboarded', offboarding: { request: id } });
    expect((await s.tenant('list')).stdout).toMatch(new RegExp(`^${id}  offboard umbrella +written +requested by ${ALICE}, decided by ${BOB}\\n`));
    const again = await s.tenant('offboard', 'umbrella', '--as', ALICE);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refused: umbrella was offboarded on');
    const missing = await s.tenant('offboard', 'Bad_Id');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('cordon tenant: error: tenant: expected a tenant id matching /^[a-z][a-z0-9-]{2,20}$/, received "Bad_Id"');
  }, 180_000);
});
