import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from '../root';
import { RegistryError, RegistryIssue } from './issues';
import { cidrRange, overlaps, Tenant, validateTenant } from './tenant';
import { vanishedTenantIssues } from './vanished';

/** The default registry folder, relative to the repository root. */
export const DEFAULT_REGISTRY_DIR = path.join(REPO_ROOT, 'infra', 'tenants');

/**
 * Loads and validates every `*.yaml` / `*.yml` tenant file in `dir`, then runs the cross-tenant
 * checks, and (in a git work tree) that no tenant file was deleted without offboarding. Throws one
 * RegistryError listing every issue; returns tenants sorted by id.
 * Reads only: nothing is written, so a bad registry leaves no half-synthesized output behind.
 * `overlay` is a tenant file as it would be (added or replaced), read from memory: the registry as
 * a request would leave it, judged without writing it.
 */
export function loadRegistry(dir: string = DEFAULT_REGISTRY_DIR, overlay?: { readonly name: string; readonly text: string }): Tenant[] {
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
    if (overlay && !names.includes(overlay.name)) names.push(overlay.name);
    names.sort();
  } catch (e) {
    throw new RegistryError([{ file: rel(dir), path: '', expected: 'a readable folder of tenant YAML files', received: (e as Error).message }]);
  }
  if (names.length === 0) {
    throw new RegistryError([{ file: rel(dir), path: '', expected: 'at least one tenant file (*.yaml)', received: 'an empty folder' }]);
  }

  const issues: RegistryIssue[] = [];
  const tenants: { tenant: Tenant; file: string }[] = [];
  for (const name of names) {
    const file = rel(path.join(dir, name));
    // Every name that looks like a tenant file is one: none is skipped silently.
    if (!/\.ya?ml$/.test(name)) {
      issues.push({ file, path: '', expected: 'a tenant file name ending in .yaml or .yml (lower case)', received: JSON.stringify(name) });
      continue;
    }
    let text: string;
    try {
      // A folder, FIFO or device named *.yaml is refused before it is read (a FIFO would block).
      if (name === overlay?.name) text = overlay.text;
      else if (!fs.statSync(path.join(dir, name)).isFile()) throw new Error('not a regular file');
      else text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch (e) {
      issues.push({ file, path: '', expected: 'a readable regular file', received: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    // An unknown tag (`!secret x`) would be read as its plain value: refused like any YAML error.
    const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
    if (problems.length > 0) {
      for (const err of problems) {
        const [line, col] = err.linePos?.[0] ? [err.linePos[0].line, err.linePos[0].col] : [0, 0];
        issues.push({ file: `${file}:${line}:${col}`, path: '', expected: 'valid YAML', received: err.message.split('\n')[0] });
      }
      continue;
    }
    let value: unknown;
    try {
      // Nested aliases would expand without bound (a billion laughs); a tenant file needs few, if any.
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      issues.push({ file, path: '', expected: 'valid YAML with at most 100 alias expansions', received: (e as Error).message });
      continue;
    }
    const result = validateTenant(value, file, name.replace(/\.ya?ml$/, ''));
    issues.push(...result.issues);
    if (result.tenant) tenants.push({ tenant: result.tenant, file });
  }

  issues.push(...crossTenantIssues(tenants));
  issues.push(...vanishedTenantIssues(dir, new Set(names.map((n) => n.replace(/\.ya?ml$/, ''))), rel));
  if (issues.length > 0) throw new RegistryError(issues);
  return tenants.map((t) => t.tenant).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * loadRegistry's tenants, kept per folder while its tenant files are unchanged (each file's name,
 * inode, size and modification time; an atomic write is a new inode), so a server answers reads
 * without parsing the files and asking git again each time (three git processes a load). A registry
 * that does not load is never kept: its error is raised again at every call.
 */
export function loadRegistryCached(dir: string = DEFAULT_REGISTRY_DIR): readonly Tenant[] {
  const key = registryFingerprint(dir);
  const kept = loaded.get(dir);
  if (key !== undefined && kept?.key === key) return kept.tenants;
  const tenants = loadRegistry(dir);
  if (key !== undefined) loaded.set(dir, { key, tenants });
  return tenants;
}

const loaded = new Map<string, { key: string; tenants: readonly Tenant[] }>();

/** What identifies the folder's tenant files as they are now; undefined when it cannot be read (loadRegistry says why). */
function registryFingerprint(dir: string): string | undefined {
  try {
    return fs.readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => {
      const st = fs.statSync(path.join(dir, n));
      return `${n}:${st.ino}:${st.size}:${st.mtimeMs}`;
    }).join('/');
  } catch {
    return undefined;
  }
}

/** Checks that need all tenants at once: unique ids and non-overlapping networks. */
export function crossTenantIssues(tenants: { tenant: Tenant; file: string }[]): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const byId = new Map<string, string>();
  for (const { tenant, file } of tenants) {
    const other = byId.get(tenant.id);
    if (other) issues.push({ file, path: 'id', expected: 'an id no other tenant has', received: `"${tenant.id}", also used by ${other}` });
    else byId.set(tenant.id, file);
  }
  // Any overlap is refused, not only within one cloud: interconnects and VPNs join clouds later,
  // and a tenant's CIDR is never renumbered.
  const networks = tenants.filter((t) => t.tenant.network);
  for (let i = 0; i < networks.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [networks[i], networks[j]];
      const [ra, rb] = [cidrRange(a.tenant.network!.cidr)!, cidrRange(b.tenant.network!.cidr)!];
      // Named in both files: which of the two is the new one is not known here.
      if (overlaps(ra, rb)) {
        for (const [x, y] of [[a, b], [b, a]]) {
          issues.push({
            file: x.file,
            path: 'network.cidr',
            expected: 'a range that overlaps no other tenant\'s network',
            received: `${x.tenant.network!.cidr}, which overlaps ${y.tenant.network!.cidr} of tenant "${y.tenant.id}" (${y.file})`,
          });
        }
      }
    }
  }
  // A customer key serves one tenant (ENC-3): two tenants registering one key would share it.
  const keyOwners = new Map<string, { id: string; file: string }>();
  for (const { tenant, file } of tenants) {
    for (const [env, key] of Object.entries(tenant.cmek ?? {})) {
      const owner = keyOwners.get(key);
      if (owner) issues.push({ file, path: `cmek.${env}`, expected: "a key no other tenant registers (no key serves two tenants)", received: `${key}, also registered by tenant "${owner.id}" (${owner.file})` });
      else keyOwners.set(key, { id: tenant.id, file });
    }
  }
  return issues;
}
