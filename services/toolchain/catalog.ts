import { ToolchainError } from './opa';

/** Rule metadata as written in each rule's METADATA block; findings are built from it. */
export interface RuleMeta {
  /** Rego package under `data.cordon.rules`, e.g. `enc_2_gcp_key_rotation`. */
  readonly package: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly level: Level;
  readonly controls: readonly string[];
  readonly remediation: string;
  readonly resourceTypes: readonly string[];
  /** Per resource type, the property paths whose values the rule judges (dotted; a list applies the rest to each element; `@Name` a resource attribute): the evidence page shows them. */
  readonly checks: Readonly<Record<string, readonly string[]>>;
  /**
   * Estate rules only, optional: the estate document keeps a resource of `resourceTypes` only when
   * its JSON contains one of these strings. For a rule each of whose clauses needs such a string in
   * the resource (TEN-2: another tenant's project name, an import), so it need not read the rest.
   */
  readonly mentions?: readonly string[];
  /** `stack`: the package defines `deny` over one stack; `estate`: `deny_estate` over the whole estate. */
  readonly scope: 'stack' | 'estate';
  /** Source file, relative to the repository root. */
  readonly file: string;
}

/** Which entrypoint a package feeds, read from the rules it defines. */
function scopeOf(source: string): RuleMeta['scope'] | undefined {
  const stack = /^deny contains\b/m.test(source);
  const estate = /^deny_estate contains\b/m.test(source);
  return stack === estate ? undefined : stack ? 'stack' : 'estate';
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const LEVELS = ['mandatory', 'advisory'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Level = (typeof LEVELS)[number];

/** `A.B.C` into the properties; `@DeletionPolicy` a resource attribute (CloudFormation's DeletionPolicy and UpdateReplacePolicy). */
const PROPERTY_PATH = /^(@[A-Za-z]+|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)$/;

/** `checks` is optional (`{}` when absent); present, it maps the rule's own types to property paths, or it is invalid (undefined). */
function checksOf(v: unknown, types: readonly string[]): RuleMeta['checks'] | undefined {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  const ok = entries.every(([t, paths]) => types.includes(t) && Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === 'string' && PROPERTY_PATH.test(p)));
  return ok ? Object.fromEntries(entries) as RuleMeta['checks'] : undefined;
}

const MENTION = /^[^"\\\u0000-\u001f]+$/;

interface InspectAnnotation {
  annotations: { scope?: string; title?: string; description?: string; custom?: Record<string, unknown> };
  location: { file: string };
  path: { value: string }[];
}

/**
 * Builds the catalog from `opa inspect -a -f json` output. Every package under `cordon.rules` must
 * carry complete package-scoped METADATA: a rule without an id, a level or a control would produce
 * findings nobody can act on, so the build refuses it.
 */
export function catalogFromInspect(
  inspect: { namespaces?: Record<string, string[]>; annotations?: InspectAnnotation[] },
  relFile: (f: string) => string,
  readSource: (inspectPath: string) => string,
): RuleMeta[] {
  const problems: string[] = [];
  const rules: RuleMeta[] = [];
  // Entrypoints appear as namespaces of policy.wasm; rule packages are the ones with Rego sources.
  const rulePackages = Object.keys(inspect.namespaces ?? {}).filter((ns) => ns.startsWith('data.cordon.rules.') && inspect.namespaces![ns].some((f) => f.endsWith('.rego')));
  for (const ns of rulePackages) {
    const pkg = ns.slice('data.cordon.rules.'.length);
    const source = inspect.namespaces![ns].find((f) => f.endsWith('.rego'))!;
    const file = relFile(source);
    const a = (inspect.annotations ?? []).find((x) => x.annotations.scope === 'package' && x.path.map((p) => p.value).join('.') === ns);
    const c = a?.annotations.custom ?? {};
    const missing = (field: string) => problems.push(`${file}: METADATA ${field} is missing or invalid (package ${pkg})`);
    if (!a) {
      problems.push(`${file}: package ${pkg} has no package-scoped METADATA block`);
      continue;
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
    const strList = (v: unknown) => (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);
    const meta = {
      package: pkg,
      id: str(c.id),
      title: str(a.annotations.title),
      description: str(a.annotations.description),
      severity: SEVERITIES.find((s) => s === c.severity),
      level: LEVELS.find((l) => l === c.level),
      controls: strList(c.controls),
      remediation: str(c.remediation),
      resourceTypes: strList(c.resource_types),
      checks: checksOf(c.checks, strList(c.resource_types) ?? []),
      scope: scopeOf(readSource(source)),
      file,
    };
    // Written in JSON as they are (no quote, backslash or control character), so the text search finds them.
    const mentions = c.mentions === undefined ? undefined : strList(c.mentions)?.filter((m) => MENTION.test(m));
    if (c.mentions !== undefined && (meta.scope !== 'estate' || mentions?.length !== (c.mentions as unknown[]).length)) {
      problems.push(`${file}: METADATA mentions must be a list of strings without quotes, backslashes or control characters, and only on an estate rule (package ${pkg})`);
    }
    if (meta.scope === undefined) problems.push(`${file}: package ${pkg} must define exactly one of \`deny contains\` (per stack) or \`deny_estate contains\` (estate)`);
    const absent = Object.entries(meta).filter(([k, v]) => v === undefined && k !== 'scope').map(([k]) => k);
    if (absent.length > 0) absent.forEach(missing);
    else if (meta.scope) rules.push({ ...(meta as RuleMeta), ...(mentions && { mentions }) });
  }
  const seen = new Map<string, string>();
  for (const r of rules) {
    if (seen.has(r.id)) problems.push(`${r.file}: rule id ${r.id} is also used by ${seen.get(r.id)}`);
    seen.set(r.id, r.file);
  }
  if (rules.length === 0 && problems.length === 0) problems.push('no rule packages under data.cordon.rules');
  if (problems.length > 0) throw new ToolchainError(`policy metadata is incomplete:\n  ${problems.join('\n  ')}`);
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}
