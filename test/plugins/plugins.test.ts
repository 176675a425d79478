import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { synthAndGate } from '../../services/plugins/cdktf-gate';
import { ROOT } from '../../services/toolchain/paths';
import { buildPluginTestApp } from '../fixtures/plugins/cdk-app';
import { frameworkBundle, readJson, tmpDir } from '../helpers';

// The four framework rules: this tests the hook, not the catalog.
const fw = () => ({ dir: frameworkBundle().bundle, policies: frameworkBundle().policies });

const work = tmpDir();

describe('CDK validation plugin', () => {
  test('GIVEN a clean app WHEN synthesized THEN the plugin passes it', () => {
    expect(() => buildPluginTestApp(fs.mkdtempSync(path.join(work, 'ok-')), true).synth()).not.toThrow();
  });

  test('GIVEN a violation in a stack nested in a Stage WHEN synthesized THEN synth fails with CDK\'s report naming rule and resource', () => {
    const out = fs.mkdtempSync(path.join(work, 'bad-'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => buildPluginTestApp(out, false).synth()).toThrow(/Acknowledge with 'cordon::ENC-2-AWS'/);
      // The plugin fails the process itself: the CDK CLI would otherwise exit 0 (aws/aws-cdk#26844).
      expect(process.exitCode).toBe(1);
      expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^cordon: 1 failing finding\(s\) in the synthesized stacks \(--fail-on mandatory,unverifiable\); synth fails\n  ENC-2-AWS \S+ Key EnableKeyRotation: /));
    } finally {
      process.exitCode = undefined;
      stderr.mockRestore();
    }
    const report = readJson(path.join(out, 'validation-report.json'));
    const [plugin] = report.pluginReports;
    expect(plugin).toMatchObject({ pluginName: 'cordon', conclusion: 'failure' });
    expect(plugin.violations).toEqual([expect.objectContaining({ ruleName: 'ENC-2-AWS', violatingConstructs: [expect.objectContaining({ constructPath: 'Prod/Inner/Key' })] })]);
  });

  test('plain `cdk synth` exits non-zero on a violation', () => {
    const cdk = path.join(ROOT, 'node_modules/.bin/cdk');
    const app = `"${process.execPath}" -r ts-node/register/transpile-only test/fixtures/plugins/cdk-app.ts`;
    const res = spawnSync(cdk, ['synth', '--app', app, '--output', fs.mkdtempSync(path.join(work, 'cli-')), '--quiet', '--no-notices', '--no-version-reporting'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CORDON_TEST_ROTATION: 'false', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    });
    expect(res.status).not.toBe(0);
    expect(`${res.stdout}${res.stderr}`).toContain('ENC-2-AWS');
  });
});

describe('cdktf synth with the gate', () => {
  function app(rotation: string): App {
    const a = new App({ outdir: fs.mkdtempSync(path.join(work, 'tf-')) });
    const stack = new TerraformStack(a, 'keys');
    new GoogleProvider(stack, 'google', { project: 'p' });
    new KmsCryptoKey(stack, 'key', { name: 'k', keyRing: 'projects/p/locations/l/keyRings/r', rotationPeriod: rotation });
    return a;
  }

  test('GIVEN a key rotating every 90 days THEN synth and gate pass', () => {
    expect(() => synthAndGate(app('7776000s'), undefined, fw())).not.toThrow();
  });

  test('GIVEN a key rotating yearly THEN synth fails with the gate\'s report', () => {
    expect(() => synthAndGate(app('31536000s'), undefined, fw())).toThrow(/cordon gate failed after cdktf synth:[\s\S]*ENC-2-GCP  high  1 finding \(1 open\)  FAILS[\s\S]*      keys  google_kms_crypto_key\.key/);
  });
});
