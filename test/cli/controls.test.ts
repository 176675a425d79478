import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadControls } from '../../services/toolchain/controls';
import { ROOT } from '../../services/toolchain/paths';
import { cordon } from '../helpers';

describe('cordon controls', () => {
  test('docs/controls.md is exactly the generated catalog (regenerate with `cordon controls --format markdown --out docs/controls.md`)', () => {
    const generated = cordon('controls', '--format', 'markdown');
    expect(generated.code).toBe(0);
    expect(fs.readFileSync(path.join(ROOT, 'docs/controls.md'), 'utf8')).toBe(generated.stdout);
  });

  test('every control of controls.yaml is listed with its rules, and each rule covers the clouds its resource types name', () => {
    const views = JSON.parse(cordon('controls', '--format', 'json').stdout);
    expect(views.map((v: any) => v.id)).toEqual(loadControls().map((c) => c.id));
    for (const v of views) {
      for (const r of v.rules) expect(r.clouds.length).toBeGreaterThan(0);
      expect(v.gaps).toEqual(v.clouds.filter((c: string) => !v.rules.some((r: any) => r.clouds.includes(c))));
    }
  });

  test('every quote in controls.yaml is verbatim in the trust center it names', () => {
    const text = (name: string) => fs.readFileSync(path.join(ROOT, 'docs/trust-centers', `${name}.txt`), 'utf8').replace(/\s+/g, ' ');
    const quotes = loadControls().flatMap((c) => c.says.map((q) => ({ id: c.id, ...q })));
    expect(quotes.length).toBeGreaterThanOrEqual(30);
    expect(quotes.filter((q) => !text(q.trustCenter).includes(q.text))).toEqual([]);
  });

  test('a control without the trust centers\' words or a not_covered list is refused, each field named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-controls-'));
    const file = path.join(dir, 'controls.yaml');
    fs.writeFileSync(file, 'ENC-1: { promise: "p", clouds: [aws], says: [{ fluex: "" }] }\n');
    expect(() => loadControls(file)).toThrow(/ENC-1\.says: expected a non-empty list of \{<trust center>: "<its words>"\}\n\s+ENC-1\.not_covered: expected a list of strings/);
  });

  test('an unknown format is refused', () => {
    expect(cordon('controls', '--format', 'html')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format: unknown "html"; expected table | markdown | json') });
  });
});
