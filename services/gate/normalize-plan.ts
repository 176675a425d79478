import { stackInfo, stringEntries } from './labels';
import { GateError, Resource, StackDoc } from './model';

/** What an attribute shows when Terraform only knows it after apply; rules treat it as unresolved. */
export const UNKNOWN_AFTER_APPLY = '${unknown-after-apply}';

/** Replaces every attribute `after_unknown` marks with the unknown marker, so rules never read it as absent. */
function markUnknown(values: any, unknown: any): any {
  if (unknown === true) return UNKNOWN_AFTER_APPLY;
  if (Array.isArray(unknown)) {
    const base = Array.isArray(values) ? [...values] : [];
    unknown.forEach((u, i) => (base[i] = markUnknown(base[i], u)));
    return base;
  }
  if (unknown && typeof unknown === 'object') {
    const base = values && typeof values === 'object' && !Array.isArray(values) ? { ...values } : {};
    for (const [k, u] of Object.entries(unknown)) if (u !== false) base[k] = markUnknown(base[k], u);
    return base;
  }
  return values;
}

/** Resource addresses each configured resource's expressions refer to, by configuration address. */
function configReferences(module: any, prefix: string, out: Map<string, string[]>): void {
  for (const r of module?.resources ?? []) {
    const refs = new Set<string>();
    const walk = (v: any): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (Array.isArray(v.references)) for (const ref of v.references) if (/^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_]/.test(ref)) refs.add(`${prefix}${ref.split('.').slice(0, ref.startsWith('data.') ? 3 : 2).join('.')}`);
        Object.values(v).forEach(walk);
      }
    };
    walk(r.expressions);
    out.set(`${prefix}${r.address}`, [...refs].sort());
  }
  for (const [name, call] of Object.entries<any>(module?.module_calls ?? {})) configReferences(call.module, `${prefix}module.${name}.`, out);
}

/**
 * Normalizes `terraform show -json` plan output: managed resources from `planned_values` (every
 * module), attributes unknown until apply marked as unresolved, references from `configuration`.
 * Resources the plan deletes are not in `planned_values` and so are not checked.
 */
export function normalizePlan(plan: Record<string, any>, name: string, file: string): StackDoc {
  const root = plan.planned_values?.root_module;
  if (!root || typeof root !== 'object') throw new GateError(`${file}: Terraform plan JSON has no planned_values.root_module`);
  const unknownByAddress = new Map<string, unknown>((plan.resource_changes ?? []).map((c: any) => [c.address, c.change?.after_unknown]));
  const refs = new Map<string, string[]>();
  configReferences(plan.configuration?.root_module, '', refs);
  const resources: Record<string, Resource> = {};
  const visit = (module: any) => {
    for (const r of module?.resources ?? []) {
      if (r.mode !== 'managed') continue;
      if (typeof r.address !== 'string' || typeof r.type !== 'string') throw new GateError(`${file}: a planned resource has no address or type`);
      const properties = markUnknown(r.values ?? {}, unknownByAddress.get(r.address));
      const labels = properties.labels ?? properties.tags;
      resources[r.address] = {
        type: r.type,
        properties,
        references: refs.get(r.address.replace(/\[[^\]]*\]/g, '')) ?? [],
        labels: labels && typeof labels === 'object' ? stringEntries(Object.entries(labels)) : {},
        path: null,
      };
    }
    (module?.child_modules ?? []).forEach(visit);
  };
  visit(root);
  return { stack: stackInfo(name, 'terraform', resources), tenant: null, resources };
}
