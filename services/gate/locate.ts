import * as fs from 'fs';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Declarations found in one pass over a file, by the name each kind of input gives a resource: plan
 * JSON `"address": "..."`, HCL `resource "type" "name"` (as type.name), CloudFormation JSON `"Id": {`
 * and YAML `  Id:`. Each maps to the offset of the match's last character (the first declaration
 * wins). Searching the whole text once per resource was quadratic on a plan of 85,000 resources.
 */
const DECLARATIONS: readonly [string, RegExp, (m: RegExpExecArray) => string][] = [
  ['plan', /"address"\s*:\s*"([^"\\]+)"/g, (m) => m[1]],
  ['hcl', /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/gm, (m) => `${m[1]}.${m[2]}`],
  ['cfn-json', /^\s*"([^"\\]+)"\s*:\s*\{/gm, (m) => m[1]],
  ['cfn-yaml', /^\s+([A-Za-z0-9]+):\s*$/gm, (m) => m[1]],
];

/** Only the names in `wanted` are kept: a plan declares every resource, and only a few have findings. */
function declarations(text: string, wanted: ReadonlySet<string>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [kind, re, key] of DECLARATIONS) {
    const found = new Map<string, number>();
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const k = key(m);
      if (wanted.has(k) && !found.has(k)) found.set(k, m.index + m[0].length - 1);
    }
    out.set(kind, found);
  }
  return out;
}

/** Line (1-based) of each offset, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** A resource's type (the segment before its name, '' when none) and name. */
function typeAndName(resource: string): [string, string] {
  const dot = resource.lastIndexOf('.');
  return dot > 0 ? [resource.slice(0, dot).split('.').pop()!, resource.slice(dot + 1)] : ['', resource];
}

/** Where a resource is declared, trying each kind of input in order; undefined when not found. */
function offsetOf(text: string, found: Map<string, Map<string, number>>, resource: string): number | undefined {
  const [type, name] = typeAndName(resource);
  const inPlanOrHcl = found.get('plan')!.get(resource) ?? found.get('hcl')!.get(`${type}.${name}`);
  if (inPlanOrHcl !== undefined) return inPlanOrHcl;
  if (type) {
    // Terraform JSON: the name under its type (a nested key, so searched per resource; stacks are small).
    const m = new RegExp(`"${escape(type)}"\\s*:\\s*\\{[\\s\\S]*?"${escape(name)}"\\s*:`).exec(text);
    if (m) return m.index + m[0].length - 1;
  }
  return found.get('cfn-json')!.get(resource) ?? found.get('cfn-yaml')!.get(resource);
}

/**
 * Line numbers (1-based) where resources are declared in their input files, for SARIF and
 * annotations. Files are only searched as text, once each, and only those with findings; a
 * resource not found (or a folder of HCL files) has no line, never a wrong one.
 */
export function locateLines(wanted: readonly { file: string; resource: string }[]): Map<string, number> {
  const lines = new Map<string, number>();
  const byFile = new Map<string, Set<string>>();
  for (const w of wanted) byFile.set(w.file, (byFile.get(w.file) ?? new Set()).add(w.resource));
  for (const [file, resources] of byFile) {
    let text: string;
    try {
      if (!fs.statSync(file).isFile()) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    // Each resource is looked up under its own name (plan, CloudFormation) and as type.name (HCL).
    const found = declarations(text, new Set([...resources].flatMap((r) => [r, typeAndName(r).join('.')])));
    const lineOf = lineIndex(text);
    for (const resource of resources) {
      const offset = offsetOf(text, found, resource);
      if (offset !== undefined) lines.set(`${file}\0${resource}`, lineOf(offset));
    }
  }
  return lines;
}
