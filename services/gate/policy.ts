import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { BundleManifest, estateEntrypoint } from '../toolchain/build-bundle';
import { RuleMeta } from '../toolchain/catalog';
import { BUNDLE_DIR, POLICIES_DIR } from '../toolchain/paths';
import { sha256, sourcesDigest } from '../toolchain/policy-sources';
import { GateError } from './model';
import { evaluateJobs, Outcome } from './pool';

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
}

export interface EvalOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Total input size from which a second thread evaluates too. @default 4 MiB */
  readonly parallelBytes?: number;
  /** Told how many jobs the second thread evaluated (for the bench and tests). */
  readonly onEvaluated?: (stats: { jobs: number; onSecondThread: number }) => void;
}

export interface PolicyBundle {
  readonly manifest: BundleManifest;
  /** Rule metadata by Rego package name. */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /**
   * The findings of each job, in job order, spread over the machine's cores when the input is large.
   * Any job that fails or returns a malformed result makes the whole call fail (fail closed).
   */
  evaluateAll(jobs: readonly EvalJob[], options?: EvalOptions): RawFinding[][];
}

const loaded = new Map<string, PolicyBundle>();

/**
 * The wasm memory starts at 1 GiB (16,384 pages of 64 KiB) instead of the SDK's 5 pages: growing it
 * while a large input is parsed made evaluation superlinear (a plan of 85,000 resources: 27 s from
 * 2,048 pages, 1.4 s from 16,384). Untouched pages are address space, not resident memory.
 */
const WASM_MEMORY = { initial: 16384 };

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
  const rules = new Map((JSON.parse(catalogText) as RuleMeta[]).map((r) => [r.package, r]));

  const findingsOf = (outcome: Outcome, { what, estatePackage }: EvalJob): RawFinding[] => {
    if ('error' in outcome) throw new GateError(`policy evaluation failed on ${what}: ${outcome.error}`);
    const raw = (outcome.result as { result?: unknown }[] | undefined)?.[0]?.result;
    // An estate package's own entrypoint yields its deny_estate set, untagged: tag it here.
    const findings = estatePackage && Array.isArray(raw) ? raw.map((f) => ({ ...f, rule: estatePackage })) : raw;
    if (!Array.isArray(findings)) throw new GateError(`policy evaluation of ${what} returned no result set (got ${JSON.stringify(outcome.result)})`);
    for (const f of findings) {
      const stackOk = estatePackage ? typeof f?.stack === 'string' : f?.stack === undefined;
      if (!rules.has(f?.rule) || typeof f.resource !== 'string' || typeof f.message !== 'string' || typeof f.path !== 'string' || !stackOk) {
        throw new GateError(`rule ${f?.rule} produced a malformed finding on ${what}: ${JSON.stringify(f)}`);
      }
    }
    return findings as RawFinding[];
  };
  const bundle: PolicyBundle = {
    manifest,
    rules,
    evaluateAll: (jobs, options = {}) => {
      const { outcomes, onSecondThread } = evaluateJobs(
        module,
        WASM_MEMORY,
        jobs.map((j) => ({ input: j.input, entrypoint: j.estatePackage ? estateEntrypoint(j.estatePackage) : manifest.entrypoint })),
        (entrypoint, input) => policy.evaluate(input, entrypoint),
        options.onProgress,
        options.parallelBytes,
      );
      options.onEvaluated?.({ jobs: jobs.length, onSecondThread });
      return outcomes.map((o, i) => findingsOf(o, jobs[i]));
    },
  };
  loaded.set(key, bundle);
  return bundle;
}
