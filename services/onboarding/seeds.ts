import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { loadRegistryCached } from '../../infra/registry/load';
import { Cloud, CLOUDS, Tenant } from '../../infra/registry/tenant';
import { OUTPUT_DIRS } from '../../infra/synth';
import { createFileAtomic, writeFileAtomic } from '../store/files';
import { alive } from '../../infra/alive';
import type { OnboardingContext } from './context';
import { firstLine } from '../../infra/first-line';

/**
 * A request's seed: the earlier output its synthesis takes unchanged tenant units from (infra/units.ts).
 * Units are keyed by content and the request's own gate judges every stack it is given again, so any
 * complete earlier output is safe; a seed only saves synthesis.
 */
type SeedContext = Pick<OnboardingContext, 'workDir' | 'registryDir'>;

/** Where the seed of a cloud is named: the last passing request's output, or the warm-up's. */
const seedFile = (ctx: Pick<OnboardingContext, 'workDir'>, cloud: Cloud) => path.join(ctx.workDir, `last-estate-${cloud}`);

/**
 * The seed of a cloud: the one named in the work folder, else, for a registry at
 * `<repository>/infra/tenants`, the repository's own `cdk.out` / `cdktf.out` (what `cordon check`
 * last synthesized).
 */
export function seedOf(ctx: SeedContext, cloud: Cloud): string | undefined {
  try {
    return fs.readFileSync(seedFile(ctx, cloud), 'utf8');
  } catch {
    const registry = path.resolve(ctx.registryDir);
    const checked = path.join(registry, '..', '..', OUTPUT_DIRS[cloud]);
    const inRepository = path.basename(registry) === 'tenants' && path.basename(path.dirname(registry)) === 'infra';
    return inRepository && fs.existsSync(checked) ? checked : undefined;
  }
}

/** A passing request's output becomes the seed of its cloud (the next request reuses its units). */
export const recordSeed = (ctx: Pick<OnboardingContext, 'workDir'>, cloud: Cloud, dir: string) => writeFileAtomic(seedFile(ctx, cloud), path.resolve(dir));

/** What a warm-up reports (a library never prints): `cordon serve` logs each. */
export type WarmUpEvent =
  /** One thread synthesizes the clouds in turn. */
  | { readonly kind: 'started'; readonly clouds: readonly Cloud[]; readonly tenants: number }
  | { readonly kind: 'skipped'; readonly cloud: Cloud; readonly seed: string }
  /** `seconds` since the warm-up started. */
  | { readonly kind: 'seeded'; readonly cloud: Cloud; readonly dir: string; readonly seconds: number }
  /** A request passed first and recorded its own output as the seed: the warm-up's is removed. */
  | { readonly kind: 'superseded'; readonly cloud: Cloud }
  | { readonly kind: 'failed'; readonly cloud?: Cloud; readonly error: string }
  | { readonly kind: 'cancelled'; readonly cloud: Cloud };

export interface WarmUpOptions {
  /**
   * How long a request of a cloud whose warm-up is under way waits for it; past that, it synthesizes
   * everything itself, as without a warm-up.
   * @default 60_000
   */
  readonly requestWaitMs?: number;
  readonly onEvent?: (event: WarmUpEvent) => void;
}

export interface WarmUp {
  /** Settles when every cloud's warm-up has ended: seeded, superseded, failed or cancelled. */
  readonly done: Promise<void>;
  /** Stops the warm-up; resolves once its thread has ended and every output it did not record as a seed is removed. */
  cancel(): Promise<void>;
}

const WARM_UP_PREFIX = 'warm-up-';

/** The warm-up of each context under way, which that context's requests wait for. */
const warmUps = new WeakMap<object, { ended: Map<Cloud, Promise<void>>; waitMs: number }>();

/**
 * Synthesizes, in a worker thread, the current registry's estate of each cloud that has tenants and
 * no seed, into `<workDir>/warm-up-<pid>/`, and records each complete output as its cloud's seed, so
 * that the first request after start-up builds only what it changes. No gate: a seed is judged again
 * by each request that takes units from it. A seed is recorded only once its output is complete, and
 * only where none exists (a request that passed first keeps its own); an output not recorded is
 * removed. The server's event loop never runs a synthesis of the warm-up: it stays free for requests.
 */
export function startWarmUp(ctx: SeedContext, options: WarmUpOptions = {}): WarmUp {
  const report = (event: WarmUpEvent) => options.onEvent?.(event);
  const nothing: WarmUp = { done: Promise.resolve(), cancel: async () => undefined };
  let clouds: Cloud[];
  let registry: readonly Tenant[];
  try {
    registry = loadRegistryCached(ctx.registryDir);
    clouds = CLOUDS.filter((cloud) => {
      if (!registry.some((t) => t.cloud === cloud)) return false;
      const seed = seedOf(ctx, cloud);
      if (seed !== undefined) report({ kind: 'skipped', cloud, seed });
      return seed === undefined;
    });
    if (clouds.length === 0) return nothing;
    fs.mkdirSync(ctx.workDir, { recursive: true });
    removeAbandoned(ctx);
  } catch (e) {
    report({ kind: 'failed', error: firstLine(e) });
    return nothing;
  }
  const root = path.join(ctx.workDir, `${WARM_UP_PREFIX}${process.pid}`);
  // Where the output a cloud's synthesis writes (staged, promoted) is named: all of it, removed unless recorded.
  const removeOutput = (cloud: Cloud) => {
    for (const name of fs.readdirSync(root).filter((n) => n === OUTPUT_DIRS[cloud] || n.startsWith(`${OUTPUT_DIRS[cloud]}.`))) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  };
  const started = Date.now();
  const pending = new Map<Cloud, () => void>();
  const ended = new Map(clouds.map((cloud) => [cloud, new Promise<void>((resolve) => pending.set(cloud, resolve))]));
  let cancelled = false;
  const end = (cloud: Cloud, event: WarmUpEvent, keep = false) => {
    const resolve = pending.get(cloud);
    if (!resolve) return;
    pending.delete(cloud);
    try {
      if (!keep) removeOutput(cloud);
    } catch (e) {
      // Left for the next warm-up of this work folder to remove (removeAbandoned); never a seed, and never the server's end.
      report({ kind: 'failed', cloud, error: `cannot remove its unrecorded output: ${firstLine(e)}` });
    }
    report(event);
    resolve();
  };
  fs.mkdirSync(root, { recursive: true });
  // Plain JavaScript, so that a thread of the compiled CLI needs nothing; under ts-node or jest it registers ts-node for the TypeScript sources.
  const worker = new Worker(path.join(__dirname, 'warm-up-worker.js'), { workerData: { registry, root, clouds, typescript: __filename.endsWith('.ts') } });
  report({ kind: 'started', clouds, tenants: registry.filter((t) => clouds.includes(t.cloud)).length });
  worker.on('message', (m: { cloud: Cloud; dir?: string; error?: string }) => {
    if (cancelled) return end(m.cloud, { kind: 'cancelled', cloud: m.cloud });
    if (m.error !== undefined) return end(m.cloud, { kind: 'failed', cloud: m.cloud, error: m.error });
    let recorded: boolean;
    try {
      recorded = createFileAtomic(seedFile(ctx, m.cloud), path.resolve(m.dir!));
    } catch (e) {
      return end(m.cloud, { kind: 'failed', cloud: m.cloud, error: `cannot record the seed: ${firstLine(e)}` });
    }
    end(m.cloud, recorded ? { kind: 'seeded', cloud: m.cloud, dir: path.resolve(m.dir!), seconds: (Date.now() - started) / 1000 } : { kind: 'superseded', cloud: m.cloud }, recorded);
  });
  // A thread that could not start, or died (out of memory): what it had not finished ends as failed.
  worker.on('error', (e) => {
    for (const cloud of [...pending.keys()]) end(cloud, cancelled ? { kind: 'cancelled', cloud } : { kind: 'failed', cloud, error: firstLine(e) });
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      for (const cloud of [...pending.keys()]) end(cloud, cancelled ? { kind: 'cancelled', cloud } : { kind: 'failed', cloud, error: 'the warm-up thread ended before this cloud' });
      try {
        fs.rmdirSync(root);
      } catch {
        // not empty: a seed is in it
      }
      resolve();
    }),
  );
  warmUps.set(ctx, { ended, waitMs: options.requestWaitMs ?? 60_000 });
  return {
    done: exited,
    async cancel() {
      cancelled = true;
      // terminate() stops the thread even inside a synthesis; its partial output is then removed on exit.
      await worker.terminate();
      await exited;
    },
  };
}

/**
 * Waits for the warm-up of the request's cloud, when one is under way for this context, at most its
 * `requestWaitMs`. The warm-up started earlier and does what the request's own full synthesis would,
 * so waiting for it costs less than synthesizing beside it (which would also double the memory of a
 * large estate and hold the server's event loop); the bound keeps a slow warm-up from holding a
 * request longer than that.
 */
export async function awaitWarmUp(ctx: object, cloud: Cloud): Promise<void> {
  const w = warmUps.get(ctx);
  const ended = w?.ended.get(cloud);
  if (!w || !ended) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, w.waitMs)))]);
  clearTimeout(timer);
}

/** Warm-up folders of servers that are gone (killed mid-warm-up) that no seed names. */
function removeAbandoned(ctx: SeedContext): void {
  const seeds = CLOUDS.map((cloud) => seedOf(ctx, cloud)).filter((s): s is string => s !== undefined);
  for (const name of fs.readdirSync(ctx.workDir)) {
    const pid = Number(name.startsWith(WARM_UP_PREFIX) ? name.slice(WARM_UP_PREFIX.length) : NaN);
    const dir = path.join(ctx.workDir, name);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid) && !seeds.some((s) => !path.relative(dir, s).startsWith('..'))) fs.rmSync(dir, { recursive: true, force: true });
  }
}
