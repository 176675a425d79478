import { fails } from '../fail-on';
import { Finding, Report } from '../model';

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const describeFinding = (f: Finding) => `${f.resource} ${f.path}: ${f.message} [${f.severity}, ${f.level}${f.status === 'waived' ? ', waived' : ''}]`;

/**
 * JUnit XML: one test suite per stack, one test case per rule that had resources of its types in
 * that stack. A case fails when it has a finding that fails the run (`--fail-on`); other findings
 * (advisory, waived) are listed in its system-out, so CI test views show them without failing.
 */
export function renderJunit(report: Report): string {
  const byStack = new Map<string, Finding[]>();
  for (const f of report.findings) byStack.set(f.stack, [...(byStack.get(f.stack) ?? []), f]);
  const suites = report.stacks.map((stack) => {
    const findings = byStack.get(stack.name) ?? [];
    const cases = report.rules
      .filter((r) => stack.rules.includes(r.id) || findings.some((f) => f.rule === r.id))
      .map((rule) => {
        const mine = findings.filter((f) => f.rule === rule.id);
        const failing = mine.filter((f) => fails(f, report.summary.failOn));
        const other = mine.filter((f) => !failing.includes(f));
        const body = [
          failing.length > 0 && `<failure type="${xml(rule.severity)}" message="${xml(`${failing.length} failing finding(s)`)}">${xml(failing.map(describeFinding).join('\n'))}</failure>`,
          other.length > 0 && `<system-out>${xml(other.map(describeFinding).join('\n'))}</system-out>`,
        ].filter(Boolean);
        return { failed: failing.length > 0, text: `    <testcase classname="${xml(stack.name)}" name="${xml(`${rule.id} ${rule.title}`)}"${body.length ? `>\n      ${body.join('\n      ')}\n    </testcase>` : ' />'}` };
      });
    const failures = cases.filter((c) => c.failed).length;
    return { tests: cases.length, failures, text: `  <testsuite name="${xml(stack.name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" file="${xml(stack.file)}">\n${cases.map((c) => c.text).join('\n')}\n  </testsuite>` };
  });
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cordon" tests="${tests}" failures="${failures}" errors="0">\n${suites.map((s) => s.text).join('\n')}\n</testsuites>\n`;
}
