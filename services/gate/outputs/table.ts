import { SEVERITIES } from '../../toolchain/catalog';
import { fails } from '../fail-on';
import { Finding, Report } from '../model';
import type { RenderOptions } from './index';
import { verdict } from './verdict';
import { waiverSummary } from './waiver-summary';

/** The terminal width the table is laid out for. */
export const TABLE_WIDTH = 100;

const paint = (on: boolean | undefined, code: number, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** `text` broken at spaces into lines of at most `width` characters after `indent` (a longer word stands alone). */
export function wrap(text: string, indent: string, width = TABLE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Where a finding is: stack and resource, then its file and line when they fit on the line, else
 * below; the file is where cordon's code created the construct when known, else the template.
 */
function whereLines(f: Finding): string[] {
  const where = `      ${f.stack}  ${f.construct ? `${f.resource} (${f.construct})` : f.resource}${f.status === 'open' ? '' : `  [${f.status}]`}`;
  const loc = f.source ? `${f.source.file}:${f.source.line}` : `${f.file}${f.line ? `:${f.line}` : ''}`;
  return where.length + 2 + loc.length <= TABLE_WIDTH ? [`${where}  ${loc}`] : [where, `        ${loc}`];
}

/**
 * A readable report for a terminal or a CI log, within 100 columns: findings grouped by rule (those
 * failing the run first, then by severity), within a rule by cause (its message), each cause with
 * the resources it was found on; the rule's remediation once; then waivers and the verdict
 * (coloured on a terminal only).
 */
export function renderTable(report: Report, { color }: RenderOptions = {}): string {
  const lines: string[] = [];
  const { summary } = report;
  lines.push(`cordon: ${summary.stacks} stacks, ${summary.resources} resources, ${report.bundle.rules} rules (bundle ${report.bundle.wasmSha256.slice(0, 12)})`);
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const failing = (fs: Finding[]) => fs.some((f) => fails(f, summary.failOn));
  const groups = [...byRule.values()].sort((a, b) => Number(failing(b)) - Number(failing(a)) || SEVERITIES.indexOf(a[0].severity) - SEVERITIES.indexOf(b[0].severity) || a[0].rule.localeCompare(b[0].rule));
  for (const findings of groups) {
    const f0 = findings[0];
    const counts = (['open', 'waived', 'baseline'] as const).map((s) => [s, findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
    lines.push('', paint(color && failing(findings), 31, `${f0.rule}  ${f0.severity}  ${plural(findings.length, 'finding')} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})${failing(findings) ? '  FAILS' : ''}`));
    lines.push(...wrap(f0.title, '  '));
    const causes = new Map<string, Finding[]>();
    for (const f of findings) {
      const cause = `${f.level === 'unverifiable' ? 'unverifiable: ' : f.level === 'advisory' ? 'advisory: ' : ''}${f.message}`;
      causes.set(cause, [...(causes.get(cause) ?? []), f]);
    }
    for (const [cause, fs] of causes) lines.push(...wrap(cause, '  - ').map((l, i) => (i === 0 ? l : `    ${l.slice(4)}`)), ...fs.flatMap(whereLines));
    lines.push(...wrap(`Fix: ${f0.remediation}`, '  '));
  }
  const waivers = waiverSummary(report);
  if (waivers.length > 0) lines.push('', ...waivers);
  lines.push('', paint(color, report.summary.passed ? 32 : 31, verdict(report)));
  return `${lines.join('\n')}\n`;
}
