/**
 * Evidence page benchmark: page size, time to interactive and to load, and time to filter to one
 * tenant, in Debian's headless chromium, for
 *  1. the example estate (`cordon check --format json,html`),
 *  2. 1,000 tenants: the stacks of the example tenant globex repeated under 1,000 tenant names (values
 *     table left out above VALUES_ROW_LIMIT rows, as on a real estate of that size),
 *  3. one tenant's own page cut from that report (`cordon evidence --tenant`), values included.
 *
 *   npm run bench:evidence
 *
 * Goal on a 2-core machine: under 2 s to interactive on the 1,000-tenant page.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { Report } from '../services/gate/model';
import { renderHtml } from '../services/gate/outputs/html';
import { reportForTenant } from '../services/gate/tenant-report';
import { ROOT } from '../services/toolchain/paths';
import { CHROMIUM } from '../test/support/chromium';
import { repeatForTenants } from '../test/support/many-tenants';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-evidence-'));
  const json = path.join(dir, 'report.json');
  const check = spawnSync(process.execPath, [path.join(ROOT, 'services/cli/bin/cordon.js'), 'check', '--format', `json=${json}`], { cwd: ROOT, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`cordon check exited ${check.status}: ${check.stderr}`);
  const example: Report = JSON.parse(fs.readFileSync(json, 'utf8'));
  const big = repeatForTenants(example.stacks.filter((s) => s.tenant === 'globex'), example, 1000);
  const pages: [string, Report, string][] = [
    ['example estate', example, ''],
    ['1,000 tenants', big, 'tenant-0500'],
    ['one tenant of 1,000 (evidence --tenant)', reportForTenant(big, 'tenant-0500'), ''],
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    console.log('page                                      size      resources  interactive  loaded   filter');
    for (const [name, report, tenant] of pages) {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.html`);
      fs.writeFileSync(file, renderHtml(report));
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(pathToFileURL(file).href);
      const loaded = Date.now() - started;
      const interactive: number = await page.evaluate(`performance.getEntriesByType('navigation')[0].domInteractive`);
      const filter: number = await page.evaluate(`(() => {
        const t0 = performance.now();
        const select = document.getElementById('f-tenant');
        select.value = ${JSON.stringify(tenant || (report.stacks.find((s) => s.tenant)?.tenant ?? ''))};
        select.dispatchEvent(new Event('change'));
        return performance.now() - t0;
      })()`);
      console.log(`${name.padEnd(41)} ${`${(fs.statSync(file).size / 1e6).toFixed(1)} MB`.padEnd(9)} ${String(report.summary.resources).padEnd(10)} ${`${Math.round(interactive)} ms`.padEnd(12)} ${`${loaded} ms`.padEnd(8)} ${Math.round(filter)} ms`);
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
