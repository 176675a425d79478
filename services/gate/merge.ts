import * as fs from 'fs';
import { assembleReport } from './gate';
import { GateError, Report, RuleSummary } from './model';
import { WaiverResult } from './waivers';

function readReport(file: string): Report {
  let r: any;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GateError(`merge: cannot read ${file} as a JSON report: ${(e as Error).message}`);
  }
  if (r?.version !== 1 || !Array.isArray(r.findings) || !Array.isArray(r.stacks) || !Array.isArray(r.rules) || !r.summary) {
    throw new GateError(`merge: ${file} is not a cordon JSON report of version 1`);
  }
  return r as Report;
}

/**
 * Combines the JSON reports of the shards of one run into the report the unsharded run would
 * have made. The shards must share bundle, --fail-on, --strict and waivers, and no stack may
 * appear twice; anything else is an error, never a silent mix.
 */
export function mergeReports(files: readonly string[]): Report {
  if (files.length === 0) throw new GateError('merge: no report files given');
  const reports = files.map(readReport);
  const [first] = reports;
  const same = (what: string, f: (r: Report) => unknown) => {
    reports.forEach((r, i) => {
      if (JSON.stringify(f(r)) !== JSON.stringify(f(first))) throw new GateError(`merge: ${files[i]} differs from ${files[0]} in ${what}; merge only the shards of one run`);
    });
  };
  same('policy bundle', (r) => r.bundle);
  same('--fail-on', (r) => r.summary.failOn);
  same('--strict', (r) => r.summary.strict);
  same('waivers', (r) => r.waivers.map(({ status, matched, ...w }) => (status === 'expired' ? { ...w, status } : w)));
  same('rules', (r) => r.rules.map((x) => x.id));
  const seen = new Map<string, string>();
  reports.forEach((r, i) => r.stacks.forEach((s) => {
    if (seen.has(s.name)) throw new GateError(`merge: stack ${s.name} is in both ${seen.get(s.name)} and ${files[i]}`);
    seen.set(s.name, files[i]);
  }));

  const rules: RuleSummary[] = first.rules.map((rule, i) => ({
    ...rule,
    resources: reports.reduce((n, r) => n + r.rules[i].resources, 0),
    findings: reports.reduce((n, r) => n + r.rules[i].findings, 0),
  }));
  const waivers: WaiverResult[] = first.waivers.map((w, i) => {
    const matched = reports.reduce((n, r) => n + r.waivers[i].matched, 0);
    return { ...w, matched, status: w.status === 'expired' ? 'expired' : matched > 0 ? 'active' : 'unused' };
  });
  return assembleReport({
    bundle: first.bundle,
    rules,
    stacks: reports.flatMap((r) => r.stacks),
    findings: reports.flatMap((r) => r.findings),
    waivers,
    failOn: first.summary.failOn,
    strict: first.summary.strict,
    shard: null,
  });
}
