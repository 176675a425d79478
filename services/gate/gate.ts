import type { Tenant } from '../../infra/registry/tenant';
import { sha256 } from '../toolchain/policy-sources';
import { Finding, LoadedStack, Report } from './model';
import { PolicyBundle } from './policy';

/** Stable identity of a finding: what broke where, independent of message wording or file order. */
export function fingerprint(rule: string, stack: string, resource: string, propertyPath: string): string {
  return sha256([rule, stack, resource, propertyPath].join('\0')).slice(0, 32);
}

/**
 * Evaluates every stack against the bundle and builds the report. Registry entries, when given,
 * are attached to the stacks of their tenant so rules can compare a stack with its tenant's contract.
 */
export function runGate(stacks: readonly LoadedStack[], bundle: PolicyBundle, registry: readonly Tenant[] = []): Report {
  const tenants = new Map(registry.map((t) => [t.id, t]));
  const findings: Finding[] = [];
  for (const { doc, file } of stacks) {
    const input = { ...doc, tenant: (doc.stack.tenant && tenants.get(doc.stack.tenant)) || null };
    for (const raw of bundle.evaluate(input)) {
      const meta = bundle.rules.get(raw.rule)!;
      findings.push({
        rule: meta.id,
        controls: meta.controls,
        title: meta.title,
        stack: doc.stack.name,
        resource: raw.resource,
        file,
        path: raw.path,
        severity: meta.severity,
        level: meta.level,
        message: raw.message,
        remediation: meta.remediation,
        fingerprint: fingerprint(meta.id, doc.stack.name, raw.resource, raw.path),
        status: 'open',
      });
    }
  }
  findings.sort((a, b) => a.stack.localeCompare(b.stack) || a.resource.localeCompare(b.resource) || a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
  const resources = stacks.reduce((n, s) => n + Object.keys(s.doc.resources).length, 0);
  const mandatoryOpen = findings.filter((f) => f.status === 'open' && f.level === 'mandatory').length;
  return {
    version: 1,
    bundle: { opaVersion: bundle.manifest.opaVersion, wasmSha256: bundle.manifest.wasmSha256, sourcesSha256: bundle.manifest.sourcesSha256, rules: bundle.rules.size },
    stacks: stacks.map((s) => ({ name: s.doc.stack.name, file: s.file, format: s.doc.stack.format, tenant: s.doc.stack.tenant, resources: Object.keys(s.doc.resources).length })),
    findings,
    summary: { stacks: stacks.length, resources, findings: findings.length, mandatoryOpen, passed: mandatoryOpen === 0 },
  };
}

/** Exit code as a pure function of the report: 0 passed, 1 open mandatory findings. (2 is for errors.) */
export function exitCode(report: Report): 0 | 1 {
  return report.summary.passed ? 0 : 1;
}
