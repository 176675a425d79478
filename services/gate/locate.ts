import * as fs from 'fs';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns that find where a resource is declared, per input kind, tried in order. */
function patterns(resource: string): RegExp[] {
  const dot = resource.lastIndexOf('.');
  const [type, name] = dot > 0 ? [resource.slice(0, dot).split('.').pop()!, resource.slice(dot + 1)] : ['', resource];
  return [
    new RegExp(`"address"\\s*:\\s*"${escape(resource)}"`), // Terraform plan JSON
    new RegExp(`^\\s*resource\\s+"${escape(type)}"\\s+"${escape(name)}"`, 'm'), // HCL
    new RegExp(`"${escape(type)}"\\s*:\\s*\\{[\\s\\S]*?"${escape(name)}"\\s*:`), // Terraform JSON: the name under its type
    new RegExp(`^\\s*"${escape(resource)}"\\s*:\\s*\\{`, 'm'), // CloudFormation JSON
    new RegExp(`^\\s+${escape(resource)}:\\s*$`, 'm'), // CloudFormation YAML
  ];
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
    for (const resource of resources) {
      for (const p of patterns(resource)) {
        const m = p.exec(text);
        if (!m) continue;
        // The line of the match's last character: for Terraform JSON that is the name, not its type.
        const end = m.index + m[0].length - 1;
        lines.set(`${file}\0${resource}`, text.slice(0, end).split('\n').length);
        break;
      }
    }
  }
  return lines;
}
