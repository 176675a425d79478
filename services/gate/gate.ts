import type { Tenant } from '../../infra/registry/tenant';
import { sha256 } from '../toolchain/policy-sources';
import type { RuleMeta } from '../toolchain/catalog';
import { checkedValues, pathsByType } from './checked-values';
import { DEFAULT_FAIL_ON, fails } from './fail-on';
import { collecting } from './inputs';
import { evaluationJobs } from './jobs';
import { Finding, GateError, LoadedStack, Report, RuleSummary } from './model';
import { locateLines } from './locate';
import { terraformPath } from './terraform-aws';
import { EvalOptions, PolicyBundle, RawFinding } from './policy';
import { covers, gateDay, isExpired, Waiver, WaiverResult } from './waivers';

/** Stable identity of a finding: what broke where, independent of message wording or file order. */
export function fingerprint(rule: string, stack: string, resource: string, propertyPath: string): string {
  return sha256([rule, stack, resource, propertyPath].join('\0')).slice(0, 32);
}

export interface GateOptions extends Pick<EvalOptions, 'parallelBytes' | 'onEvaluated' | 'reuseStackResults' | 'releaseHeapBytes' | 'parseOnce'> {
  /** Registry entries, attached to their tenant's stacks so rules can compare a stack with its contract. */
  readonly registry?: readonly Tenant[];
  /** `--fail-on` terms. @default ['mandatory'] */
  readonly failOn?: readonly string[];
  readonly waivers?: readonly Waiver[];
  /** Fingerprints of a previous report: findings among them do not fail (`--baseline`). */
  readonly baseline?: ReadonlySet<string>;
  /** Unused waivers fail the run. @default false */
  readonly strict?: boolean;
  /**
   * The UTC date (YYYY-MM-DD) the run is judged on: waiver expiry, and the rules' `today` (an
   * offboarding tenant's window, RET-5-SHRED). @default the real clock's UTC date
   */
  readonly today?: string;
  /** `i/n` when these stacks are one shard of a larger run. */
  readonly shard?: string;
  /**
   * Every stack of the run, for the estate rules and for resolving CloudFormation imports, when
   * `stacks` is only a shard of it. @default stacks
   */
  readonly estate?: readonly LoadedStack[];
  /** Whether this run evaluates the estate rules; a sharded run does it in its first shard only. @default true */
  readonly estateRules?: boolean;
  /** Called as evaluations complete (one per batch of stacks, one per estate rule), for a progress display. */
  readonly onStack?: (done: number, total: number) => void;
  /**
   * Whether the report lists, per stack, the values of the properties the rules judge
   * (`stacks[].checked`, what the evidence page shows). Off when no output shows them: on the
   * 1,000-tenant estate they are a tenth of the gate's time. @default true
   */
  readonly checkedValues?: boolean;
}

/**
 * Evaluates every stack against the bundle, applies waivers and baseline, and builds the report.
 * `stacks` may be read as it is iterated (readInputs): the evaluation starts on the first stacks
 * while the next are read.
 */
export function runGate(stacks: Iterable<LoadedStack>, bundle: PolicyBundle, options: GateOptions = {}): Report {
  const { registry = [], failOn = DEFAULT_FAIL_ON, waivers = [], baseline = new Set<string>(), strict = false } = options;
  const today = gateDay(options.today, 'today');
  const live = waivers.filter((w) => !isExpired(w, today));
  const matched = new Map<Waiver, number>();
  const findings: Finding[] = [];
  const record = (raw: RawFinding, { doc, file, sources }: LoadedStack) => {
    const meta = bundle.rules.get(raw.rule)!;
    // A translated Terraform resource is reported in Terraform's terms (its attribute, not the CloudFormation property).
    const r = doc.resources[raw.resource];
    const terraform = r?.terraform;
    if (terraform) raw = { ...raw, path: terraformPath(terraform, raw.path) };
    // Under Terraform's own address (a local module's resource), so findings, waivers and fingerprints name what Terraform names.
    const construct = r?.path;
    const source = construct ? sources?.get(construct) : undefined;
    if (r?.address) raw = { ...raw, resource: r.address };
    const print = fingerprint(meta.id, doc.stack.name, raw.resource, raw.path);
    const waiver = live.find((w) => covers(w, { rule: meta.id, stack: doc.stack.name, tenant: doc.stack.tenant, resource: raw.resource }));
    if (waiver) matched.set(waiver, (matched.get(waiver) ?? 0) + 1);
    findings.push({
      rule: meta.id,
      controls: meta.controls,
      title: meta.title,
      stack: doc.stack.name,
      resource: raw.resource,
      file,
      ...(construct && { construct }),
      ...(source && { source }),
      path: raw.path,
      severity: meta.severity,
      // What a mandatory rule cannot verify is its own level, failing by default (fail closed).
      level: raw.unverifiable && meta.level === 'mandatory' ? 'unverifiable' : meta.level,
      message: raw.message,
      remediation: meta.remediation,
      fingerprint: print,
      status: waiver ? 'waived' : baseline.has(print) ? 'baseline' : 'open',
      ...(waiver && { waiver: { reason: waiver.reason, approver: waiver.approver, expires: waiver.expires } }),
    });
  };
  const estateRules = options.estateRules === false ? [] : [...bundle.rules.values()].filter((r) => r.scope === 'estate');
  const judged: LoadedStack[] = [];
  const pending = bundle.evaluate(evaluationJobs(collecting(stacks, judged), options.estate, registry, estateRules, today), { onProgress: options.onStack, parallelBytes: options.parallelBytes, onEvaluated: options.onEvaluated, reuseStackResults: options.reuseStackResults, releaseHeapBytes: options.releaseHeapBytes, parseOnce: options.parseOnce });
  // The report's parts of each stack, worked out while the second thread evaluates.
  const checkedPaths = pathsByType(bundle.rules.values());
  // The rules that declare each type, so that a stack's rules come from its few types, not from testing every rule's types.
  const rulesByType = new Map<string, string[]>();
  for (const r of bundle.rules.values()) for (const t of r.resourceTypes) rulesByType.set(t, [...(rulesByType.get(t) ?? []), r.id]);
  const stackReports = judged.map((s) => {
    const checked = options.checkedValues === false ? undefined : checkedValues(s.doc, checkedPaths);
    const types: Record<string, number> = {};
    for (const r of Object.values(s.doc.resources)) types[r.type] = (types[r.type] ?? 0) + 1;
    const rules = [...new Set(Object.keys(types).flatMap((t) => rulesByType.get(t) ?? []))].sort();
    return { name: s.doc.stack.name, file: s.file, sha256: s.sha256, format: s.doc.stack.format, tenant: s.doc.stack.tenant, resources: Object.keys(s.doc.resources).length, types, rules, ...(checked && { checked }) };
  });
  const results = pending.results();
  const byName = new Map((options.estate ?? judged).map((s) => [s.doc.stack.name, s]));
  for (const { job, findings: raws } of results) {
    for (const raw of raws) {
      const s = job.stack ?? byName.get(raw.stack!);
      if (!s) throw new GateError(`estate rule ${raw.rule} named a stack that does not exist: ${raw.stack}`);
      record(raw, s);
    }
  }
  const lines = locateLines(findings);
  findings.forEach((f, i) => {
    const line = lines.get(`${f.file}\0${f.resource}`);
    if (line !== undefined) findings[i] = { ...f, line };
  });
  const waiverResults: WaiverResult[] = waivers.map((w) => ({
    ...w,
    status: isExpired(w, today) ? 'expired' : matched.has(w) ? 'active' : 'unused',
    matched: matched.get(w) ?? 0,
  }));
  return assembleReport({
    bundle: { opaVersion: bundle.manifest.opaVersion, wasmSha256: bundle.manifest.wasmSha256, sourcesSha256: bundle.manifest.sourcesSha256, rules: bundle.rules.size },
    rules: ruleSummaries(judged, [...bundle.rules.values()], findings),
    stacks: stackReports,
    findings,
    waivers: waiverResults,
    failOn,
    strict,
    shard: options.shard ?? null,
    today,
  });
}

export type ReportParts = Pick<Report, 'bundle' | 'rules' | 'stacks' | 'findings' | 'waivers'> & Pick<Report['summary'], 'failOn' | 'strict' | 'shard' | 'today'>;

/**
 * Orders the parts and computes the summary, the same way for a run and for merged shards, so a
 * merged report equals the unsharded one. A shard never fails on unused waivers: another shard
 * may use them, so `--strict` is judged when the shards are merged.
 */
export function assembleReport(p: ReportParts): Report {
  const findings = [...p.findings].sort((a, b) => a.stack.localeCompare(b.stack) || a.resource.localeCompare(b.resource) || a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  const failing = findings.filter((f) => fails(f, p.failOn)).length;
  const unusedWaivers = p.waivers.filter((w) => w.status === 'unused').length;
  return {
    version: 1,
    bundle: p.bundle,
    rules: p.rules,
    stacks: [...p.stacks].sort((a, b) => a.name.localeCompare(b.name)),
    findings,
    waivers: p.waivers,
    summary: {
      stacks: p.stacks.length,
      resources: p.stacks.reduce((n, s) => n + s.resources, 0),
      findings: findings.length,
      mandatoryOpen: findings.filter((f) => f.status === 'open' && f.level === 'mandatory').length,
      waived: count('waived'),
      baseline: count('baseline'),
      unusedWaivers,
      strict: p.strict,
      shard: p.shard,
      today: p.today,
      failOn: p.failOn,
      failing,
      passed: failing === 0 && !(p.strict && !p.shard && unusedWaivers > 0),
    },
  };
}

/** Each rule's metadata with the resources of its types it checked and the findings it made. */
function ruleSummaries(stacks: readonly LoadedStack[], rules: readonly RuleMeta[], findings: readonly Finding[]): RuleSummary[] {
  const byType = new Map<string, number>();
  for (const s of stacks) for (const r of Object.values(s.doc.resources)) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  return rules
    .map(({ id, title, description, severity, level, controls, remediation, resourceTypes, checks, scope }) => ({
      id, title, description, severity, level, controls, remediation, resourceTypes, checks, scope,
      resources: resourceTypes.reduce((n, t) => n + (byType.get(t) ?? 0), 0),
      findings: findings.filter((f) => f.rule === id).length,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Exit code as a pure function of the report: 0 passed, 1 findings failing under `--fail-on`. (2 is for errors.) */
export function exitCode(report: Report): 0 | 1 {
  return report.summary.passed ? 0 : 1;
}
