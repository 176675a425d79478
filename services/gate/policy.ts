import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { BundleManifest, estateEntrypoint } from '../toolchain/build-bundle';
import { RuleMeta } from '../toolchain/catalog';
import { BUNDLE_DIR, POLICIES_DIR } from '../toolchain/paths';
import { sha256, sourcesDigest } from '../toolchain/policy-sources';
import { GateError, StackDoc } from './model';

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

/** The estate document: every stack document by name and every registry tenant by id. */
export interface EstateDoc {
  readonly stacks: Record<string, StackDoc>;
  readonly tenants: Record<string, unknown>;
}

export interface PolicyBundle {
  readonly manifest: BundleManifest;
  /** Rule metadata by Rego package name. */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  evaluate(doc: StackDoc): RawFinding[];
  /** Evaluates one estate rule package (`deny_estate`) over an estate document. */
  evaluateEstate(pkg: string, doc: EstateDoc): RawFinding[];
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

  let policy: ReturnType<typeof loadPolicySync>;
  try {
    policy = loadPolicySync(wasm, WASM_MEMORY);
  } catch (e) {
    throw new GateError(`policy bundle ${path.join(dir, 'policy.wasm')} does not load: ${(e as Error).message}`);
  }
  const rules = new Map((JSON.parse(catalogText) as RuleMeta[]).map((r) => [r.package, r]));

  const run = (input: unknown, entrypoint: string, what: string, estatePackage?: string): RawFinding[] => {
    let result: unknown;
    try {
      // Pre-serialized: the SDK would stringify anyway, and an ArrayBuffer skips its extra copy.
      result = policy.evaluate(new TextEncoder().encode(JSON.stringify(input)).buffer, entrypoint);
    } catch (e) {
      // The SDK aborts with a bare error and no message on runtime errors such as rule conflicts.
      throw new GateError(`policy evaluation failed on ${what}: ${(e as Error)?.message ?? 'the policy aborted (a rule raised a runtime error)'}`);
    }
    const raw = (result as { result?: unknown }[] | undefined)?.[0]?.result;
    // An estate package's own entrypoint yields its deny_estate set, untagged: tag it here.
    const findings = estatePackage && Array.isArray(raw) ? raw.map((f) => ({ ...f, rule: estatePackage })) : raw;
    if (!Array.isArray(findings)) throw new GateError(`policy evaluation of ${what} returned no result set (got ${JSON.stringify(result)})`);
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
    evaluate: (doc) => run(doc, manifest.entrypoint, `stack ${doc.stack.name}`),
    evaluateEstate: (pkg, doc) => run(doc, estateEntrypoint(pkg), `the estate (rule package ${pkg})`, pkg),
  };
  loaded.set(key, bundle);
  return bundle;
}
