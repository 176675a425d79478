import { Resource, StackInfo } from './model';

/** Keeps only string-valued entries: labels and tags that are intrinsics or expressions say nothing reliable. */
export function stringEntries(pairs: [unknown, unknown][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) if (typeof k === 'string' && typeof v === 'string') out[k] = v;
  return out;
}

/** The value of one label when every labelled resource of the stack agrees on it, else null. */
function agreed(resources: Resource[], key: string): string | null {
  const values = new Set(resources.map((r) => r.labels[key]).filter((v) => v !== undefined));
  return values.size === 1 ? [...values][0] : null;
}

export function stackInfo(name: string, format: StackInfo['format'], resources: Record<string, Resource>): StackInfo {
  const list = Object.values(resources);
  return { name, format, tenant: agreed(list, 'tenant'), environment: agreed(list, 'environment'), tier: agreed(list, 'tier') };
}
