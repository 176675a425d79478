import { fails } from '../fail-on';
import { Report } from '../model';
import { verdict } from './verdict';
import { waiverSummary } from './waiver-summary';

/** Rows shown before the table is cut, so a PR comment stays under GitHub's 65,536-character limit. */
export const MARKDOWN_MAX_ROWS = 100;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Markdown for a pull-request comment: verdict, counts, the findings that fail first. */
export function renderMarkdown(report: Report): string {
  const { summary } = report;
  const out = [
    `### cordon: ${summary.passed ? '✅ passed' : '❌ failed'}`,
    '',
    `${summary.stacks} stacks, ${summary.resources} resources, ${report.bundle.rules} rules (bundle \`${report.bundle.wasmSha256.slice(0, 12)}\`). ${verdict(report)}`,
  ];
  if (report.findings.length > 0) {
    const ordered = [...report.findings].sort((a, b) => Number(fails(b, summary.failOn)) - Number(fails(a, summary.failOn)));
    out.push('', '| | rule | severity | stack | resource | finding |', '|---|---|---|---|---|---|');
    for (const f of ordered.slice(0, MARKDOWN_MAX_ROWS)) {
      const mark = fails(f, summary.failOn) ? '❌' : f.status === 'open' ? '⚠️' : `💤 ${f.status}`;
      out.push(`| ${mark} | ${cell(f.rule)} | ${f.severity} | ${cell(f.stack)} | \`${cell(f.resource)}\` | ${cell(f.message)} |`);
    }
    if (ordered.length > MARKDOWN_MAX_ROWS) out.push('', `…and ${ordered.length - MARKDOWN_MAX_ROWS} more; see the full report artifact.`);
    const rules = [...new Map(ordered.map((f) => [f.rule, f.remediation]))];
    out.push('', '<details><summary>Remediation</summary>', '', ...rules.map(([rule, fix]) => `- **${rule}**: ${cell(fix)}`), '', '</details>');
  }
  const waivers = waiverSummary(report);
  if (waivers.length > 0) out.push('', '```', ...waivers, '```');
  return `${out.join('\n')}\n`;
}
