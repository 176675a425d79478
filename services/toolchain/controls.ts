import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import type { RuleMeta } from './catalog';
import { ToolchainError } from './opa';
import { POLICIES_DIR } from './paths';

export const CLOUD_NAMES = ['aws', 'gcp'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** A trust center's own words for a promise, quoted verbatim from docs/trust-centers/<trustCenter>.txt. */
export interface Quote {
  readonly trustCenter: string;
  readonly text: string;
}

export interface Control {
  readonly id: string;
  readonly promise: string;
  /** Clouds where the control has meaning: each needs at least one rule. */
  readonly clouds: readonly CloudName[];
  readonly says: readonly Quote[];
  /** What the promise reaches that no rule checks yet. */
  readonly notCovered: readonly string[];
}

export const CONTROLS_FILE = path.join(POLICIES_DIR, 'controls.yaml');
export const OUTSIDE_SCOPE_FILE = path.join(POLICIES_DIR, 'outside-scope.yaml');

/** A trust-center promise no infrastructure can carry, and why. */
export interface OutsidePromise {
  readonly promise: string;
  readonly why: string;
}

const nonEmptyStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

/** Reads policies/controls.yaml: `<ID>: {promise, clouds, says, not_covered}` per trust-center control, in file order. */
export function loadControls(file: string = CONTROLS_FILE): Control[] {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) throw new ToolchainError(`${file}: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = doc.toJS() as Record<string, any>;
  const problems: string[] = [];
  const controls = Object.entries(raw ?? {}).map(([id, c]) => {
    if (!/^[A-Z]+-\d+$/.test(id)) problems.push(`${id}: expected an id like ENC-1`);
    if (typeof c?.promise !== 'string' || !c.promise.trim()) problems.push(`${id}.promise: expected the promise in words`);
    if (!Array.isArray(c?.clouds) || c.clouds.length === 0 || !c.clouds.every((x: string) => (CLOUD_NAMES as readonly string[]).includes(x))) {
      problems.push(`${id}.clouds: expected a non-empty list of ${CLOUD_NAMES.join(' | ')}`);
    }
    const says = Array.isArray(c?.says) ? c.says : [];
    const quotes = says.map((q: unknown) => (q && typeof q === 'object' && !Array.isArray(q) ? Object.entries(q) : [])).map((e: [string, unknown][]) => (e.length === 1 && typeof e[0][1] === 'string' && e[0][1].trim() !== '' ? { trustCenter: e[0][0], text: e[0][1] } : null));
    if (quotes.length === 0 || quotes.includes(null)) problems.push(`${id}.says: expected a non-empty list of {<trust center>: "<its words>"}`);
    if (!nonEmptyStrings(c?.not_covered)) problems.push(`${id}.not_covered: expected a list of strings (empty when the rules cover everything)`);
    return { id, promise: c?.promise, clouds: c?.clouds, says: quotes, notCovered: c?.not_covered } as Control;
  });
  if (problems.length > 0) throw new ToolchainError(`${file} is invalid:\n  ${problems.join('\n  ')}`);
  return controls;
}

/** Reads policies/outside-scope.yaml (`<ID>: {promise, why}`): the promises the evidence page lists as outside what cordon proves. */
export function loadOutsideScope(file: string = OUTSIDE_SCOPE_FILE): OutsidePromise[] {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) throw new ToolchainError(`${file}: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = doc.toJS() as unknown;
  const entries = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw as Record<string, any>) : [];
  const ok = (o: any) => typeof o?.promise === 'string' && o.promise.trim() !== '' && typeof o?.why === 'string' && o.why.trim() !== '';
  const bad = entries.filter(([, o]) => !ok(o)).map(([id]) => id);
  if (entries.length === 0 || bad.length > 0) throw new ToolchainError(`${file} is invalid: expected a mapping of ID: {promise, why}, both non-empty strings; ${bad.length > 0 ? `${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not` : 'it has no entry'}`);
  return entries.map(([, o]) => ({ promise: o.promise, why: o.why }));
}

/** The clouds a rule covers, read from the resource types it reads. */
export function cloudsOf(rule: Pick<RuleMeta, 'resourceTypes'>): CloudName[] {
  const out = new Set<CloudName>();
  for (const t of rule.resourceTypes) {
    if (t.startsWith('AWS::')) out.add('aws');
    else if (t.startsWith('google_')) out.add('gcp');
  }
  return [...out].sort();
}

/** Rules naming controls that controls.yaml does not define: the build refuses them. */
export function unknownControls(rules: readonly RuleMeta[], controls: readonly Control[]): string[] {
  const ids = new Set(controls.map((c) => c.id));
  return rules.flatMap((r) => r.controls.filter((c) => !ids.has(c)).map((c) => `${r.file}: rule ${r.id} names control ${c}, which ${path.relative(process.cwd(), CONTROLS_FILE)} does not define`));
}
