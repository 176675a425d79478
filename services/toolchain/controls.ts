import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import type { RuleMeta } from './catalog';
import { ToolchainError } from './opa';
import { POLICIES_DIR } from './paths';

export const CLOUD_NAMES = ['aws', 'gcp'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface Control {
  readonly id: string;
  readonly promise: string;
  /** Clouds where the control has meaning: each needs at least one rule. */
  readonly clouds: readonly CloudName[];
}

export const CONTROLS_FILE = path.join(POLICIES_DIR, 'controls.yaml');

/** Reads policies/controls.yaml: `<ID>: {promise, clouds}` per trust-center control, in file order. */
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
    return { id, promise: c?.promise, clouds: c?.clouds } as Control;
  });
  if (problems.length > 0) throw new ToolchainError(`${file} is invalid:\n  ${problems.join('\n  ')}`);
  return controls;
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
