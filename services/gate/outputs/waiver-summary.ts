import { Report } from '../model';

/**
 * The waiver summary, printed beside every human-readable output (and on stderr when none goes to
 * stdout): code-scanning UIs hide SARIF suppressions, so reviewers must see waivers somewhere.
 */
export function waiverSummary(report: Report): string[] {
  if (report.waivers.length === 0) return [];
  const { summary } = report;
  const lines = [`Waivers: ${summary.waived} finding${summary.waived === 1 ? '' : 's'} waived by ${report.waivers.length} waiver${report.waivers.length === 1 ? '' : 's'}`];
  for (const w of report.waivers) {
    const scope = Object.entries(w.scope).map(([k, v]) => `${k}=${v}`).join(' ');
    const note = w.status === 'expired' ? `EXPIRED ${w.expires}, waives nothing` : w.status === 'unused' ? `UNUSED: matched nothing${summary.strict ? ' (fails under --strict)' : ''}` : `${w.matched} waived, expires ${w.expires}`;
    lines.push(`  ${w.rule} ${scope}: ${note}; approved by ${w.approver}: ${w.reason}`);
  }
  return lines;
}
