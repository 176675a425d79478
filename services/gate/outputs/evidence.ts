import { fails } from '../fail-on';
import { Report } from '../model';

/** The evidence document: per trust-center control, the rules that prove it and what they covered. */
export interface Evidence {
  readonly kind: 'cordon-evidence';
  readonly version: 1;
  readonly bundle: Report['bundle'];
  readonly inputs: readonly { readonly stack: string; readonly file: string; readonly sha256: string }[];
  readonly controls: readonly {
    readonly control: string;
    readonly passed: boolean;
    readonly rules: readonly { readonly id: string; readonly title: string; readonly level: string; readonly resourcesChecked: number; readonly open: number; readonly waived: number; readonly baseline: number; readonly passed: boolean }[];
    readonly waivers: readonly { readonly rule: string; readonly scope: object; readonly reason: string; readonly approver: string; readonly expires: string; readonly status: string; readonly matched: number }[];
  }[];
  readonly summary: Report['summary'];
}

export function buildEvidence(report: Report): Evidence {
  const controls = [...new Set(report.rules.flatMap((r) => r.controls))].sort();
  return {
    kind: 'cordon-evidence',
    version: 1,
    bundle: report.bundle,
    inputs: report.stacks.map((s) => ({ stack: s.name, file: s.file, sha256: s.sha256 })),
    controls: controls.map((control) => {
      const rules = report.rules
        .filter((r) => r.controls.includes(control))
        .map((r) => {
          const mine = report.findings.filter((f) => f.rule === r.id);
          const count = (status: string) => mine.filter((f) => f.status === status).length;
          return { id: r.id, title: r.title, level: r.level, resourcesChecked: r.resources, open: count('open'), waived: count('waived'), baseline: count('baseline'), passed: !mine.some((f) => fails(f, report.summary.failOn)) };
        });
      const ids = new Set(rules.map((r) => r.id));
      const waivers = report.waivers.filter((w) => ids.has(w.rule)).map(({ rule, scope, reason, approver, expires, status, matched }) => ({ rule, scope, reason, approver, expires, status, matched }));
      return { control, passed: rules.every((r) => r.passed), rules, waivers };
    }),
    summary: report.summary,
  };
}

export const renderEvidenceJson = (report: Report) => `${JSON.stringify(buildEvidence(report), null, 2)}\n`;

/** The evidence report for auditors, as Markdown. */
export function renderEvidenceMarkdown(report: Report): string {
  const e = buildEvidence(report);
  const out = [
    '# cordon evidence report',
    '',
    `Policy bundle: wasm sha256 \`${e.bundle.wasmSha256}\`, sources sha256 \`${e.bundle.sourcesSha256}\`, OPA ${e.bundle.opaVersion}, ${e.bundle.rules} rules.`,
    `Verdict: ${e.summary.passed ? 'passed' : 'failed'} (${e.summary.failing} failing, ${e.summary.findings} findings, ${e.summary.waived} waived over ${e.summary.stacks} stacks and ${e.summary.resources} resources; --fail-on ${e.summary.failOn.join(',')}).`,
    '',
    '## Controls',
    '',
    '| control | result | rule | level | resources checked | open | waived | baseline |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const c of e.controls) {
    for (const r of c.rules) out.push(`| ${c.control} | ${r.passed ? 'pass' : '**fail**'} | ${r.id}: ${r.title} | ${r.level} | ${r.resourcesChecked} | ${r.open} | ${r.waived} | ${r.baseline} |`);
  }
  const waivers = e.controls.flatMap((c) => c.waivers.map((w) => ({ control: c.control, ...w })));
  if (waivers.length > 0) {
    out.push('', '## Waivers', '', '| control | rule | scope | status | matched | expires | approver | reason |', '|---|---|---|---|---|---|---|---|');
    for (const w of waivers) out.push(`| ${w.control} | ${w.rule} | ${Object.entries(w.scope).map(([k, v]) => `${k}=${v}`).join(' ')} | ${w.status} | ${w.matched} | ${w.expires} | ${w.approver} | ${w.reason.replace(/\|/g, '\\|')} |`);
  }
  out.push('', '## Inputs', '', '| stack | file | sha256 |', '|---|---|---|', ...e.inputs.map((i) => `| ${i.stack} | ${i.file} | \`${i.sha256}\` |`));
  return `${out.join('\n')}\n`;
}
