// The WebAssembly global's types (webassembly.d.ts) are referenced where they are used, so that
// this file compiles in a program of its imports alone (the Pulumi CLI type-checks plugins/pulumi so).
/// <reference path="./webassembly.d.ts" />
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { BATCH_ENTRYPOINT, BundleManifest, estateEntrypoint } from '../toolchain/build-bundle';
import { RuleMeta } from '../toolchain/catalog';
import { BUNDLE_DIR, POLICIES_DIR } from '../toolchain/paths';
import { sha256, sourcesDigest } from '../toolchain/policy-sources';
import { joined } from './jobs';
import { GateError, LoadedStack } from './model';
import { evaluatePieces, heapTop } from './evaluate-pieces';
import { collectGarbage, EvaluationPool, evaluateJobs, lengthOf, Outcome, sharedConstant } from './pool';

/** Stack documents whose findings a bundle keeps (reuseStackResults): a few estates of 1,000 tenants. */
const MAX_KEPT_STACK_RESULTS = 50_000;

/** A stack document's identity: the sha256 of its bytes, whatever pieces they come in. */
function documentKey(input: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const piece of input) hash.update(piece);
  return hash.digest('hex');
}

/** What a rule's deny set yields; the rest of a finding comes from the rule's METADATA. */
export interface RawFinding {
  readonly rule: string;
  readonly resource: string;
  readonly path: string;
  readonly message: string;
  /** Set by estate rules: the stack the finding is about. */
  readonly stack?: string;
  /** The demanded value is only known at deploy time. */
  readonly unverifiable?: boolean;
}

/** One evaluation of the bundle: a stack document, or the estate document of one estate rule. */
export interface EvalJob {
  /** The input document as UTF-8 JSON, in pieces that documents may share. */
  readonly input: readonly Uint8Array[];
  /** Set for an estate rule: its package, whose `deny_estate` entrypoint is evaluated. */
  readonly estatePackage?: string;
  /** What the input is, for errors: `stack NAME`. */
  readonly what: string;
  /** The stack of a stack document. */
  readonly stack?: LoadedStack;
}

export interface EvalOptions {
  /** Called as evaluations complete: one per batch of stacks, one per estate rule. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Total input size from which a second thread evaluates too. @default 2 MiB (pool.ts PARALLEL_BYTES) */
  readonly parallelBytes?: number;
  /**
   * How much of the calling thread's wasm memory an evaluation must touch for its instance to be
   * replaced, and the memory freed, once the evaluations are done (for tests). @default 256 MiB
   */
  readonly releaseHeapBytes?: number;
  /** Told how many jobs the second thread evaluated, and whether the calling thread's heap was released (for the bench and tests). */
  readonly onEvaluated?: (stats: { jobs: number; onSecondThread: number; released: boolean }) => void;
  /**
   * Keep each stack document's findings by the sha256 of its bytes, and take them instead of
   * evaluating a document this bundle judged before. A stack rule's findings depend on nothing else
   * (the document holds the stack, its tenant's entry, the date and its resolved imports), so a
   * process that gates many estates differing in a few stacks (the onboarding server: every request
   * gates its whole would-be estate) judges only what changed. Estate rules are always evaluated.
   * @default false: a single run would only pay for the hashing
   */
  readonly reuseStackResults?: boolean;
}

export interface PolicyBundle {
  readonly manifest: BundleManifest;
  /** Rule metadata by Rego package name. */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /**
   * Starts evaluating the jobs as they come (a second thread starts on them while the caller goes on
   * producing the next ones, when the input is large); `results` waits for the findings of each job,
   * in job order. Any job that fails or returns a malformed result makes `results` fail (fail closed).
   */
  evaluate(jobs: Iterable<EvalJob>, options?: EvalOptions): PendingEvaluation;
}

export interface PendingEvaluation {
  /** Finishes the evaluation on the calling thread too, and returns each job with its findings, in job order. */
  results(): { readonly job: EvalJob; readonly findings: RawFinding[] }[];
}

const loaded = new Map<string, PolicyBundle>();

/**
 * The wasm memory starts at 1 GiB (16,384 pages of 64 KiB) instead of the SDK's 5 pages: growing it
 * while a large input is parsed made evaluation superlinear (a plan of 85,000 resources: 27 s from
 * 2,048 pages, 1.4 s from 16,384). Untouched pages are address space, not resident memory.
 */
const WASM_MEMORY = { initial: 16384 };

/**
 * The calling thread's instance, once an evaluation has touched this much of its memory, is replaced
 * when the run's evaluations are done, and the old one's memory freed at once (a full collection):
 * wasm memory never shrinks, and the report is built after the evaluations, on top of it (the 42 MB
 * plan: a heap of ~760 MB, and the plan read again for the findings' line numbers).
 */
const RELEASE_HEAP_BYTES = 256 << 20;

/**
 * Stack documents are evaluated in batches of up to this many bytes: one evaluation pays its fixed
 * costs once for the batch (the stacks of the 1,000-tenant estate: 0.89 s one by one, 0.60 s in
 * batches of 10 to 50). Small enough that a batch's memory, never freed within an evaluation,
 * stays small, and that there are batches enough to share between two threads.
 */
const BATCH_BYTES = 512 << 10;

const [OPEN, CLOSE] = ['{"stacks":[', ']}'].map(sharedConstant);

function read(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new GateError(`policy bundle ${what} is missing at ${file}: run \`npm run tools\` to build it`);
  }
}

/**
 * Loads the compiled bundle once per process (synchronously, so a CDK validation plugin can use it).
 * Refuses, never passes, a bundle that is missing, corrupt, or built from other sources than
 * `policiesDir`.
 */
export function loadPolicyBundle(dir: string = BUNDLE_DIR, policiesDir: string = POLICIES_DIR): PolicyBundle {
  const key = `${path.resolve(dir)}\0${path.resolve(policiesDir)}`;
  const cached = loaded.get(key);
  if (cached) return cached;

  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(read(path.join(dir, 'manifest.json'), 'manifest').toString('utf8'));
  } catch (e) {
    throw e instanceof GateError ? e : new GateError(`policy bundle manifest ${path.join(dir, 'manifest.json')} is corrupt: ${(e as Error).message}`);
  }
  if (manifest.sourcesSha256 !== sourcesDigest(policiesDir)) {
    throw new GateError(`policy bundle in ${dir} is stale: it was built from other sources than ${policiesDir} (run \`npm run tools\`)`);
  }
  const wasm = read(path.join(dir, 'policy.wasm'), 'policy.wasm');
  if (sha256(wasm) !== manifest.wasmSha256) throw new GateError(`policy bundle ${path.join(dir, 'policy.wasm')} is corrupt: sha256 differs from its manifest`);
  const catalogText = read(path.join(dir, 'catalog.json'), 'catalog').toString('utf8');
  if (sha256(catalogText) !== manifest.catalogSha256) throw new GateError(`policy catalog ${path.join(dir, 'catalog.json')} is corrupt: sha256 differs from its manifest`);

  let module: WebAssembly.Module;
  let policy: ReturnType<typeof loadPolicySync>;
  try {
    // Compiled once: the second evaluator thread of a large run instantiates the same module.
    module = new WebAssembly.Module(wasm);
    policy = loadPolicySync(module, WASM_MEMORY);
  } catch (e) {
    throw new GateError(`policy bundle ${path.join(dir, 'policy.wasm')} does not load: ${(e as Error).message}`);
  }
  // A catalog built before rules declared `checks` (the bundle is rebuilt only when the Rego changes) reads as checking no property.
  const rules = new Map((JSON.parse(catalogText) as RuleMeta[]).map((r) => [r.package, { ...r, checks: r.checks ?? {} }]));

  /** The findings of one job from its raw result; any malformed result fails the run. */
  const findingsOf = (raw: unknown, { what, estatePackage }: EvalJob): RawFinding[] => {
    // An estate package's own entrypoint yields its deny_estate set, untagged: tag it here.
    const findings = estatePackage && Array.isArray(raw) ? raw.map((f) => ({ ...f, rule: estatePackage })) : raw;
    if (!Array.isArray(findings)) throw new GateError(`policy evaluation of ${what} returned no result set (got ${JSON.stringify(raw)})`);
    for (const f of findings) {
      const stackOk = estatePackage ? typeof f?.stack === 'string' : f?.stack === undefined;
      if (!rules.has(f?.rule) || typeof f.resource !== 'string' || typeof f.message !== 'string' || typeof f.path !== 'string' || !stackOk) {
        throw new GateError(`rule ${f?.rule} produced a malformed finding on ${what}: ${JSON.stringify(f)}`);
      }
    }
    return findings as RawFinding[];
  };
  const resultOf = (outcome: Outcome, what: string): unknown => {
    if ('error' in outcome) throw new GateError(`policy evaluation failed on ${what}: ${outcome.error}`);
    return (outcome.result as { result?: unknown }[] | undefined)?.[0]?.result;
  };
  /** A failed batch is evaluated again one stack at a time, so the error names the stack that failed. */
  const oneByOne = (batch: readonly EvalJob[], what: string): never => {
    for (const job of batch) resultOf(evaluateJobs(module, WASM_MEMORY, [{ entrypoint: manifest.entrypoint, input: job.input }], evaluateHere).outcomes[0], job.what);
    throw new GateError(`policy evaluation failed on ${what}, but on none of its stacks alone`);
  };
  // How much of the calling thread's instance's memory its evaluations have touched.
  let touched = 0;
  const evaluateHere = (entrypoint: string, input: readonly Uint8Array[], length: number) => {
    try {
      return evaluatePieces(policy, entrypoint, input, length);
    } finally {
      touched = Math.max(touched, heapTop(policy));
    }
  };
  /** Whether the instance was replaced. */
  const releaseLargeHeap = (from: number): boolean => {
    if (touched < from) return false;
    [policy, touched] = [loadPolicySync(module, WASM_MEMORY), 0];
    collectGarbage();
    return true;
  };
  /** This bundle's findings per stack document judged with reuseStackResults, by the document's sha256; bounded, emptied when full. */
  const stackResults = new Map<string, RawFinding[]>();
  const keep = (key: string, findings: RawFinding[]) => {
    if (stackResults.size >= MAX_KEPT_STACK_RESULTS) stackResults.clear();
    stackResults.set(key, findings);
  };
  const bundle: PolicyBundle = {
    manifest,
    rules,
    evaluate: (jobs, options = {}) => {
      const pool = new EvaluationPool(module, WASM_MEMORY, evaluateHere, options.parallelBytes);
      // A stack document judged before (reuseStackResults): its findings, and the key each new one is kept under.
      const known = new Map<EvalJob, RawFinding[]>();
      const keys = new Map<EvalJob, string>();
      // Consecutive stack documents go in batches of up to BATCH_BYTES (a larger one alone); each estate document alone.
      const groups: EvalJob[][] = [];
      const all: EvalJob[] = [];
      let [batch, size] = [[] as EvalJob[], 0];
      const submit = (g: EvalJob[]) => {
        if (g.length === 0) return;
        groups.push(g);
        const estatePackage = g[0].estatePackage;
        pool.submit(estatePackage
          ? { entrypoint: estateEntrypoint(estatePackage), input: g[0].input }
          : { entrypoint: BATCH_ENTRYPOINT, input: [OPEN, ...joined(g.map((j) => j.input)), CLOSE] }, !estatePackage);
      };
      try {
        const estate: EvalJob[] = [];
        for (const job of jobs) {
          all.push(job);
          if (job.estatePackage) {
            estate.push(job);
            continue;
          }
          if (options.reuseStackResults) {
            const key = documentKey(job.input);
            const kept = stackResults.get(key);
            if (kept) {
              known.set(job, kept);
              continue;
            }
            keys.set(job, key);
          }
          const bytes = lengthOf(job);
          if (size + bytes > BATCH_BYTES) {
            submit(batch);
            [batch, size] = [[], 0];
          }
          batch.push(job);
          size += bytes;
        }
        submit(batch);
        // The calling thread takes jobs from the last, the second thread from the first: the estate
        // documents go in by size from both ends towards the middle, so each thread runs its largest
        // first and the last ones either runs are the smallest (neither is left finishing a long one
        // while the other waits). The largest go to the calling thread, free first (the second one is
        // still on the stack batches then).
        const bySize = estate.sort((a, b) => lengthOf(b) - lengthOf(a));
        for (const job of [...bySize.filter((_, i) => i % 2 === 1), ...bySize.filter((_, i) => i % 2 === 0).reverse()]) submit([job]);
      } catch (e) {
        // A job could not be made (an input that does not read): the thread that started on the first ones stops too.
        pool.abort();
        throw e;
      }
      return {
        results: () => {
          const { outcomes, onSecondThread } = pool.finish(options.onProgress);
          const released = releaseLargeHeap(options.releaseHeapBytes ?? RELEASE_HEAP_BYTES);
          options.onEvaluated?.({ jobs: groups.length, onSecondThread, released });
          const results = new Map<EvalJob, RawFinding[]>(known);
          groups.forEach((g, i) => {
            if (g[0].estatePackage) {
              results.set(g[0], findingsOf(resultOf(outcomes[i], g[0].what), g[0]));
              return;
            }
            const what = g.length === 1 ? g[0].what : `the batch of ${g[0].what} to ${g[g.length - 1].what}`;
            if ('error' in outcomes[i]) oneByOne(g, what);
            const perStack = resultOf(outcomes[i], what);
            if (!Array.isArray(perStack) || perStack.length !== g.length) {
              throw new GateError(`policy evaluation of ${what} returned ${Array.isArray(perStack) ? perStack.length : 'no'} result sets for ${g.length} stacks`);
            }
            g.forEach((job, k) => results.set(job, findingsOf(perStack[k], job)));
          });
          for (const [job, key] of keys) keep(key, results.get(job)!);
          return all.map((job) => ({ job, findings: results.get(job)! }));
        },
      };
    },
  };
  loaded.set(key, bundle);
  return bundle;
}
