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
import { evaluateJob, heapTop } from './evaluate-pieces';
import { collectGarbage, EvaluateHere, EvaluationPool, evaluateJobs, lengthOf, Outcome, sharedConstant } from './pool';

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
  /**
   * Set on an estate rule's document when the estate is one stack: it equals this frame (the estate
   * document without its stack) with that stack's whole document at `at`, since a rule reads the
   * resources of its types alone and the document only leaves the others out. The stack document,
   * parsed once for the stack rules, then serves the estate rules too.
   */
  readonly sameAs?: { readonly stack: LoadedStack; readonly frame: readonly Uint8Array[]; readonly at: readonly string[] };
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
   * Whether the stack rules and the estate rules of an estate of one stack are evaluated over its
   * document parsed once (EvalJob.sameAs). Off only to compare the two in tests. @default true
   */
  readonly parseOnce?: boolean;
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
  // Undefined once released, until the next evaluation needs an instance.
  let policy: ReturnType<typeof loadPolicySync> | undefined;
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
  /** The result sets of an evaluation over a document parsed once (EvaluationPool's `also`). */
  const eachResult = (outcome: Outcome, what: string): unknown[] | undefined => {
    const sets = 'result' in outcome ? outcome.result : undefined;
    return Array.isArray(sets) ? sets.map((result: unknown) => resultOf({ result }, what)) : undefined;
  };
  /** A failed evaluation of several jobs is evaluated again one job at a time, so the error names the job that failed. */
  const oneByOne = (jobs: readonly EvalJob[], what: string): never => {
    for (const job of jobs) {
      const entrypoint = job.estatePackage ? estateEntrypoint(job.estatePackage) : manifest.entrypoint;
      resultOf(evaluateJobs(module, WASM_MEMORY, [{ entrypoint, input: job.input }], evaluateHere).outcomes[0], job.what);
    }
    throw new GateError(`policy evaluation failed on ${what}, but on none of its documents alone`);
  };
  // How much of the calling thread's instance's memory its evaluations have touched.
  let touched = 0;
  const evaluateHere: EvaluateHere = (entrypoint, input, length, also) => {
    const instance = (policy ??= loadPolicySync(module, WASM_MEMORY));
    try {
      return evaluateJob(instance, entrypoint, input, length, also);
    } finally {
      touched = Math.max(touched, heapTop(instance));
    }
  };
  /**
   * Whether the instance was released. The next one is made when an evaluation needs it: made at
   * once, its memory of 1 GiB set V8 on a full collection of its own (~0.2 s after the 42 MB plan).
   */
  const releaseLargeHeap = (from: number): boolean => {
    if (touched < from) return false;
    [policy, touched] = [undefined, 0];
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
      // Consecutive stack documents go in batches of up to BATCH_BYTES (a larger one alone), each
      // estate document alone; or, for an estate of one stack, the stack and estate rules over its document parsed once.
      const groups: { readonly kind: 'batch' | 'estate' | 'parsed once'; readonly jobs: readonly EvalJob[] }[] = [];
      const all: EvalJob[] = [];
      let [batch, size] = [[] as EvalJob[], 0];
      const submit = (g: EvalJob[]) => {
        if (g.length === 0) return;
        groups.push({ kind: 'batch', jobs: g });
        pool.submit({ entrypoint: BATCH_ENTRYPOINT, input: [OPEN, ...joined(g.map((j) => j.input)), CLOSE] });
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
        // An estate rule that reads most of an estate of one stack (a plan's keys and stores) is
        // evaluated over the stack's document as parsed for the stack rules: parsing is most of such
        // an evaluation. One that reads little of it (most rules of a plan) parses its own small
        // document instead: iterating every resource of the whole would cost it more.
        const [only] = batch;
        const parsedOnce = options.parseOnce !== false && groups.length === 0 && batch.length === 1 ? estate.filter((e) => e.sameAs?.stack === only.stack && 2 * lengthOf(e) >= lengthOf(only)) : [];
        if (parsedOnce.length > 0) {
          groups.push({ kind: 'parsed once', jobs: [only, ...parsedOnce] });
          pool.submit({ entrypoint: manifest.entrypoint, input: only.input, also: parsedOnce.map((e) => ({ entrypoint: estateEntrypoint(e.estatePackage!), frame: e.sameAs!.frame, at: e.sameAs!.at })) });
        } else submit(batch);
        // The calling thread takes jobs from the last, the second thread from the first: the estate
        // documents go in by size from both ends towards the middle, so each thread runs its largest
        // first and the last ones either runs are the smallest (neither is left finishing a long one
        // while the other waits). The largest go to the calling thread, free first (the second one is
        // still on the stack batches then).
        const bySize = estate.filter((e) => !parsedOnce.includes(e)).sort((a, b) => lengthOf(b) - lengthOf(a));
        for (const job of [...bySize.filter((_, i) => i % 2 === 1), ...bySize.filter((_, i) => i % 2 === 0).reverse()]) {
          groups.push({ kind: 'estate', jobs: [job] });
          // Not counted: made of the stack documents' bytes, they warrant no second thread those did not.
          pool.submit({ entrypoint: estateEntrypoint(job.estatePackage!), input: job.input }, false);
        }
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
          groups.forEach(({ kind, jobs: g }, i) => {
            const what = g.length === 1 ? g[0].what : kind === 'batch' ? `the batch of ${g[0].what} to ${g[g.length - 1].what}` : `${g[0].what} and the estate rules over it`;
            const outcome = outcomes[i];
            if (g.length > 1 && 'error' in outcome) oneByOne(g, what);
            // Each job's result set: an estate document's, each stack's of a batch (one result), each evaluation's over a document parsed once (a result each).
            const perJob = kind === 'estate' ? [resultOf(outcome, what)] : kind === 'batch' ? resultOf(outcome, what) : eachResult(outcome, what);
            if (!Array.isArray(perJob) || perJob.length !== g.length) {
              throw new GateError(`policy evaluation of ${what} returned ${Array.isArray(perJob) ? perJob.length : 'no'} result sets for ${g.length} documents`);
            }
            g.forEach((job, k) => results.set(job, findingsOf(perJob[k], job)));
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
