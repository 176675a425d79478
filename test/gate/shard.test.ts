import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, cordon, readJson, tmpDir, writeJson } from '../helpers';

const INPUTS = [path.join(ROOT, 'test/fixtures/inputs'), path.join(ROOT, 'test/fixtures/handwritten-cfn.json'), path.join(ROOT, 'test/fixtures/handwritten.tf.json')];
const work = tmpDir();
const waivers = path.join(work, 'waivers.yaml');
const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const reason = 'Scratch bucket is deleted with the migration in ticket OPS-7.';

beforeAll(() => {
  fs.writeFileSync(waivers, JSON.stringify({
    waivers: [
      { rule: 'ENC-1-AWS', scope: { stack: 'cfn-short-tags', resource: 'Scratch' }, reason, approver: 'lead@cordon.example', expires },
      { rule: 'ENC-1-AWS', scope: { stack: 'no-such-stack' }, reason, approver: 'lead@cordon.example', expires },
    ],
  }));
});

const check = (out: string, ...extra: string[]) => checkWithFrameworkRules(...INPUTS, '--waivers', waivers, '--strict', '--format', `json=${path.join(work, out)}`, ...extra);

describe('--shard and merge', () => {
  test('GIVEN 3 shards WHEN merged THEN the report equals the unsharded run\'s, waivers and --strict included', () => {
    expect(check('whole.json').code).toBe(1);
    const shards = [1, 2, 3].map((i) => {
      const res = check(`shard-${i}.json`, '--shard', `${i}/3`);
      expect(res.stderr).not.toContain('error');
      return readJson(path.join(work, `shard-${i}.json`));
    });
    // Every stack lands in exactly one shard, and at least two shards have work.
    expect(shards.flatMap((s) => s.stacks.map((x: any) => x.name)).sort()).toEqual(readJson(path.join(work, 'whole.json')).stacks.map((x: any) => x.name).sort());
    expect(shards.filter((s) => s.stacks.length > 0).length).toBeGreaterThanOrEqual(2);

    const merged = path.join(work, 'merged.json');
    const res = cordon('merge', ...[1, 2, 3].map((i) => path.join(work, `shard-${i}.json`)), '--format', `table,json=${merged}`);
    expect(res.code).toBe(1);
    expect(readJson(merged)).toEqual(readJson(path.join(work, 'whole.json')));
    expect(res.stdout).toContain('UNUSED: matched nothing (fails under --strict)');
  });

  test('the split is a function of the stack name only', () => {
    check('again-2.json', '--shard', '2/3');
    expect(readJson(path.join(work, 'again-2.json')).stacks.map((s: any) => s.name)).toEqual(readJson(path.join(work, 'shard-2.json')).stacks.map((s: any) => s.name));
  });

  test.each(['0/3', '4/3', '1/0', 'two/3'])('refuses --shard %s', (spec) => {
    expect(checkWithFrameworkRules(...INPUTS, '--shard', spec)).toMatchObject({ code: 2, stderr: expect.stringContaining(`--shard: expected i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4), received "${spec}"`) });
  });

  test('merge refuses reports of different runs and stacks reported twice', () => {
    const one = path.join(work, 'shard-1.json');
    const other = path.join(work, 'other.json');
    writeJson(other, { ...readJson(one), summary: { ...readJson(one).summary, failOn: ['high'] } });
    expect(cordon('merge', one, other)).toMatchObject({ code: 2, stderr: expect.stringContaining('differs from') });
    writeJson(other, { ...readJson(one), summary: { ...readJson(one).summary, today: '2027-01-01' } });
    expect(cordon('merge', one, other)).toMatchObject({ code: 2, stderr: expect.stringContaining('in the date judged on (--today)') });
    expect(cordon('merge', one, one)).toMatchObject({ code: 2, stderr: expect.stringMatching(/stack .* is in both/) });
    expect(cordon('merge', path.join(ROOT, 'package.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a cordon JSON report of version 1') });
  });

  test('merge refuses an incomplete or mixed shard set: a missing shard\'s stacks were never judged', () => {
    const shard = (i: number) => path.join(work, `shard-${i}.json`);
    expect(cordon('merge', shard(1), shard(3))).toMatchObject({ code: 2, stderr: expect.stringContaining('merge: shard 2/3 missing: their stacks were not judged; merge every shard of the run') });
    expect(cordon('merge', shard(1))).toMatchObject({ code: 2, stderr: expect.stringContaining('merge: shards 2/3, 3/3 missing') });
    expect(cordon('merge', path.join(work, 'whole.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('whole.json is not a shard\'s report (it was gated without --shard)') });
    const renumbered = path.join(work, 'renumbered.json');
    writeJson(renumbered, { ...readJson(shard(2)), summary: { ...readJson(shard(2)).summary, shard: '2/4' } });
    expect(cordon('merge', shard(1), renumbered, shard(3))).toMatchObject({ code: 2, stderr: expect.stringContaining('is shard 2/4') });
  });
});
