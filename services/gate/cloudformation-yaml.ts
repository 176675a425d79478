import { parseDocument } from 'yaml';
import type { CollectionTag, ScalarTag } from 'yaml';

// Short forms CloudFormation accepts in YAML; each becomes its JSON long form (`!Sub x` -> {"Fn::Sub": x}).
const FUNCTIONS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'If', 'Equals', 'Not', 'And', 'Or', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'GetAZs', 'Transform', 'Length', 'ToJsonString'];
const longName = (f: string) => (f === 'Ref' || f === 'Condition' ? f : `Fn::${f}`);

const TAGS: (ScalarTag | CollectionTag)[] = FUNCTIONS.flatMap((f) => [
  // `!GetAtt Res.Attr.Sub` is [Res, "Attr.Sub"]: the logical id never holds a dot, attributes may.
  { tag: `!${f}`, resolve: (v: string) => ({ [longName(f)]: f === 'GetAtt' ? v.split(/\.(.*)/s, 2) : v }) },
  { tag: `!${f}`, collection: 'seq' as const, resolve: (v: { toJSON(): unknown }) => ({ [longName(f)]: v.toJSON() }) },
  { tag: `!${f}`, collection: 'map' as const, resolve: (v: { toJSON(): unknown }) => ({ [longName(f)]: v.toJSON() }) },
]);

/** Parses a CloudFormation YAML template, short-form tags included, into its JSON form. Throws on a YAML error. */
export function parseCloudFormationYaml(text: string): unknown {
  const doc = parseDocument(text, { customTags: TAGS, uniqueKeys: true, prettyErrors: true });
  // An unknown tag would be read as its plain value: refused, as CloudFormation refuses it.
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  if (problems.length > 0) {
    const e = problems[0];
    const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new Error(`${e.message.split('\n')[0]}${at}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}
