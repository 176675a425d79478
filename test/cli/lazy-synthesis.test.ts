import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';

/**
 * The npm packages of synthesis that a run of the launcher with `args` loaded: cdktf, the Google
 * provider and aws-cdk-lib (half a second of start-up together), which only a synthesis needs.
 */
function synthesisLoadedBy(...args: string[]): string[] {
  const script = `
    process.on('exit', () => {
      const loaded = Object.keys(require.cache).map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//)?.[1]).filter(Boolean);
      process.stderr.write('LOADED ' + JSON.stringify([...new Set(loaded)].filter((p) => /^(cdktf|@cdktf\\/|aws-cdk-lib)/.test(p)).sort()) + '\\n');
    });
    process.argv = [process.argv[0], 'cordon', ...${JSON.stringify(args)}];
    require(${JSON.stringify(path.join(ROOT, 'services/cli/bin/cordon.js'))});`;
  const res = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  const line = res.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`no module list: exit ${res.status}\n${res.stderr}`);
  return JSON.parse(line.slice('LOADED '.length));
}

describe('commands that synthesize nothing load no synthesis library', () => {
  const [registry, out, checked] = [tmpDir('cordon-lazy-registry-'), tmpDir('cordon-lazy-out-'), tmpDir('cordon-lazy-check-')];

  test('cordon --help, and cordon check of files', () => {
    expect(synthesisLoadedBy('--help')).toEqual([]);
    // (The deploy library, which every command module reaches, once imported a GCP stack for a name,
    // and drift detection aws-cdk-lib for a type test.)
    expect(synthesisLoadedBy('check', path.join(ROOT, 'test/fixtures/handwritten-cfn.json'), path.join(ROOT, 'test/fixtures/handwritten.tf.json'))).toEqual([]);
  });

  test('the probe sees the synthesis libraries when a synthesis loads them', () => {
    fs.copyFileSync(path.join(ROOT, 'infra/tenants/acme.yaml'), path.join(registry, 'acme.yaml'));
    expect(synthesisLoadedBy('synth', '--out', out, '--registry', registry)).toEqual(['@cdktf/provider-google', 'aws-cdk-lib', 'cdktf']);
  }, 120_000);

  test('cordon check of an estate whose output in place is unchanged synthesizes nothing; --fresh does', () => {
    const check = (...more: string[]) => synthesisLoadedBy('check', '--out', checked, '--registry', registry, '--today', '2026-12-07', ...more);
    expect(check()).toEqual(['@cdktf/provider-google', 'aws-cdk-lib', 'cdktf']);
    expect(check()).toEqual([]);
    expect(check('--fresh')).toEqual(['@cdktf/provider-google', 'aws-cdk-lib', 'cdktf']);
    // What --fresh wrote is recorded too: the next check takes it whole.
    expect(check()).toEqual([]);
    // A tenant changed: the estate is synthesized again (the other tenants' stacks taken from the output in place).
    const file = path.join(registry, 'acme.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: Acme Health', 'name: Acme Health Care'));
    expect(check()).not.toEqual([]);
  }, 120_000);
});
