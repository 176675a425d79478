import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { escapeHtml, renderHtml, VALUES_ROW_LIMIT } from '../../services/gate/outputs/html';
import { Finding, Report } from '../../services/gate/model';
import { reportForTenant } from '../../services/gate/tenant-report';
import { loadControls, loadOutsideScope } from '../../services/toolchain/controls';
import { ToolchainError } from '../../services/toolchain/opa';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, cordon, readJson, tmpDir } from '../helpers';

const FIXTURES = [path.join(ROOT, 'test/fixtures/handwritten-cfn.json'), path.join(ROOT, 'test/fixtures/handwritten.tf.json')];
const work = tmpDir();
let report: Report;
let html: string;

/** The number the page shows in the summary box `id`. */
const shown = (page: string, id: string) => Number(page.match(new RegExp(`id="count-${id}"[^>]*>(\\d+)<`))![1]);
const promiseClass = (page: string, control: string) => page.match(new RegExp(`<section class="promise (\\w+)" id="promise-${control}"`))?.[1];
const GENERATED = new Date('2026-12-07T01:02:03Z');

beforeAll(() => {
  // GIVEN hand-written templates with four mandatory violations (ENC-1 and ENC-2 fail)
  const json = path.join(work, 'r.json');
  const page = path.join(work, 'e.html');
  expect(checkWithFrameworkRules(...FIXTURES, '--format', `json=${json},html=${page}`).code).toBe(1);
  report = readJson(json);
  html = fs.readFileSync(page, 'utf8');
});

test('the counts shown equal the JSON report\'s', () => {
  for (const key of ['stacks', 'resources', 'findings', 'failing', 'waived'] as const) expect([key, shown(html, key)]).toEqual([key, report.summary[key]]);
  expect(html.match(/<tr class="finding /g)).toHaveLength(report.findings.length);
  const checked = report.stacks.reduce((n, s) => n + Object.keys(s.checked ?? {}).length, 0);
  expect(html.match(/<tr data-tenant=[^>]*><td>/g)!.length).toBe(report.stacks.length * 2 + checked); // the stacks, inputs and values tables
});

test('a failing promise is marked failing, in its own words, with the rules that prove it', () => {
  const promises = new Map(loadControls().map((c) => [c.id, c.promise]));
  expect([promiseClass(html, 'ENC-1'), promiseClass(html, 'ENC-2')]).toEqual(['fail', 'fail']);
  expect(shown(html, 'promises-fail')).toBe(2);
  const section = html.slice(html.indexOf('id="promise-ENC-2"'), html.indexOf('</section>', html.indexOf('id="promise-ENC-2"')));
  expect(section).toContain(escapeHtml(promises.get('ENC-2')!));
  expect(section).toContain('ENC-2-AWS');
  expect(section).toContain('ENC-2-GCP');
  expect(html).toMatch(/<p class="verdict fail" id="verdict">FAILED: 4 open findings fail/);
});

test('digests the bundle and every input, and names the outside-scope promises as not proven', () => {
  expect(html).toContain(report.bundle.wasmSha256);
  for (const f of FIXTURES) expect(html).toContain(createHash('sha256').update(fs.readFileSync(f)).digest('hex'));
  const outside = html.slice(html.indexOf('<h2>Outside what cordon proves</h2>'));
  for (const o of loadOutsideScope()) expect(outside).toContain(escapeHtml(o.promise));
});

test('is self-contained: no external resource, and a CSP that allows only its own style and script by hash', () => {
  expect(html).not.toMatch(/\s(src|href)=|<link|@import|url\(/i);
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1];
  const digest = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
  const script = html.match(/<script>([\s\S]*?)<\/script>/)![1];
  expect(csp).toBe(`default-src 'none'; style-src ${digest(style)}; script-src ${digest(script)}`);
});

test('escapes every string from templates and waivers: a resource named <script> is inert text', () => {
  // GIVEN names, a tenant and a waiver reason written to break out of the markup
  const evil = '<script>alert(1)</script>';
  const finding: Finding = { ...report.findings[0], resource: evil, stack: `"><img onerror=alert(2)>`, message: `'&<b>`, status: 'waived', waiver: { reason: evil, approver: 'a@b.c', expires: '2027-01-01' } };
  const page = renderHtml({
    ...report,
    stacks: [{ ...report.stacks[0], name: finding.stack, tenant: evil }],
    findings: [finding],
    waivers: [{ rule: finding.rule, scope: { resource: evil }, reason: `because ${evil}`, approver: 'sec@example.com', expires: '2027-01-01', status: 'active', matched: 1 } as Report['waivers'][number]],
  }, { generated: GENERATED });
  // THEN only the page's own script tag exists, and the strings are shown as text
  expect(page.match(/<script/gi)).toHaveLength(1);
  expect(page).not.toMatch(/<img|<b>/);
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page).toContain('&quot;&gt;&lt;img onerror=alert(2)&gt;');
  expect(page).toContain('&#39;&amp;&lt;b&gt;');
});

test('a promise whose findings are all waived shows as kept with waivers, with reason, approver and expiry', () => {
  const waived = report.findings.map((f) => ({ ...f, status: 'waived' as const }));
  const page = renderHtml({
    ...report,
    findings: waived,
    waivers: [{ rule: 'ENC-1-AWS', scope: { stack: 'handwritten-cfn' }, reason: 'legacy key retired in Q1', approver: 'ciso@example.com', expires: '2027-03-31', status: 'active', matched: 1 } as Report['waivers'][number]],
    summary: { ...report.summary, failing: 0, passed: true, waived: waived.length },
  }, { generated: GENERATED });
  expect([promiseClass(page, 'ENC-1'), promiseClass(page, 'ENC-2')]).toEqual(['waived', 'waived']);
  expect(page).toMatch(/<td>legacy key retired in Q1<\/td><td>ciso@example\.com<\/td><td>2027-03-31<\/td>/);
  expect(page).toContain('datetime="2026-12-07T01:02:03.000Z"');
});

test('policies/outside-scope.yaml is validated, naming the bad entries', () => {
  const bad = path.join(work, 'outside.yaml');
  fs.writeFileSync(bad, 'DPA: { promise: "DPA", why: "a contract" }\nMFA: { promise: "" }\n');
  expect(() => loadOutsideScope(bad)).toThrow(ToolchainError);
  expect(() => loadOutsideScope(bad)).toThrow(/expected a mapping of ID: \{promise, why\}, both non-empty strings; MFA is not/);
  // A list would break `opa test`, which loads the YAML under policies/ as data.
  fs.writeFileSync(bad, '- { promise: "DPA", why: "a contract" }\n');
  expect(() => loadOutsideScope(bad)).toThrow(/it has no entry/);
});

describe('cordon evidence --tenant', () => {
  const INPUTS = [...FIXTURES, path.join(ROOT, 'test/fixtures/inputs')];
  let full: Report;
  beforeAll(() => {
    // GIVEN a report over the stacks of initech, globex and a shared stack
    checkWithFrameworkRules(...INPUTS, '--format', `json=${path.join(work, 'full.json')}`);
    full = readJson(path.join(work, 'full.json'));
  });

  test('cuts the report to the tenant\'s stacks: counts over them only, and no other tenant named on the page', () => {
    const json = path.join(work, 'globex.json');
    const page = path.join(work, 'globex.html');
    const res = cordon('evidence', path.join(work, 'full.json'), '--tenant', 'globex', '--format', `json=${json},html=${page}`);
    const cut: Report = readJson(json);
    const stacks = full.stacks.filter((s) => s.tenant === 'globex');
    expect(res).toMatchObject({ code: cut.summary.passed ? 0 : 1, stderr: '' });
    expect(cut.stacks.map((s) => s.name)).toEqual(stacks.map((s) => s.name));
    expect(cut.findings).toEqual(full.findings.filter((f) => stacks.some((s) => s.name === f.stack)));
    expect(cut.summary.resources).toBe(stacks.reduce((n, s) => n + s.resources, 0));
    // Each rule's resources are those of its types in the tenant's stacks: together no more than the tenant has.
    expect(cut.rules.every((r) => r.resources <= full.rules.find((x) => x.id === r.id)!.resources)).toBe(true);
    expect(cut.rules.find((r) => r.id === 'ENC-1-GCP')!.resources).toBe(stacks.reduce((n, s) => n + (s.types!.google_storage_bucket ?? 0), 0));
    const html = fs.readFileSync(page, 'utf8');
    expect(html).not.toMatch(/initech|\(shared\)|handwritten/);
  });

  test('keeps only the waivers that name the tenant or one of its stacks', () => {
    const waiver = (scope: object) => ({ rule: 'ENC-1-GCP', scope, reason: 'a reason long enough to judge', approver: 'a@b.c', expires: '2027-01-01', status: 'active', matched: 1 }) as Report['waivers'][number];
    const globexStack = full.stacks.find((s) => s.tenant === 'globex')!.name;
    const waivers = [waiver({ tenant: 'globex' }), waiver({ tenant: 'initech' }), waiver({ stack: globexStack }), waiver({ stack: 'hcl' }), waiver({ tenant: 'initech', stack: globexStack })];
    expect(reportForTenant({ ...full, waivers }, 'globex').waivers.map((w) => w.scope)).toEqual([{ tenant: 'globex' }, { stack: globexStack }]);
  });

  test('refuses an unknown tenant and a missing --tenant, naming what it expected', () => {
    expect(cordon('evidence', path.join(work, 'full.json'), '--tenant', 'nobody')).toMatchObject({ code: 2, stderr: expect.stringContaining('no stack of tenant "nobody" in the report; its tenants are globex, initech') });
    expect(cordon('evidence', path.join(work, 'full.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--tenant ID is required') });
  });
});

test('each promise quotes the trust centers\' own words and says what it does not cover yet', () => {
  for (const c of loadControls()) {
    const start = html.indexOf(`id="promise-${c.id}"`);
    if (start < 0) continue; // a control no rule of this run exercised is still listed below by the catalog test
    const section = html.slice(start, html.indexOf('</section>', start));
    for (const q of c.says) expect(section).toContain(`<blockquote>${escapeHtml(q.text)} <cite>— ${escapeHtml(q.trustCenter)} trust center</cite></blockquote>`);
    for (const n of c.notCovered) expect(section).toContain(escapeHtml(n));
  }
});

test('lists each checked resource with the exact values the rules judged, "not set" where the template is silent', () => {
  // GIVEN AppKey declares rotation as strings, LegacyKey declares nothing
  const row = (address: string) => html.match(new RegExp(`<tr data-tenant="initech"[^>]*><td>initech</td><td>[^<]*<br><code>${address}</code>.*?</tr>`))?.[0] ?? '';
  expect(row('AppKey')).toContain('<code>ENC-2-AWS</code>');
  expect(row('AppKey')).toContain('<code>EnableKeyRotation</code> = <code>&quot;true&quot;</code>');
  expect(row('AppKey')).toContain('<code>RotationPeriodInDays</code> = <code>&quot;90&quot;</code>');
  expect(row('LegacyKey')).toContain('<code>EnableKeyRotation</code> = <span class="muted">not set</span>');
  const checked = report.stacks.flatMap((s) => Object.keys(s.checked ?? {}));
  expect(html.match(/<tr data-tenant="[^"]*" data-controls="[^"]*"><td>[^<]*<\/td><td>[^<]*<br><code>/g)).toHaveLength(checked.length);
});

test('a page with more checked resources than one page can hold leaves the values out and says where to find them', () => {
  const many = { ...report.stacks[0], checked: Object.fromEntries(Array.from({ length: VALUES_ROW_LIMIT + 1 }, (_, i) => [`K${i}`, { type: 'AWS::KMS::Key', values: {} }])) };
  const page = renderHtml({ ...report, stacks: [many] }, { generated: GENERATED });
  expect(page).toContain(`<p id="values-omitted">${VALUES_ROW_LIMIT + 1} resources were checked`);
  expect(page).not.toContain('<table id="values">');
});
