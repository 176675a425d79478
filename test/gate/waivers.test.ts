import * as fs from 'fs';
import * as path from 'path';
import { runGate } from '../../services/gate/gate';
import { loadPolicyBundle } from '../../services/gate/policy';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, readJson, tmpDir, writeJson } from '../helpers';

const CFN = path.join(ROOT, 'test/fixtures/handwritten-cfn.json');
const TF = path.join(ROOT, 'test/fixtures/handwritten.tf.json');
const work = tmpDir();
let n = 0;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const REASON = 'Legacy uploads bucket is migrated to SSE-KMS in ticket SEC-142.';
const waiver = (over: Record<string, unknown> = {}) => ({ rule: 'ENC-1-AWS', scope: { stack: 'handwritten-cfn', resource: 'Uploads' }, reason: REASON, approver: 'lead@cordon.example', expires: day(30), ...over });

/** Gates the hand-written templates with the given waiver file; returns the exit code, the JSON report and stderr. */
function gate(waivers: unknown, ...extra: string[]) {
  const file = path.join(work, `waivers-${++n}.yaml`);
  fs.writeFileSync(file, JSON.stringify(waivers)); // JSON is YAML
  const out = path.join(work, `report-${n}.json`);
  const res = checkWithFrameworkRules(CFN, TF, '--waivers', file, '--format', `json=${out}`, ...extra);
  return { ...res, report: res.code === 2 ? undefined : readJson(out) };
}
const statuses = (report: any) => report.findings.map((f: any) => `${f.rule}:${f.status}`).sort();

describe('waivers', () => {
  test('GIVEN a waiver expiring today WHEN gated THEN exactly its finding is waived, with its reason, and the rest still fail', () => {
    const { code, report, stderr } = gate({ waivers: [waiver({ expires: day(0) })] });
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['ENC-1-AWS:waived', 'ENC-1-GCP:open', 'ENC-2-AWS:open', 'ENC-2-GCP:open']);
    expect(report.findings.find((f: any) => f.status === 'waived').waiver).toEqual({ reason: REASON, approver: 'lead@cordon.example', expires: day(0) });
    expect(report.waivers).toEqual([expect.objectContaining({ status: 'active', matched: 1 })]);
    // No readable output went to the terminal, so the waiver summary goes to stderr.
    expect(stderr).toMatch(/^Waivers: 1 finding waived by 1 waiver\n  ENC-1-AWS stack=handwritten-cfn resource=Uploads: 1 waived, expires/);
  });

  test('GIVEN a waiver that expired yesterday THEN it waives nothing and says so', () => {
    const { code, report } = gate({ waivers: [waiver({ expires: day(-1) })] });
    expect(code).toBe(1);
    expect(statuses(report)).not.toContain('ENC-1-AWS:waived');
    expect(report.waivers[0]).toMatchObject({ status: 'expired', matched: 0 });
    const table = checkWithFrameworkRules(CFN, TF, '--waivers', path.join(work, `waivers-${n}.yaml`)).stdout;
    expect(table).toContain(`ENC-1-AWS stack=handwritten-cfn resource=Uploads: EXPIRED ${day(-1)}, waives nothing`);
  });

  test('GIVEN waivers covering every finding by tenant, stack and address THEN the run passes', () => {
    const { code, report } = gate({
      waivers: [
        waiver({ rule: 'ENC-2-AWS', scope: { tenant: 'initech' } }),
        waiver(),
        waiver({ rule: 'ENC-1-GCP', scope: { stack: 'handwritten' } }),
        waiver({ rule: 'ENC-2-GCP', scope: { stack: 'handwritten', resource: 'google_kms_crypto_key.yearly' } }),
      ],
    });
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ findings: 4, waived: 4, failing: 0, passed: true });
  });

  test('GIVEN a waiver that matches nothing THEN it is reported, and fails the run only with --strict', () => {
    const all = [waiver({ rule: 'ENC-2-AWS', scope: { tenant: 'initech' } }), waiver(), waiver({ rule: 'ENC-1-GCP', scope: { stack: 'handwritten' } }), waiver({ rule: 'ENC-2-GCP', scope: { stack: 'handwritten' } })];
    const unused = waiver({ scope: { stack: 'handwritten-cfn', resource: 'Archive' } });
    const lax = gate({ waivers: [...all, unused] });
    expect(lax.code).toBe(0);
    expect(lax.report.waivers[4]).toMatchObject({ status: 'unused', matched: 0 });
    expect(lax.stderr).toContain('UNUSED: matched nothing');
    const strict = gate({ waivers: [...all, unused] }, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.report.summary).toMatchObject({ failing: 0, unusedWaivers: 1, strict: true, passed: false });
  });

  test('the horizon: 90 days ahead is accepted, 91 is refused; maxDays changes it', () => {
    expect(gate({ waivers: [waiver({ expires: day(90) })] }).code).toBe(1);
    expect(gate({ waivers: [waiver({ expires: day(91) })] })).toMatchObject({ code: 2, stderr: expect.stringContaining(`waivers[0].expires: expected a date at most 90 days after ${day(0)}, received ${day(91)} (91 days)`) });
    expect(gate({ maxDays: 30, waivers: [waiver({ expires: day(31) })] }).code).toBe(2);
  });

  test('GIVEN a bad waiver file THEN every problem is reported at once, exit 2, nothing checked', () => {
    const { code, stdout, stderr } = gate({
      owner: 'x',
      waivers: [
        { rule: 'ENC-9', scope: {}, reason: 'because', approver: 'bob', expires: '2026-02-30' },
        { rule: 'ENC-1-AWS', scope: { resource: 'Uploads' }, reason: REASON, approver: 'lead@cordon.example', expires: day(1), extra: 1 },
      ],
    });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    for (const problem of [
      ': unknown field "owner"; expected maxDays, waivers',
      'waivers[0].rule: expected a rule id of the bundle',
      'waivers[0].scope: expected at least one of tenant, stack, resource (a waiver never covers a whole rule), received none',
      'waivers[0].reason: expected a sentence of at least 20 characters, received "because"',
      'waivers[0].approver: expected the approver\'s email address, received "bob"',
      'waivers[0].expires: expected a date YYYY-MM-DD, received "2026-02-30"',
      'waivers[1]: unknown field "extra"',
      'waivers[1].scope.resource: expected a stack beside it',
    ]) expect(stderr).toContain(problem);
  });

  test('GIVEN an expiry month or day out of range THEN it is a problem of the file, not a crash', () => {
    const { code, stderr } = gate({ waivers: [waiver({ expires: '2026-13-01' })] });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cordon check: error: waivers are invalid \(nothing was checked\):\n {2}\S+: waivers\[0\]\.expires: expected a date YYYY-MM-DD, received "2026-13-01"\n$/);
  });
});

describe('the date a run is judged on (--today)', () => {
  test('GIVEN --today THEN waivers are judged on that date, not the clock', () => {
    const w = waiver({ expires: day(10) });
    expect(gate({ waivers: [w] }).report.waivers[0].status).toBe('active');
    expect(gate({ waivers: [w] }, '--today', day(11)).report.waivers[0]).toMatchObject({ status: 'expired', matched: 0 });
    // The report says which date it was judged on.
    expect(gate({ waivers: [w] }, '--today', day(11)).report.summary.today).toBe(day(11));
  });

  test.each(['2026-12-7', '2026-02-30', 'today'])('refuses --today %s in one line, exit 2, nothing checked', (value) => {
    expect(gate({ waivers: [] }, '--today', value)).toMatchObject({ code: 2, stdout: '', stderr: `cordon check: error: --today: expected a UTC date YYYY-MM-DD, received "${value}"\n` });
  });

  test("the library refuses a malformed date before any evaluation, naming its option", () => {
    expect(() => runGate([], loadPolicyBundle(), { today: '2026-13-01' })).toThrow('today: expected a UTC date YYYY-MM-DD, received "2026-13-01"');
  });
});

describe('baselines', () => {
  const dir = tmpDir();
  const before = path.join(dir, 'before.json');

  beforeAll(() => {
    expect(checkWithFrameworkRules(CFN, TF, '--format', `json=${before}`).code).toBe(1);
  });

  test('GIVEN the previous report as baseline THEN old findings do not fail; a new one does', () => {
    const same = path.join(dir, 'same.json');
    expect(checkWithFrameworkRules(CFN, TF, '--baseline', before, '--format', `json=${same}`).code).toBe(0);
    expect(readJson(same).summary).toMatchObject({ findings: 4, baseline: 4, failing: 0 });

    const copy = path.join(dir, 'handwritten-cfn.json');
    const t = readJson(CFN);
    t.Resources.NewKey = { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } };
    writeJson(copy, t);
    const after = path.join(dir, 'after.json');
    expect(checkWithFrameworkRules(copy, TF, '--baseline', before, '--format', `json=${after}`).code).toBe(1);
    expect(readJson(after).findings.filter((f: any) => f.status === 'open').map((f: any) => f.resource)).toEqual(['NewKey']);
  });

  test('fingerprints survive renaming and adding unrelated resources and files, but not a move to another stack', () => {
    const prints = (file: string) => new Map(readJson(file).findings.map((f: any) => [`${f.stack}/${f.resource}/${f.path}`, f.fingerprint]));
    const t = readJson(CFN);
    t.Resources.RenamedArchive = t.Resources.Archive; // an unrelated resource renamed
    delete t.Resources.Archive;
    t.Resources.Extra = { Type: 'AWS::SQS::Queue', Properties: {} };
    const sub = fs.mkdtempSync(path.join(dir, 'moved-'));
    writeJson(path.join(sub, 'handwritten-cfn.json'), t);
    writeJson(path.join(sub, 'other.json'), readJson(CFN)); // same addresses, another file and stack
    fs.copyFileSync(TF, path.join(sub, 'handwritten.tf.json'));
    const out = path.join(dir, 'moved.json');
    checkWithFrameworkRules(sub, '--format', `json=${out}`);
    const old = prints(before);
    const now = prints(out);
    for (const [key, print] of old) expect(now.get(key)).toBe(print);
    expect(now.get('other/Uploads/BucketEncryption')).not.toBe(old.get('handwritten-cfn/Uploads/BucketEncryption'));
  });

  test('a baseline made while a waiver was active does not hide the finding once the waiver has expired', () => {
    const waived = path.join(dir, 'waived.json');
    const file = path.join(dir, 'waiver.yaml');
    fs.writeFileSync(file, JSON.stringify({ waivers: [waiver()] }));
    expect(checkWithFrameworkRules(CFN, TF, '--waivers', file, '--format', `json=${waived}`).code).toBe(1);
    expect(readJson(waived).findings.filter((f: any) => f.status === 'waived').map((f: any) => f.resource)).toEqual(['Uploads']);
    // The waiver is gone (expired or removed): the baseline made under it must not take its place.
    const after = path.join(dir, 'after-waiver.json');
    expect(checkWithFrameworkRules(CFN, TF, '--baseline', waived, '--format', `json=${after}`).code).toBe(1);
    expect(readJson(after).findings.filter((f: any) => f.status === 'open').map((f: any) => f.resource)).toEqual(['Uploads']);
  });

  test('a baseline made with another policy bundle is refused', () => {
    const other = path.join(dir, 'other-bundle.json');
    writeJson(other, { ...readJson(before), bundle: { ...readJson(before).bundle, wasmSha256: 'f'.repeat(64) } });
    expect(checkWithFrameworkRules(CFN, '--baseline', other)).toMatchObject({ code: 2, stderr: expect.stringContaining(`--baseline ${other}: made with policy bundle ffffffffffff, this run uses `) });
  });

  test.each([
    ['not JSON', 'nope', /--baseline .*: cannot read a JSON report/],
    ['another tool\'s JSON', '{"runs": []}', /expected a cordon JSON report \(version 1, findings with fingerprints\)/],
  ])('refuses a baseline that is %s', (_what, text, message) => {
    const file = path.join(dir, `bad-${_what.length}.json`);
    fs.writeFileSync(file, text);
    expect(checkWithFrameworkRules(CFN, '--baseline', file)).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });
});
