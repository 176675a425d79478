import { stackInfo, stringEntries } from './labels';
import { GateError, Resource, StackDoc } from './model';

/** Logical ids a CloudFormation value refers to through Ref, Fn::GetAtt, Fn::Sub and Fn::ImportValue. */
function collectReferences(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (k === 'Ref' && typeof v === 'string' && !v.startsWith('AWS::')) out.add(v);
    else if (k === 'Fn::GetAtt') {
      const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
      if (typeof target === 'string') out.add(target);
    } else if (k === 'Fn::Sub') {
      const [text, vars] = Array.isArray(v) ? [v[0], v[1] ?? {}] : [v, {}];
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!][^}]*)\}/g)) {
          const name = m[1].split('.')[0];
          if (!name.startsWith('AWS::') && !(vars && typeof vars === 'object' && name in vars)) out.add(name);
        }
      }
    } else if (k === 'Fn::ImportValue' && typeof v === 'string') out.add(`import:${v}`);
    collectReferences(v, out);
  }
}

/** CloudFormation `Tags` is a list of {Key, Value} on most types and a plain map on a few. */
function tagsOf(props: Record<string, unknown>): Record<string, string> {
  // AWS::EFS::FileSystem names its tag list FileSystemTags; every other type, Tags.
  const tags = props.Tags ?? props.FileSystemTags;
  if (Array.isArray(tags)) return stringEntries(tags.map((t) => [t?.Key, t?.Value]));
  if (tags && typeof tags === 'object') return stringEntries(Object.entries(tags));
  return {};
}

/** CloudFormation resource attributes beside Properties that rules read (what happens on stack delete or replacement). */
const RESOURCE_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

/** Normalizes a parsed CloudFormation template (from CDK or written by hand) into a stack document. */
export function normalizeCloudFormation(template: Record<string, unknown>, name: string, file: string): StackDoc {
  const raw = template.Resources;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GateError(`${file}: CloudFormation template has no Resources mapping`);
  }
  const resources: Record<string, Resource> = {};
  for (const [id, r] of Object.entries(raw as Record<string, any>)) {
    if (!r || typeof r.Type !== 'string') throw new GateError(`${file}: resource ${id} has no Type`);
    const properties = r.Properties && typeof r.Properties === 'object' ? r.Properties : {};
    const refs = new Set<string>();
    collectReferences(properties, refs);
    const cdkPath = r.Metadata?.['aws:cdk:path'];
    resources[id] = {
      type: r.Type,
      properties,
      references: [...refs].sort(),
      labels: tagsOf(properties),
      path: typeof cdkPath === 'string' ? cdkPath : null,
      ...(RESOURCE_ATTRIBUTES.some((a) => a in r) && { attributes: Object.fromEntries(RESOURCE_ATTRIBUTES.filter((a) => a in r).map((a) => [a, r[a]])) }),
    };
  }
  const exports: Record<string, unknown> = {};
  for (const o of Object.values((template.Outputs ?? {}) as Record<string, any>)) {
    if (typeof o?.Export?.Name === 'string') exports[o.Export.Name] = o.Value;
  }
  return { stack: stackInfo(name, 'cloudformation', resources), tenant: null, resources, exports };
}
