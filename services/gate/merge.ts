import * as fs from 'fs';
import { assembleReport } from './gate';
import { GateError, Report, RuleSummary } from './model';
import { parseShard } from './shard';
import { WaiverResult } from './waivers';

/** Reads a JSON report (`version: 1`) written by check or merge. */
export function readReport(file: string): Report {
  let r: any;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GateError(`cannot read ${file} as a JSON report: ${(e as Error).message}`);
  }
  if (r?.version !== 1 || !Array.isArray(r.findings) || !Array.isArray(r.stacks) || !Array.isArray(r.rules) || !r.summary) {
    throw new GateError(`${file} is not a cordon JSON report of version 1`);
  }
  return r as Report;
}

/**
 * The reports must be every shard of one split exactly once: a missing shard's stacks were never
 * judged, so merging without it would pass them unseen.
 */
function checkComplete(files: readonly string[], reports: readonly Report[]): void {
  const shards = reports.map((r, i) => {
    const shard = r.summary.shard === null ? null : parseShard(r.summary.shard);
    if (!shard) throw new GateError(`merge: ${files[i]} is not a shard's report (it was gated without --shard); merge only the shards of one run`);
    return shard;
  });
  const count = shards[0].count;
  const byIndex = new Map<number, string>();
  shards.forEach((s, i) => {
    if (s.count !== count) throw new GateError(`merge: ${files[i]} is shard ${s.index}/${s.count}, ${files[0]} is of ${count} shards; merge only the shards of one run`);
    if (byIndex.has(s.index)) throw new GateError(`merge: shard ${s.index}/${count} is given twice (${byIndex.get(s.index)} and ${files[i]})`);
    byIndex.set(s.index, files[i]);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new GateError(`merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: their stacks were not judged; merge every shard of the run`);
}

/**
 * Combines the JSON reports of the shards of one run into the report the unsharded run would
 * have made. The reports must be every shard of the run (each once), share bundle, --fail-on,
 * --strict, waivers and the date judged on, and no stack may appear twice; anything else is an error, never a silent mix.
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
  // A waiver or a rule's date judged on another day is another verdict.
  same('the date judged on (--today)', (r) => r.summary.today);
  same('waivers', (r) => r.waivers.map(({ status, matched, ...w }) => (status === 'expired' ? { ...w, status } : w)));
  same('rules', (r) => r.rules.map((x) => x.id));
  const seen = new Map<string, string>();
  reports.forEach((r, i) => r.stacks.forEach((s) => {
    if (seen.has(s.name)) throw new GateError(`merge: stack ${s.name} is in both ${seen.get(s.name)} and ${files[i]}`);
    seen.set(s.name, files[i]);
  }));
  checkComplete(files, reports);

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
    today: first.summary.today,
  });
}
