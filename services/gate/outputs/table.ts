import { Report } from '../model';
import type { RenderOptions } from './index';
import { verdict } from './verdict';
import { waiverSummary } from './waiver-summary';

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

const paint = (on: boolean | undefined, code: number, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** A readable report for a terminal or a CI log: one line per finding, then the verdict (coloured on a terminal only). */
export function renderTable(report: Report, { color }: RenderOptions = {}): string {
  const lines: string[] = [];
  const { summary } = report;
  lines.push(`cordon: ${summary.stacks} stacks, ${summary.resources} resources, ${report.bundle.rules} rules (bundle ${report.bundle.wasmSha256.slice(0, 12)})`);
  if (report.findings.length > 0) {
    lines.push('');
    lines.push(
      ...pad([
        ['RULE', 'SEVERITY', 'LEVEL', 'STATUS', 'STACK', 'RESOURCE', 'MESSAGE'],
        ...report.findings.map((f) => [f.rule, f.severity, f.level, f.status, f.stack, f.resource, f.message]),
      ]),
    );
    const rules = new Map(report.findings.map((f) => [f.rule, f.remediation]));
    lines.push('', 'Remediation:', ...[...rules].map(([rule, fix]) => `  ${rule}: ${fix}`));
  }
  const waivers = waiverSummary(report);
  if (waivers.length > 0) lines.push('', ...waivers);
  lines.push('', paint(color, report.summary.passed ? 32 : 31, verdict(report)));
  return `${lines.join('\n')}\n`;
}
