import { assembleReport } from './gate';
import { GateError, Report } from './model';

/**
 * The report cut to one tenant's stacks, for the evidence a customer receives: its stacks, their
 * findings, the waivers that name the tenant or one of its stacks, and each rule's resources and
 * findings counted over those stacks only; no other tenant's name is left in it. Shared stacks (no
 * tenant) are not the tenant's and are left out.
 */
export function reportForTenant(report: Report, tenant: string): Report {
  const stacks = report.stacks.filter((s) => s.tenant === tenant);
  if (stacks.length === 0) {
    const known = [...new Set(report.stacks.map((s) => s.tenant).filter((t): t is string => t !== null))].sort();
    throw new GateError(`--tenant: no stack of tenant "${tenant}" in the report; its tenants are ${known.join(', ') || 'none'}`);
  }
  const untyped = stacks.find((s) => !s.types);
  if (untyped) throw new GateError(`--tenant: the report has no resource types for stack ${untyped.name} (written by an older cordon); run cordon check again`);
  const names = new Set(stacks.map((s) => s.name));
  const findings = report.findings.filter((f) => names.has(f.stack));
  const waivers = report.waivers.filter((w) => (w.scope.tenant === undefined || w.scope.tenant === tenant) && (w.scope.stack === undefined || names.has(w.scope.stack)) && (w.scope.tenant !== undefined || w.scope.stack !== undefined));
  return assembleReport({
    bundle: report.bundle,
    rules: report.rules.map((r) => ({
      ...r,
      resources: stacks.reduce((n, s) => n + r.resourceTypes.reduce((m, t) => m + (s.types![t] ?? 0), 0), 0),
      findings: findings.filter((f) => f.rule === r.id).length,
    })),
    stacks,
    findings,
    waivers,
    failOn: report.summary.failOn,
    strict: report.summary.strict,
    shard: report.summary.shard,
    today: report.summary.today,
  });
}
