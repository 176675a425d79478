import type { Tenant } from '../../infra/registry/tenant';
import type { RuleMeta } from '../toolchain/catalog';
import { exportIndex, importsOf } from './imports';
import { LoadedStack, StackDoc } from './model';
import type { EvalJob } from './policy';

/**
 * A stack's input document as UTF-8, encoded once, with views of its parts: everything before the
 * resources, and each resource entry with its type.
 */
interface StackBytes {
  readonly whole: Buffer;
  readonly head: Buffer;
  readonly resources: readonly (readonly [type: string, entry: Buffer])[];
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const [COMMA, CLOSE_TWO] = [utf8(','), utf8('}}')];

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
        const entry = whole.subarray(at, (at += Buffer.byteLength(e)));
        at += COMMA.length;
        return [type, entry] as const;
      });
      encoded.set(doc, (b = { whole, head: whole.subarray(0, Buffer.byteLength(head)), resources }));
    }
    return b;
  };

  const jobs: EvalJob[] = stacks.map(({ doc }) => ({ input: [bytesOf(doc).whole], what: `stack ${doc.stack.name}` }));
  if (estateRules.length === 0) return jobs;
  const all = estate.map(({ doc }) => [utf8(`${JSON.stringify(doc.stack.name)}:`), bytesOf(doc)] as const);
  const tenantsById = utf8(`},"tenants":${JSON.stringify(Object.fromEntries(tenants))}}`);
  for (const rule of estateRules) {
    const types = new Set(rule.resourceTypes);
    const input: Uint8Array[] = [utf8('{"stacks":{')];
    all.forEach(([name, { head, resources }], i) => {
      input.push(...(i === 0 ? [] : [COMMA]), name, head);
      let first = true;
      for (const [type, entry] of resources) {
        if (!types.has(type)) continue;
        if (!first) input.push(COMMA);
        input.push(entry);
        first = false;
      }
      input.push(CLOSE_TWO);
    });
    input.push(tenantsById);
    jobs.push({ input, estatePackage: rule.package, what: `the estate (rule package ${rule.package})` });
  }
  return jobs;
}
