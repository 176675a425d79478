import { Report } from '../model';

/** The versioned JSON report (`version: 1`); see README "JSON report". */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
