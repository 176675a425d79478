import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { Cloud, Tenant } from './registry/tenant';
import { REPO_ROOT } from './root';

/**
 * A tenant's unit: the top-level stacks an app builds for one tenant (its keys, data and edge stacks in
 * every environment). A unit's templates depend only on the tenant's entry and on cordon's code, never
 * on other tenants: pooled cells export what their tenants import whether or not a tenant is built
 * (AwsCellStack), and GCP stacks name each other by convention. So a synthesis can take an unchanged
 * unit from an earlier output instead of building it again (infra/reuse.ts); the platform, cell and
 * edge stacks, which depend on the whole registry, are always built.
 */
export interface UnitsFile {
  readonly version: 1;
  /** Per tenant id: the unit's key and the artifact ids of its stacks. */
  readonly units: Readonly<Record<string, { readonly key: string; readonly stacks: readonly string[] }>>;
  /**
   * The whole output: the key of everything it was built from (outputKey) and the sha256 of each of
   * its files but this one, by path, so that a synthesis from the same key can take it whole when
   * every file is still as written (infra/reuse.ts takeWhole). Absent in outputs from before.
   */
  readonly output?: { readonly key: string; readonly files: Readonly<Record<string, string>> };
}

/** How an app is built from the registry's tenants. */
export interface AppBuild {
  /** Where the app synthesizes. @default the toolkit's (cdk.out, cdktf.out) */
  readonly outdir?: string;
  /** Tenants that get no stacks: their units are taken from an earlier output. @default none */
  readonly reused?: ReadonlySet<string>;
  /**
   * Offboarded tenants whose data is still deployed (the deploy record says so), built for the deploy
   * that deletes it: on AWS their data stacks again, marked for deletion (removed after); on GCP a
   * `<id>-<env>-deleting` stack, their data unprotected, applied to the tombstone's state just before
   * it. Never from the registry alone, so `cordon check` sees only a tombstone's keys. @default none
   */
  readonly deleting?: ReadonlySet<string>;
}

/** Written into every synthesized output (cdk.out, cdktf.out) beside its manifest. */
export const UNITS_FILE = 'cordon-units.json';

const owners = new WeakMap<IConstruct, Map<string, string>>();

/** Builds one tenant's stacks and records which top-level stacks of `app` they are. */
export function buildUnit(app: IConstruct, tenantId: string, build: () => void): void {
  const from = app.node.children.length;
  build();
  let map = owners.get(app);
  if (!map) owners.set(app, (map = new Map()));
  for (const stack of app.node.children.slice(from)) map.set(stack.node.id, tenantId);
}

/** The stacks of each tenant unit built into `app` (artifact ids: a top-level stack's construct id). */
export function unitStacks(app: IConstruct): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [stack, tenant] of owners.get(app) ?? []) out.set(tenant, [...(out.get(tenant) ?? []), stack]);
  return out;
}

/**
 * The key of a tenant's unit: its entry (keys sorted), whether it is built for deletion (AppBuild),
 * the code that synthesizes it, and the working directory (cdktf's default local backend writes
 * `<cwd>/terraform.<stack>.tfstate` into each stack).
 */
export function unitKey(tenant: Tenant, deleting = false): string {
  return createHash('sha256').update(codeKey()).update(process.cwd()).update(deleting ? '\0deleting\0' : '\0').update(JSON.stringify(tenant, sortedKeys)).digest('hex');
}

/**
 * The key of a whole output of `cloud`: everything its files depend on. The registry (every tenant:
 * cells and the platform depend on all of them), the tenants built for deletion, the code that
 * synthesizes (as unitKey), the working directory, Node.js's version, and the environment that the
 * CDK and cdktf read (CDK_*, CDKTF_*, such as a context given as CDK_CONTEXT_JSON).
 */
export function outputKey(cloud: Cloud, tenants: readonly Tenant[], deleting: ReadonlySet<string>): string {
  const env = Object.entries(process.env).filter(([k]) => /^CDK(TF)?_/.test(k)).sort(([a], [b]) => (a < b ? -1 : 1));
  const registry = [...tenants].sort((a, b) => (a.id < b.id ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([cloud, codeKey(), process.cwd(), process.version, env, [...deleting].sort(), registry], sortedKeys))
    .digest('hex');
}

const sortedKeys = (_: string, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;

let code: string | undefined;

/**
 * What a template depends on besides the registry: the sources of constructs/ and infra/ (not the
 * tenant files) and the locked dependencies (aws-cdk-lib, cdktf, the Google provider).
 */
function codeKey(): string {
  if (code) return code;
  const hash = createHash('sha256');
  const files = [...typeScriptFiles(path.join(REPO_ROOT, 'constructs')), ...typeScriptFiles(path.join(REPO_ROOT, 'infra')), path.join(REPO_ROOT, 'package-lock.json')];
  for (const f of files) hash.update(path.relative(REPO_ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return (code = hash.digest('hex'));
}

/** The TypeScript files below `dir`, sorted, without the tenant registry's folder. */
function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.startsWith(path.join(REPO_ROOT, 'infra', 'tenants') + path.sep))
    .sort();
}

/**
 * Writes the units file of a synthesized output, last; with `key`, the output's key and the sha256 of
 * each of its files too (hashing the 1,000-tenant estate's 7,600 files takes ~0.7 s, so only outputs
 * that may be taken whole later record them).
 */
export function writeUnits(dir: string, keys: ReadonlyMap<string, string>, stacks: ReadonlyMap<string, readonly string[]>, key?: string): void {
  const units: Record<string, { key: string; stacks: readonly string[] }> = {};
  for (const [tenant, ids] of [...stacks].sort(([a], [b]) => a.localeCompare(b))) units[tenant] = { key: keys.get(tenant)!, stacks: ids };
  const output = key === undefined ? undefined : { key, files: Object.fromEntries(outputFiles(dir).map((f) => [f, fileSha256(path.join(dir, f))])) };
  fs.writeFileSync(path.join(dir, UNITS_FILE), JSON.stringify({ version: 1, units, ...(output && { output }) } satisfies UnitsFile, null, 1));
}

/** The files of an output but its units file, by path relative to it ('/'-separated), sorted. */
export function outputFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== UNITS_FILE)
    .sort();
}

export const fileSha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
