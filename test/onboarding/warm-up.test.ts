import * as fs from 'fs';
import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { AuditLog } from '../../services/audit/log';
import { OnboardingContext } from '../../services/onboarding/context';
import { requestOnboarding } from '../../services/onboarding/onboarding';
import { seedOf, startWarmUp, WarmUpEvent, WarmUpOptions } from '../../services/onboarding/seeds';
import { registryCopies } from '../support/registry-copy';

const registryCopy = registryCopies('cordon-warm-up-');
const contoso = { id: 'contoso', name: 'Contoso Legal', tier: 'dedicated', cloud: 'aws', region: 'us-east-1', environments: ['prod'], network: { cidr: '10.60.0.0/16' } };
const ALICE = 'alice@cordon.example';

/** The stacks a request was gated on: name -> sha256 of its template. */
const stacksOf = (reportFile: string) => Object.fromEntries(JSON.parse(fs.readFileSync(reportFile, 'utf8')).stacks.map((st: { name: string; sha256: string }) => [st.name, st.sha256]));

/** A fresh copy of the example registry, its context, and a warm-up started on it that records what it reports. */
async function warming(options: WarmUpOptions = {}) {
  const s = await registryCopy();
  const ctx = await s.context();
  const events: WarmUpEvent[] = [];
  const warmUp = startWarmUp(ctx, { ...options, onEvent: (e) => events.push(e) });
  return { s, ctx, events, warmUp };
}

/** The same request on a fresh copy with no warm-up and no seed: everything synthesized. */
async function fullSynthesis(): Promise<Record<string, string>> {
  const s = await registryCopy();
  const ctx = await s.context();
  try {
    const r = await requestOnboarding(ctx, contoso, ALICE);
    expect(AuditLog.read(s.audit).map((e) => e.reusedUnits)).toEqual([0]);
    return stacksOf(r.reportFile!);
  } finally {
    await ctx.store.close();
  }
}

const close = (ctx: OnboardingContext) => ctx.store.close();

describe("warm-up: the current registry's estate synthesized in the background, so the first request reuses its tenants' stacks", () => {
  let full: Record<string, string>;
  beforeAll(async () => {
    full = await fullSynthesis();
  }, 120_000);

  test('the warm-up records each cloud\'s output as the seed; the first request takes every unchanged tenant from it and is gated on exactly what a full synthesis gives', async () => {
    const { s, ctx, events, warmUp } = await warming();
    await warmUp.done;
    const dir = path.join(ctx.workDir, `warm-up-${process.pid}`);
    expect(events).toEqual([
      { kind: 'started', clouds: ['gcp', 'aws'], tenants: loadRegistry(s.registry).length },
      { kind: 'seeded', cloud: 'gcp', dir: path.join(dir, 'cdktf.out'), seconds: expect.any(Number) },
      { kind: 'seeded', cloud: 'aws', dir: path.join(dir, 'cdk.out'), seconds: expect.any(Number) },
    ]);
    expect(seedOf(ctx, 'aws')).toBe(path.join(dir, 'cdk.out'));
    const r = await requestOnboarding(ctx, contoso, ALICE);
    await close(ctx);
    expect(r.state).toBe('pending');
    expect(AuditLog.read(s.audit).map((e) => [e.reusedUnits, e.reusedFrom])).toEqual([[loadRegistry(s.registry).filter((t) => t.cloud === 'aws').length, path.join(dir, 'cdk.out')]]);
    expect(stacksOf(r.reportFile!)).toEqual(full);
  }, 120_000);

  test('a request that arrives during the warm-up waits for it, then reuses its output', async () => {
    const { s, ctx, events } = await warming();
    const r = await requestOnboarding(ctx, contoso, ALICE);
    await close(ctx);
    expect(r.state).toBe('pending');
    // The request was made before the warm-up had seeded anything: it waited for the AWS seed.
    expect(events.map((e) => e.kind)).toEqual(['started', 'seeded', 'seeded']);
    expect(AuditLog.read(s.audit).map((e) => e.reusedUnits)).toEqual([loadRegistry(s.registry).filter((t) => t.cloud === 'aws').length]);
    expect(stacksOf(r.reportFile!)).toEqual(full);
  }, 120_000);

  test('a request that does not wait synthesizes everything; its output stays the seed, the warm-up\'s is removed', async () => {
    const { s, ctx, events, warmUp } = await warming({ requestWaitMs: 0 });
    const r = await requestOnboarding(ctx, contoso, ALICE);
    await warmUp.done;
    await close(ctx);
    expect(r.state).toBe('pending');
    expect(AuditLog.read(s.audit).map((e) => e.reusedUnits)).toEqual([0]);
    expect(stacksOf(r.reportFile!)).toEqual(full);
    expect(events).toContainEqual({ kind: 'superseded', cloud: 'aws' });
    expect(seedOf(ctx, 'aws')).toBe(path.join(ctx.workDir, r.id, 'cdk.out'));
    expect(fs.readdirSync(path.join(ctx.workDir, `warm-up-${process.pid}`)).filter((n) => n.startsWith('cdk.out'))).toEqual([]);
  }, 120_000);

  test('cancelled mid-synthesis: no seed is recorded and nothing of its output is left', async () => {
    const { ctx, events, warmUp } = await warming();
    const dir = path.join(ctx.workDir, `warm-up-${process.pid}`);
    // Until the thread is writing its first output.
    while (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) await new Promise((r) => setTimeout(r, 10));
    await warmUp.cancel();
    await close(ctx);
    expect(events.map((e) => e.kind)).toEqual(['started', 'cancelled', 'cancelled']);
    expect(fs.readdirSync(ctx.workDir)).toEqual([]);
    expect(seedOf(ctx, 'aws')).toBeUndefined();
  }, 60_000);

  test('a seed that cannot be recorded is reported as failed and its output removed; the rest goes on', async () => {
    const s = await registryCopy();
    const ctx = await s.context();
    await close(ctx);
    // Where the AWS seed is staged before it is linked in, a folder: writing it fails.
    fs.mkdirSync(path.join(ctx.workDir, `last-estate-aws.tmp-${process.pid}`), { recursive: true });
    const events: WarmUpEvent[] = [];
    await startWarmUp(ctx, { onEvent: (e) => events.push(e) }).done;
    expect(events.map((e) => `${e.kind} ${'cloud' in e ? e.cloud : ''}`)).toEqual(['started ', 'seeded gcp', 'failed aws']);
    expect(events[2]).toMatchObject({ error: expect.stringMatching(/^cannot record the seed: .*EISDIR/) });
    expect(seedOf(ctx, 'aws')).toBeUndefined();
    expect(fs.readdirSync(path.join(ctx.workDir, `warm-up-${process.pid}`))).toEqual(expect.not.arrayContaining([expect.stringMatching(/^cdk\.out/)]));
  }, 60_000);

  test('a cloud that already has a seed is not warmed; the folder of a warm-up whose server died is removed', async () => {
    const s = await registryCopy();
    const ctx = await s.context();
    await close(ctx);
    fs.mkdirSync(ctx.workDir, { recursive: true });
    fs.writeFileSync(path.join(ctx.workDir, 'last-estate-gcp'), path.join(s.dir, 'elsewhere', 'cdktf.out'));
    // No process has this id (above the kernel's pid limit).
    const abandoned = path.join(ctx.workDir, 'warm-up-4194305');
    fs.mkdirSync(path.join(abandoned, 'cdk.out.staged-4194305'), { recursive: true });
    const events: WarmUpEvent[] = [];
    const warmUp = startWarmUp(ctx, { onEvent: (e) => events.push(e) });
    expect(fs.existsSync(abandoned)).toBe(false);
    await warmUp.done;
    expect(events).toEqual([
      { kind: 'skipped', cloud: 'gcp', seed: path.join(s.dir, 'elsewhere', 'cdktf.out') },
      { kind: 'started', clouds: ['aws'], tenants: loadRegistry(s.registry).filter((t) => t.cloud === 'aws').length },
      { kind: 'seeded', cloud: 'aws', dir: path.join(ctx.workDir, `warm-up-${process.pid}`, 'cdk.out'), seconds: expect.any(Number) },
    ]);
  }, 60_000);
});
