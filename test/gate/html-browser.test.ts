import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Browser, chromium, Page } from 'playwright-core';
import { fails } from '../../services/gate/fail-on';
import { Report } from '../../services/gate/model';
import { renderHtml } from '../../services/gate/outputs/html';
import { ROOT } from '../../services/toolchain/paths';
import { cordon, readJson } from '../helpers';
import { findChromium } from '../support/chromium';
import { repeatForTenants } from '../support/many-tenants';

/** Screenshots and PDFs to look at (git-ignored). */
const OUT = path.join(ROOT, '.cordon', 'evidence-test');
const INPUTS = ['test/fixtures/handwritten-cfn.json', 'test/fixtures/handwritten.tf.json', 'test/fixtures/inputs'].map((f) => path.join(ROOT, f));
const found = findChromium();
if ('missing' in found) {
  // Never silently green in CI: there the set-up installs chromium, so its absence is a failure.
  if (process.env.CI) throw new Error(`the evidence page browser test needs Debian's chromium: ${found.missing}`);
  console.warn(`\n\n*** SKIPPING the evidence page browser test: ${found.missing} ***\n\n`);
}
const browserTest = 'path' in found ? describe : describe.skip;

/** Runs in the page; the tests compile without the DOM types, so in-page code is given as source. */
const borderColor = (el: unknown) => (globalThis as any).getComputedStyle(el).borderLeftColor as string;

browserTest('the evidence page in Debian\'s chromium, opened from disk', () => {
  let browser: Browser;
  let page: Page;
  let report: Report;
  const requests: string[] = [];
  const problems: string[] = [];
  const html = path.join(OUT, 'evidence.html');

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    // GIVEN the hand-written fixtures gated with the full catalog: tenants initech and globex, a shared stack, failing promises
    const json = path.join(OUT, 'report.json');
    expect(cordon('check', ...INPUTS, '--format', `json=${json},html=${html}`).code).toBe(1);
    report = readJson(json);
    browser = await chromium.launch({ executablePath: (found as { path: string }).path, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    // Every request is recorded; any that is not the page itself is refused.
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file://') ? route.continue() : route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text())); // a CSP violation shows here
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(html).href);
  });

  afterAll(async () => browser?.close());

  const tenantOf = (stack: string) => report.stacks.find((s) => s.name === stack)?.tenant ?? '(shared)';
  const visible = (selector: string) => page.locator(selector).filter({ visible: true });

  test('shows the JSON report\'s counts, makes no request beyond the file and runs its script under its CSP', async () => {
    for (const key of ['stacks', 'resources', 'findings', 'failing', 'waived'] as const) {
      expect([key, Number(await page.locator(`#count-${key}`).textContent())]).toEqual([key, report.summary[key]]);
    }
    expect(await visible('#findings tbody tr').count()).toBe(report.findings.length);
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(problems).toEqual([]);
  });

  test('a failing promise is visibly marked: red edge and a "fail" badge', async () => {
    const failing = report.findings.find((f) => f.status === 'open' && f.level === 'mandatory')!.controls[0];
    const section = page.locator(`#promise-${failing}`);
    expect(await section.locator('.badge').first().textContent()).toBe('fail');
    expect(await section.evaluate(borderColor)).toBe('rgb(207, 34, 46)');
    expect(await page.locator('section.promise.pass').first().evaluate(borderColor)).toBe('rgb(26, 127, 55)');
  });

  test('filtering to one tenant shows only its stacks and findings, and recounts them', async () => {
    await page.selectOption('#f-tenant', 'globex');
    const stacks = report.stacks.filter((s) => s.tenant === 'globex');
    const findings = report.findings.filter((f) => tenantOf(f.stack) === 'globex');
    expect(stacks.length).toBeGreaterThan(0);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.length).toBeLessThan(report.findings.length);
    expect(await visible('#stacks tbody tr td:first-child').allTextContents()).toEqual(stacks.map(() => 'globex'));
    expect(await visible('#findings tbody tr td:nth-child(2)').allTextContents()).toEqual(findings.map(() => 'globex'));
    const checked = stacks.flatMap((s) => Object.keys(s.checked ?? {}));
    expect(checked.length).toBeGreaterThan(0);
    expect(await visible('#values tbody tr td:first-child').allTextContents()).toEqual(checked.map(() => 'globex'));
    const shownCount = async (id: string) => Number(await page.locator(`#count-${id}`).textContent());
    expect([await shownCount('stacks'), await shownCount('findings'), await shownCount('failing'), await shownCount('resources')]).toEqual([
      stacks.length,
      findings.length,
      findings.filter((f) => fails(f, report.summary.failOn)).length,
      stacks.reduce((n, st) => n + st.resources, 0),
    ]);
    // Promises show the tenant's result: failing only where its own findings fail.
    const failingHere = new Set(findings.filter((f) => f.status === 'open').flatMap((f) => f.controls));
    const failingElsewhere = [...new Set(report.findings.flatMap((f) => f.controls))].filter((c) => !failingHere.has(c));
    expect(failingElsewhere.length).toBeGreaterThan(0);
    expect(Number(await page.locator('#count-promises-fail').textContent())).toBe(failingHere.size);
    expect(await page.locator(`#promise-${[...failingHere][0]} .badge`).first().textContent()).toBe('fail');
    expect(await page.locator(`#promise-${failingElsewhere[0]}`).getAttribute('class')).not.toContain('fail');
    await page.screenshot({ path: path.join(OUT, 'evidence-globex.png'), fullPage: true });
    await page.selectOption('#f-tenant', '');
  });

  test('filtering to one promise shows only it and the findings against it', async () => {
    const control = report.findings[0].controls[0];
    await page.selectOption('#f-promise', control);
    expect(await visible('section.promise').count()).toBe(1);
    expect(await visible('#findings tbody tr').count()).toBe(report.findings.filter((f) => f.controls.includes(control)).length);
    await page.selectOption('#f-promise', '');
  });

  test('saves a screenshot and a PDF through print, whose stylesheet hides the filters', async () => {
    await page.screenshot({ path: path.join(OUT, 'evidence.png'), fullPage: true });
    await page.screenshot({ path: path.join(OUT, 'evidence-top.png') });
    await page.pdf({ path: path.join(OUT, 'evidence.pdf'), format: 'A4', printBackground: true });
    expect(fs.readFileSync(path.join(OUT, 'evidence.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  test('1,000 tenants: the page loads and filtering to one tenant shows only its findings (figures: bench/evidence.ts)', async () => {
    // GIVEN the fixture's stacks repeated for 1,000 tenants, one in ten of them with the fixture's findings too
    const big = repeatForTenants(report.stacks, report, 1000);
    const file = path.join(OUT, 'evidence-1000.html');
    fs.writeFileSync(file, renderHtml(big));
    await page.goto(pathToFileURL(file).href);
    await page.selectOption('#f-tenant', 'tenant-0500');
    expect(await visible('#findings tbody tr').count()).toBe(report.findings.length);
    expect(await visible('#stacks tbody tr').count()).toBe(report.stacks.length);
  });
});
