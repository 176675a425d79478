import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../../services/toolchain/policy-sources';
import { cordon, EXAMPLE_TODAY, readJson, tmpDir } from '../helpers';
import { strictBundle } from '../support/strict-bundle';

/** sha256 of every file under `dir`, by relative path. */
const digest = (dir: string) => Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort().map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))]));

describe('cordon check leaves only gated output where deploy tools look', () => {
  const root = tmpDir('cordon-check-out-');

  test('a passing gate promotes; a failing one sets its output aside as rejected and keeps the last passing output in place', async () => {
    expect(cordon('check', '--out', root, '--today', EXAMPLE_TODAY).code).toBe(0);
    const passed = { aws: digest(path.join(root, 'cdk.out')), gcp: digest(path.join(root, 'cdktf.out')) };
    expect(fs.existsSync(path.join(root, 'cdk.out.rejected'))).toBe(false);

    const strict = strictBundle();
    const json = path.join(root, 'red.json');
    const red = cordon('check', '--out', root, '--bundle', strict.bundle, '--policies', strict.policies, '--format', `table,json=${json}`);
    expect(red.code).toBe(1);
    expect(red.stderr).toMatch(/cordon: the gate failed: the aws output was not made deployable; it is in .*cdk\.out\.rejected for inspection/);
    expect(digest(path.join(root, 'cdk.out'))).toEqual(passed.aws);
    expect(digest(path.join(root, 'cdktf.out'))).toEqual(passed.gcp);
    for (const rejected of ['cdk.out.rejected', 'cdktf.out.rejected']) {
      expect(fs.readFileSync(path.join(root, rejected, 'REJECTED.txt'), 'utf8')).toMatch(/^Rejected by the cordon gate: open findings fail the run\./);
      expect(fs.existsSync(path.join(root, rejected, 'manifest.json'))).toBe(false);
    }
    // Findings name the files where they now are.
    const files: string[] = [...new Set<string>(readJson(json).findings.map((f: { file: string }) => f.file))];
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(path.relative(path.join(root, 'cdk.out.rejected'), f)).not.toMatch(/^\.\./);
      expect(fs.existsSync(f)).toBe(true);
    }
    // The CDK toolkit cannot load the rejected output as an app (what `cdk deploy --app cdk.out.rejected` does).
    const { Toolkit } = await import('@aws-cdk/toolkit-lib');
    const toolkit = new Toolkit({ ioHost: { notify: async () => undefined, requestResponse: async (m) => m.defaultResponse } });
    await expect(toolkit.list(await toolkit.fromAssemblyDirectory(path.join(root, 'cdk.out.rejected')))).rejects.toThrow();
    expect(fs.readdirSync(root).filter((f) => /staged|\.old-/.test(f))).toEqual([]);
  }, 240_000);

  test('a shard proves only its slice: its output is not promoted either (and --out is made when missing)', () => {
    const out = path.join(root, 'shard', 'new');
    const res = cordon('check', '--out', out, '--shard', '1/2', '--today', EXAMPLE_TODAY);
    expect(res.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'cdk.out'))).toBe(false);
    expect(res.stderr).toMatch(/a shard proves only its slice: the aws output was not made deployable/);
  }, 240_000);
});
