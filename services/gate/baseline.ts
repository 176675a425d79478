import * as fs from 'fs';
import { GateError } from './model';

/**
 * Fingerprints of a previous JSON report (`--baseline`). Anything but a cordon report of version 1
 * is refused: a baseline that silently read as empty would make every old finding fail, and one
 * that read as "everything" would hide new ones.
 */
export function loadBaseline(file: string): Set<string> {
  let report: any;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GateError(`--baseline ${file}: cannot read a JSON report: ${(e as Error).message}`);
  }
  if (report?.version !== 1 || !Array.isArray(report.findings) || !report.findings.every((f: any) => typeof f?.fingerprint === 'string')) {
    throw new GateError(`--baseline ${file}: expected a cordon JSON report (version 1, findings with fingerprints), received something else`);
  }
  return new Set(report.findings.map((f: { fingerprint: string }) => f.fingerprint));
}
