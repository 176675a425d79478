import type { Report } from '../../services/gate/model';

/**
 * A report of `count` tenants built by repeating `stacks` (and their findings) under tenant names
 * `tenant-0000`…: the size of a large estate without synthesizing one. One tenant in ten keeps the findings.
 */
export function repeatForTenants(stacks: Report['stacks'], report: Report, count: number): Report {
  const tenants = Array.from({ length: count }, (_, i) => `tenant-${String(i).padStart(4, '0')}`);
  const names = new Set(stacks.map((s) => s.name));
  const out = tenants.flatMap((t) => stacks.map((s) => ({ ...s, name: `${t}-${s.name}`, tenant: t })));
  const findings = tenants.filter((_, i) => i % 10 === 0).flatMap((t) => report.findings.filter((f) => names.has(f.stack)).map((f) => ({ ...f, stack: `${t}-${f.stack}` })));
  return {
    ...report,
    stacks: out,
    findings,
    summary: { ...report.summary, stacks: out.length, resources: out.reduce((n, s) => n + s.resources, 0), findings: findings.length },
  };
}
