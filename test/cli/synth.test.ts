import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { cordon, EXAMPLE_TODAY, tmpDir } from '../helpers';

describe('cordon synth (one CI job synthesizes, the shards gate its output)', () => {
  const out = tmpDir();
  const tmpOut = tmpDir();

  test('writes both outputs, ungated, which sharded checks of the files then gate whole', () => {
    const res = cordon('synth', '--out', out);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toMatch(/^synthesized 10 tenants, not gated: /);
    for (const dir of ['cdk.out', 'cdktf.out']) expect(fs.existsSync(path.join(out, dir, 'manifest.json'))).toBe(true);
    const shards = [1, 2].map((i) => {
      const file = path.join(out, `shard-${i}.json`);
      expect(cordon('check', path.join(out, 'cdk.out'), path.join(out, 'cdktf.out'), '--registry', path.join(ROOT, 'infra/tenants'), '--shard', `${i}/2`, '--today', EXAMPLE_TODAY, '--format', `json=${file}`).code).toBe(0);
      return file;
    });
    const merged = cordon('merge', ...shards, '--format', 'json');
    const { summary } = JSON.parse(merged.stdout);
    expect(summary.passed).toBe(true);
    expect(summary.stacks).toBe(JSON.parse(cordon('check', '--out', tmpOut, '--format', 'json').stdout).summary.stacks);
  });

  test('refuses the repository root, whose outputs are only ever gated, and a missing --out', () => {
    expect(cordon('synth', '--out', ROOT)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out: the repository root holds only gated output/) });
    expect(cordon('synth')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out DIR is required/) });
  });
});
