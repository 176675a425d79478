import * as fs from 'fs';
import * as path from 'path';
import { tmpDir } from '../helpers';

// The launcher's compile step is plain JavaScript (it cannot compile itself).
const { compile } = require('../../services/cli/bin/compile') as { compile: (root: string) => number };

describe('the launcher compiles cordon into .build/ and redoes only what changed', () => {
  const root = tmpDir();
  const write = (rel: string, text: string, mtimeSeconds?: number) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    if (mtimeSeconds !== undefined) fs.utimesSync(path.join(root, rel), mtimeSeconds, mtimeSeconds);
  };
  const built = (rel: string, from = root) => fs.readFileSync(path.join(from, '.build', rel), 'utf8');
  const mapped = tmpDir();

  test('transpiles .ts, copies .js and package.json, and skips what is up to date', () => {
    // GIVEN sources older than now
    write('package.json', '{"version":"1.0.0"}', 1000);
    write('services/a.ts', 'export const a: number = 1;\n', 1000);
    write('infra/w.js', 'module.exports = 2;\n', 1000);
    write('constructs/t.d.ts', 'export type T = 1;\n', 1000);
    expect(compile(root)).toBe(3);
    expect(built('services/a.js')).toContain('exports.a = 1;');
    expect(built('infra/w.js')).toBe('module.exports = 2;\n');
    expect(fs.existsSync(path.join(root, '.build/constructs/t.js'))).toBe(false);
    expect(compile(root)).toBe(0);
    // WHEN one source changes
    write('services/a.ts', 'export const a: number = 3;\n', Date.now() / 1000 + 60);
    expect(compile(root)).toBe(1);
    expect(built('services/a.js')).toContain('exports.a = 3;');
  });

  test('writes a source map beside each transpiled file, mapping its lines back to the TypeScript; an output without one is redone', () => {
    const { SourceMap } = require('module') as typeof import('module');
    fs.mkdirSync(path.join(mapped, 'constructs'));
    fs.writeFileSync(path.join(mapped, 'package.json'), '{}');
    fs.utimesSync(path.join(mapped, 'package.json'), 1000, 1000);
    fs.writeFileSync(path.join(mapped, 'constructs/m.ts'), 'interface Shape {\n  a: number;\n}\n\nexport function make(): Shape {\n  return { a: 1 };\n}\n');
    fs.utimesSync(path.join(mapped, 'constructs/m.ts'), 1000, 1000);
    expect(compile(mapped)).toBe(2);
    const js = built('constructs/m.js', mapped).split('\n');
    const at = js.findIndex((l) => l.includes('return { a: 1 }'));
    expect(at).not.toBe(5); // the lines moved: a map is needed
    const map = new SourceMap(JSON.parse(built('constructs/m.js.map', mapped)));
    expect(map.findEntry(at, js[at].indexOf('return'))).toMatchObject({ originalLine: 5 });
    expect(compile(mapped)).toBe(0);
    // GIVEN an output compiled before maps were written WHEN the launcher starts THEN it is redone, map included
    fs.rmSync(path.join(mapped, '.build/constructs/m.js.map'));
    expect(compile(mapped)).toBe(1);
    expect(fs.existsSync(path.join(mapped, '.build/constructs/m.js.map'))).toBe(true);
  });

  test('a source that does not parse is one error naming the file and line, and nothing half-written', () => {
    write('services/bad.ts', 'export const ok = 1;\nexport const = ;\n');
    expect(() => compile(root)).toThrow(/^cannot compile services\/bad\.ts:2: /);
    expect(fs.existsSync(path.join(root, '.build/services/bad.js'))).toBe(false);
    fs.rmSync(path.join(root, 'services/bad.ts'));
  });
});
