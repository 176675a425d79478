import type { Tenant } from '../../infra/registry/tenant';
import { sha256 } from '../toolchain/policy-sources';
import type { RuleMeta } from '../toolchain/catalog';
import { DEFAULT_FAIL_ON, fails } from './fail-on';
import { Finding, LoadedStack, Report, RuleSummary } from './model';
import { PolicyBundle } from './policy';

/** Stable identity of a finding: what broke where, independent of message wording or file order. */
export function fingerprint(rule: string, stack: string, resource: string, propertyPath: string): string {
  return sha256([rule, stack, resource, propertyPath].join('\0')).slice(0, 32);
}

/**
 * Evaluates every stack against the bundle and builds the report. Registry entries, when given,
 * are attached to the stacks of their tenant so rules can compare a stack with its tenant's contract.
 */
export function runGate(stacks: readonly LoadedStack[], bundle: PolicyBundle, registry: readonly Tenant[] = [], failOn: readonly string[] = DEFAULT_FAIL_ON): Report {
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
  const failing = findings.filter((f) => fails(f, failOn)).length;
  return {
    version: 1,
    bundle: { opaVersion: bundle.manifest.opaVersion, wasmSha256: bundle.manifest.wasmSha256, sourcesSha256: bundle.manifest.sourcesSha256, rules: bundle.rules.size },
    rules: ruleSummaries(stacks, [...bundle.rules.values()], findings),
    stacks: stacks.map((s) => {
      const types = new Set(Object.values(s.doc.resources).map((r) => r.type));
      const rules = [...bundle.rules.values()].filter((r) => r.resourceTypes.some((t) => types.has(t))).map((r) => r.id).sort();
      return { name: s.doc.stack.name, file: s.file, format: s.doc.stack.format, tenant: s.doc.stack.tenant, resources: Object.keys(s.doc.resources).length, rules };
    }),
    findings,
    summary: { stacks: stacks.length, resources, findings: findings.length, mandatoryOpen, failOn, failing, passed: failing === 0 },
  };
}

/** Each rule's metadata with the resources of its types it checked and the findings it made. */
function ruleSummaries(stacks: readonly LoadedStack[], rules: readonly RuleMeta[], findings: readonly Finding[]): RuleSummary[] {
  const byType = new Map<string, number>();
  for (const s of stacks) for (const r of Object.values(s.doc.resources)) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  return rules
    .map(({ id, title, description, severity, level, controls, remediation, resourceTypes }) => ({
      id, title, description, severity, level, controls, remediation, resourceTypes,
      resources: resourceTypes.reduce((n, t) => n + (byType.get(t) ?? 0), 0),
      findings: findings.filter((f) => f.rule === id).length,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Exit code as a pure function of the report: 0 passed, 1 findings failing under `--fail-on`. (2 is for errors.) */
export function exitCode(report: Report): 0 | 1 {
  return report.summary.passed ? 0 : 1;
}
