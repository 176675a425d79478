import type { Tenant } from '../../infra/registry/tenant';
import type { RuleMeta } from '../toolchain/catalog';
import { exportIndex, importsOf } from './imports';
import { LoadedStack, Resource, StackDoc } from './model';
import type { EvalJob } from './policy';
import { sharedConstant, SharedText } from './pool';

/**
 * A stack's input document as UTF-8, encoded once, as the estate documents' member for the stack:
 * `,"NAME":` then the document, which starts at `docStart`. Everything before the resources ends at
 * `headEnd`, and each resource entry, with its type, spans [start, end) of `whole`.
 */
interface StackBytes {
  readonly whole: Buffer;
  readonly docStart: number;
  readonly headEnd: number;
  readonly resources: readonly (readonly [type: string, start: number, end: number])[];
}


/**
 * What the rules read of a resource. The construct path, Terraform's own address and a translated
 * resource's Terraform source are for the report only: left out, they cost the rules nothing to
 * parse (the construct path alone is a string per resource of a CDK estate).
 */
const forRules = ({ type, properties, references, labels, attributes }: Resource) => (attributes === undefined ? { type, properties, references, labels } : { type, properties, references, labels, attributes });
const COMMA = sharedConstant(',');
const OPEN_ESTATE = sharedConstant('{"stacks":{');

/** The pieces of each part, the parts separated by commas: a JSON list's or object's members. */
export function joined(parts: readonly (readonly Uint8Array[])[]): Uint8Array[] {
  return parts.flatMap((p, i) => (i === 0 ? p : [COMMA, ...p]));
}

/** Which resources an estate rule reads: those of its types that mention one of its `mentions`, if it declares them. */
interface Keep {
  readonly types: ReadonlySet<string>;
  readonly mentions?: readonly Buffer[];
}

/**
 * Appends to `into` the estate document's member for a stack with only the resources `keep` keeps
 * (without its leading comma when `first`): views of the stack's bytes, one per run of consecutive
 * kept resources (with their commas), the first run joined to the head and the last to the closing
 * `}}` when adjacent, so a stack whose resources are all kept is one view.
 */
function pushFiltered(into: Uint8Array[], { whole, headEnd, resources }: StackBytes, { types, mentions }: Keep, first: boolean): void {
  // The view being extended, [from, to), and whether it (or one pushed before) holds a resource.
  let [from, to, any] = [first ? 1 : 0, headEnd, false];
  for (const [type, start, end] of resources) {
    if (!types.has(type)) continue;
    if (mentions && !mentions.some((m) => whole.subarray(start, end).includes(m))) continue;
    // Adjacent: the first resource right after the head, or the next one after a comma.
    const adjacent = any ? start === to + COMMA.length : start === headEnd;
    if (!adjacent) {
      into.push(whole.subarray(from, to));
      if (any) into.push(COMMA);
      from = start;
    }
    to = end;
    any = true;
  }
  // The closing `}}` ends `whole`.
  if (to === whole.length - 2) into.push(whole.subarray(from));
  else into.push(whole.subarray(from, to), whole.subarray(whole.length - 2));
}

const importsAny = (doc: StackDoc) => Object.values(doc.resources).some((r) => r.references.some((ref) => ref.startsWith('import:')));

/**
 * The evaluations of a run: one per stack of `stacks`, and one per estate rule over every stack of
 * `estate`, each stack with its tenant's registry entry, the run's date (`today`, YYYY-MM-DD: the
 * rules judge dates, such as an offboarding tenant's window, on it, never on a clock of their own)
 * and its resolved imports. Each stack is
 * serialized and encoded once: the estate documents, one per rule with only the resource types it
 * declares, are made of views of the stack documents' bytes (building them as strings of their own
 * took most of the time spent building the jobs, in garbage collection). Made one at a time, so
 * the evaluation of the first can start while the next are made (and read: `stacks` may be read as
 * it is iterated). Without an `estate` of its own, the estate is `stacks`, and a stack that imports
 * waits until every stack is read, since an export it names may come later.
 */
export function* evaluationJobs(stacks: Iterable<LoadedStack>, estate: readonly LoadedStack[] | undefined, registry: readonly Tenant[], estateRules: readonly RuleMeta[], today: string): Generator<EvalJob> {
  const tenants = new Map(registry.map((t) => [t.id, t]));
  let exports = estate && exportIndex(estate);
  // In shared memory, so the second thread reads the documents where they are.
  const text = new SharedText();
  const encoded = new Map<StackDoc, StackBytes>();
  const bytesOf = (doc: StackDoc): StackBytes => {
    let b = encoded.get(doc);
    if (!b) {
      const tenant = (doc.stack.tenant && tenants.get(doc.stack.tenant)) || null;
      const name = `,${JSON.stringify(doc.stack.name)}:`;
      const head = `${name}{"stack":${JSON.stringify(doc.stack)},"tenant":${JSON.stringify(tenant)},"today":${JSON.stringify(today)},"imports":${JSON.stringify(exports ? importsOf(doc, exports) : {})},"resources":{`;
      // The head, then each resource's entry after a comma (none before the first), then the closing `}}`.
      const types: string[] = [];
      const parts = [head];
      for (const [address, r] of Object.entries(doc.resources)) {
        if (types.push(r.type) > 1) parts.push(',');
        parts.push(`${JSON.stringify(address)}:${JSON.stringify(forRules(r))}`);
      }
      parts.push('}}');
      const { bytes: whole, ends } = text.encodeAll(parts);
      // Entry k is part 2k + 1, after the part before it.
      const resources = types.map((type, k) => [type, ends[2 * k], ends[2 * k + 1]] as const);
      encoded.set(doc, (b = { whole, docStart: Buffer.byteLength(name), headEnd: ends[0], resources }));
    }
    return b;
  };

  const job = (stack: LoadedStack): EvalJob => {
    const { whole, docStart } = bytesOf(stack.doc);
    return { input: [whole.subarray(docStart)], what: `stack ${stack.doc.stack.name}`, stack };
  };
  const read: LoadedStack[] = [];
  const waiting: LoadedStack[] = [];
  for (const stack of stacks) {
    read.push(stack);
    if (!exports && importsAny(stack.doc)) waiting.push(stack);
    else yield job(stack);
  }
  exports ??= exportIndex(read);
  for (const stack of waiting) yield job(stack);
  if (estateRules.length === 0) return;
  const stacksOfEstate = estate ?? read;
  const all = stacksOfEstate.map(({ doc }) => bytesOf(doc));
  const [open, tenantsById] = [OPEN_ESTATE, text.encode(`},"tenants":${JSON.stringify(Object.fromEntries(tenants))}}`)];
  // An estate of one stack: its documents are that stack's whole document in this frame, at its name.
  const [one] = stacksOfEstate;
  const sameAs = stacksOfEstate.length === 1 ? { stack: one, frame: [open, tenantsById], at: ['stacks', one.doc.stack.name] } : undefined;
  for (const rule of estateRules) {
    const keep = { types: new Set(rule.resourceTypes), mentions: rule.mentions?.map((m) => Buffer.from(m)) };
    const input: Uint8Array[] = [open];
    all.forEach((bytes, i) => pushFiltered(input, bytes, keep, i === 0));
    input.push(tenantsById);
    yield { input, estatePackage: rule.package, what: `the estate (rule package ${rule.package})`, ...(sameAs && { sameAs }) };
  }
}
