import { LoadedStack, StackDoc } from './model';

export type ExportIndex = Map<string, { stack: string; address: string; type: string }>;

/** The logical id an exported value names: {"Ref": id} or {"Fn::GetAtt": [id, attr]} / "id.attr". */
function exportedId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

/** Every CloudFormation export of the run that names a resource of its stack, by export name. */
export function exportIndex(stacks: readonly LoadedStack[]): ExportIndex {
  const index: ExportIndex = new Map();
  for (const { doc } of stacks) {
    for (const [name, value] of Object.entries(doc.exports ?? {})) {
      const id = exportedId(value);
      const r = id ? doc.resources[id] : undefined;
      if (id && r) index.set(name, { stack: doc.stack.name, address: id, type: r.type });
    }
  }
  return index;
}

/** The imports a stack uses that resolve to an export of the run; the others stay unresolved. */
export function importsOf(doc: StackDoc, index: ExportIndex): NonNullable<StackDoc['imports']> {
  const out: Record<string, { stack: string; address: string; type: string }> = {};
  for (const r of Object.values(doc.resources)) {
    for (const ref of r.references) {
      const target = ref.startsWith('import:') ? index.get(ref.slice('import:'.length)) : undefined;
      if (target) out[ref.slice('import:'.length)] = target;
    }
  }
  return out;
}
