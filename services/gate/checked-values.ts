import type { RuleMeta } from '../toolchain/catalog';
import type { StackDoc } from './model';

/** Per resource address, its type and the value of each property path a rule judges (`@Name`: a resource attribute such as DeletionPolicy); a path the resource does not set is left out (the page shows it as not set). */
export type CheckedValues = Record<string, { readonly type: string; readonly values: Record<string, unknown> }>;

/** The value at a dotted path from step `at`; where the path meets a list, the rest applies to each element (Terraform blocks are lists). */
function valueAt(value: unknown, path: readonly string[], at = 0): unknown {
  if (at === path.length) return value;
  if (Array.isArray(value)) {
    const each = value.map((v) => valueAt(v, path, at)).filter((v) => v !== undefined);
    return each.length > 0 ? each : undefined;
  }
  if (!value || typeof value !== 'object' || !Object.hasOwn(value, path[at])) return undefined;
  return valueAt((value as Record<string, unknown>)[path[at]], path, at + 1);
}

/** A judged path as written (`A.B.C`, `@Name`), split once for every resource it is read from. */
interface CheckedPath {
  readonly name: string;
  /** The resource attribute (`@Name`), else the steps into the properties. */
  readonly attribute?: string;
  readonly steps: readonly string[];
}

/** The paths the rules judge, per resource type. */
export function pathsByType(rules: Iterable<Pick<RuleMeta, 'checks'>>): Map<string, CheckedPath[]> {
  const out = new Map<string, Set<string>>();
  for (const r of rules) for (const [type, paths] of Object.entries(r.checks)) for (const p of paths) out.set(type, (out.get(type) ?? new Set()).add(p));
  const parsed = (name: string): CheckedPath => (name.startsWith('@') ? { name, attribute: name.slice(1), steps: [] } : { name, steps: name.split('.') });
  return new Map([...out].map(([t, ps]) => [t, [...ps].sort().map(parsed)]));
}

/** What the evidence page shows as "the values checked" for one stack: every resource of a checked type, with the values of its checked paths. */
export function checkedValues(doc: StackDoc, paths: ReadonlyMap<string, readonly CheckedPath[]>): CheckedValues {
  const out: CheckedValues = {};
  for (const [address, r] of Object.entries(doc.resources)) {
    const mine = paths.get(r.type);
    if (!mine) continue;
    const values: Record<string, unknown> = {};
    for (const p of mine) {
      const v = p.attribute !== undefined ? r.attributes?.[p.attribute] : valueAt(r.properties, p.steps);
      if (v !== undefined) values[p.name] = v;
    }
    out[address] = { type: r.type, values };
  }
  return out;
}
