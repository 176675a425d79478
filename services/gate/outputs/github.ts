import { fails } from '../fail-on';
import { Report } from '../model';

// Workflow command escaping: data escapes %, CR, LF; property values also escape : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: an error annotation per finding that fails the run, a warning
 * per other open finding, a notice per waived one, then the verdict as a notice.
 */
export function renderGithub(report: Report): string {
  const lines = report.findings.map((f) => {
    const kind = fails(f, report.summary.failOn) ? 'error' : f.status === 'open' ? 'warning' : 'notice';
    const title = `${f.rule}${f.status === 'open' ? '' : ` (${f.status})`}: ${f.title}`;
    // Where cordon's code created the construct when known (a fix goes there), else the template.
    const [file, line] = f.source ? [f.source.file, f.source.line] : [f.file, f.line];
    return `::${kind} file=${prop(file)}${line ? `,line=${line}` : ''},title=${prop(title)}::${data(`${f.stack} ${f.resource} ${f.path}: ${f.message}\nRemediation: ${f.remediation}`)}`;
  });
  for (const w of report.waivers.filter((x) => x.status !== 'active')) {
    lines.push(`::warning title=${prop(`cordon waiver ${w.status}`)}::${data(`${w.rule} ${JSON.stringify(w.scope)} (expires ${w.expires}, approved by ${w.approver}) ${w.status === 'expired' ? 'has expired and waives nothing' : 'matched no finding'}`)}`);
  }
  const { summary } = report;
  lines.push(`::notice title=cordon::${data(`${summary.passed ? 'passed' : 'failed'}: ${summary.failing} failing, ${summary.findings} findings over ${summary.stacks} stacks and ${summary.resources} resources`)}`);
  return `${lines.join('\n')}\n`;
}
