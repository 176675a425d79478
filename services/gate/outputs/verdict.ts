import { Report } from '../model';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line verdict every human-readable output ends with. */
export function verdict(report: Report): string {
  const { summary } = report;
  const rule = `--fail-on ${summary.failOn.join(',')}`;
  return summary.passed
    ? `PASSED: no open finding fails under ${rule} (${plural(summary.findings, 'finding')} in all)`
    : `FAILED: ${plural(summary.failing, 'open finding')} ${summary.failing === 1 ? 'fails' : 'fail'} under ${rule}`;
}
