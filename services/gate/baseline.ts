import * as fs from 'fs';
import { GateError, Report } from './model';

/**
 * Fingerprints of the findings a previous JSON report (`--baseline`) accepted as known: open or
 * already baselined, never waived (a waiver ends; the baseline must not outlive it). Anything but a
 * cordon report of version 1 made with the same policy bundle is refused: a baseline that silently
 * read as empty would make every old finding fail, one that read as "everything" would hide new
 * ones, and one from other rules would match fingerprints those rules no longer mean.
 */
export function loadBaseline(file: string, bundle: Pick<Report['bundle'], 'wasmSha256'>): Set<string> {
  let report: any;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GateError(`--baseline ${file}: cannot read a JSON report: ${(e as Error).message}`);
  }
  if (report?.version !== 1 || !Array.isArray(report.findings) || !report.findings.every((f: any) => typeof f?.fingerprint === 'string' && typeof f?.status === 'string')) {
    throw new GateError(`--baseline ${file}: expected a cordon JSON report (version 1, findings with fingerprints), received something else`);
  }
  if (report.bundle?.wasmSha256 !== bundle.wasmSha256) {
    throw new GateError(`--baseline ${file}: made with policy bundle ${String(report.bundle?.wasmSha256).slice(0, 12)}, this run uses ${bundle.wasmSha256.slice(0, 12)}; make a new baseline with this bundle`);
  }
  return new Set(report.findings.filter((f: { status: string }) => f.status === 'open' || f.status === 'baseline').map((f: { fingerprint: string }) => f.fingerprint));
}
