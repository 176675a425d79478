import { stackInfo, stringEntries } from './labels';
import { GateError, Resource, StackDoc } from './model';
import { translateAws } from './terraform-aws';

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

/**
 * Resource addresses each configured resource's expressions refer to, by configuration address;
 * `expressions` gets each resource's expressions themselves.
 */
function configReferences(module: any, prefix: string, out: Map<string, string[]>, expressions: Map<string, unknown>): void {
  for (const r of module?.resources ?? []) {
    expressions.set(`${prefix}${r.address}`, r.expressions);
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
  for (const [name, call] of Object.entries<any>(module?.module_calls ?? {})) configReferences(call.module, `${prefix}module.${name}.`, out, expressions);
}

/**
 * Normalizes `terraform show -json` plan output: managed resources from `planned_values` (every
 * module), attributes unknown until apply marked as unresolved, references from `configuration`.
 * Resources the plan deletes are not in `planned_values` and so are not checked.
 */
export function normalizePlan(plan: Record<string, any>, name: string, file: string): StackDoc {
  const root = plan.planned_values?.root_module;
  if (!root || typeof root !== 'object') throw new GateError(`${file}: Terraform plan JSON has no planned_values.root_module`);
  // Every list is checked for its type: a string where a list belongs would otherwise read as nothing to judge.
  const list = (value: unknown, where: string): any[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new GateError(`${file}: ${where} is ${typeof value}, expected a list`);
    return value;
  };
  const changes = list(plan.resource_changes, 'resource_changes');
  const unknownByAddress = new Map<string, unknown>(changes.map((c: any) => [c?.address, c?.change?.after_unknown]));
  const refs = new Map<string, string[]>();
  const expressions = new Map<string, unknown>();
  configReferences(plan.configuration?.root_module, '', refs, expressions);
  const resources: Record<string, Resource> = {};
  const visit = (module: any, where: string) => {
    for (const r of list(module?.resources, `${where}.resources`)) {
      if (r?.mode === 'data') continue;
      if (r?.mode !== 'managed') throw new GateError(`${file}: a planned resource in ${where} has mode ${JSON.stringify(r?.mode ?? null)}, expected managed or data`);
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
    list(module?.child_modules, `${where}.child_modules`).forEach((m, i) => visit(m, `${where}.child_modules[${i}]`));
  };
  visit(root, 'planned_values.root_module');
  // What the plan would create or change must be among what is judged.
  for (const c of changes) {
    const actions: unknown = c?.change?.actions;
    const deploys = c?.mode === 'managed' && Array.isArray(actions) && actions.some((a) => a === 'create' || a === 'update');
    if (deploys && !(c.address in resources)) throw new GateError(`${file}: resource_changes would ${actions.join('+')} ${c.address}, which planned_values does not hold; the plan is inconsistent`);
  }
  const translated = translateAws(resources, UNKNOWN_AFTER_APPLY, undefined, undefined, { expressions, configAddress: (a) => a.replace(/\[[^\]]*\]/g, '') });
  return { stack: stackInfo(name, 'terraform', translated), tenant: null, resources: translated };
}
