import type { Tenant } from '../../infra/registry/tenant';
import type { RuleMeta } from '../toolchain/catalog';
import { exportIndex, importsOf } from './imports';
import { LoadedStack, StackDoc } from './model';
import type { EvalJob } from './policy';

/**
 * A stack's input document as UTF-8, encoded once: everything before the resources ends at
 * `headEnd`, and each resource entry, with its type, spans [start, end) of `whole`.
 */
interface StackBytes {
  readonly whole: Buffer;
  readonly headEnd: number;
  readonly resources: readonly (readonly [type: string, start: number, end: number])[];
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const COMMA = utf8(',');

/**
 * A stack document with only the resources of `types`: views of its bytes, one per run of
 * consecutive kept resources (with their commas), so few pieces, and adjacent ones where possible.
 */
function filtered({ whole, headEnd, resources }: StackBytes, types: ReadonlySet<string>): Buffer[] {
  const out = [whole.subarray(0, headEnd)];
  let run: [number, number] | undefined;
  const flush = () => {
    if (run) out.push(...(out.length > 1 ? [COMMA] : []), whole.subarray(...run));
    run = undefined;
  };
  for (const [type, start, end] of resources) {
    if (!types.has(type)) flush();
    else run = [run ? run[0] : start, end];
  }
  flush();
  out.push(whole.subarray(whole.length - 2)); // the closing `}}`
  return out;
}

/**
 * The evaluations of a run: one per stack of `stacks`, and one per estate rule over every stack of
 * `estate`, each stack with its tenant's registry entry and its resolved imports. Each stack is
 * serialized and encoded once: the estate documents, one per rule with only the resource types it
 * declares, are made of views of the stack documents' bytes (building them as strings of their own
 * took most of the time spent building the jobs, in garbage collection).
 */
export function evaluationJobs(stacks: readonly LoadedStack[], estate: readonly LoadedStack[], registry: readonly Tenant[], estateRules: readonly RuleMeta[]): EvalJob[] {
  const tenants = new Map(registry.map((t) => [t.id, t]));
  const exports = exportIndex(estate);
  const encoded = new Map<StackDoc, StackBytes>();
  const bytesOf = (doc: StackDoc): StackBytes => {
    let b = encoded.get(doc);
    if (!b) {
      const tenant = (doc.stack.tenant && tenants.get(doc.stack.tenant)) || null;
      const head = `{"stack":${JSON.stringify(doc.stack)},"tenant":${JSON.stringify(tenant)},"imports":${JSON.stringify(importsOf(doc, exports))},"resources":{`;
      const entries = Object.entries(doc.resources).map(([address, r]) => [r.type, `${JSON.stringify(address)}:${JSON.stringify(r)}`] as const);
      const whole = utf8(`${head}${entries.map(([, e]) => e).join(',')}}}`);
      let at = Buffer.byteLength(head);
      const resources = entries.map(([type, e]) => {
        const start = at;
        at += Buffer.byteLength(e) + COMMA.length;
        return [type, start, at - COMMA.length] as const;
      });
      encoded.set(doc, (b = { whole, headEnd: Buffer.byteLength(head), resources }));
    }
    return b;
  };

  const jobs: EvalJob[] = stacks.map(({ doc }) => ({ input: [bytesOf(doc).whole], what: `stack ${doc.stack.name}` }));
  if (estateRules.length === 0) return jobs;
  const all = estate.map(({ doc }) => [utf8(`${JSON.stringify(doc.stack.name)}:`), bytesOf(doc)] as const);
  const [open, tenantsById] = [utf8('{"stacks":{'), utf8(`},"tenants":${JSON.stringify(Object.fromEntries(tenants))}}`)];
  for (const rule of estateRules) {
    const types = new Set(rule.resourceTypes);
    const input: Uint8Array[] = [open];
    all.forEach(([name, bytes], i) => input.push(...(i === 0 ? [] : [COMMA]), name, ...filtered(bytes, types)));
    input.push(tenantsById);
    jobs.push({ input, estatePackage: rule.package, what: `the estate (rule package ${rule.package})` });
  }
  return jobs;
}
