import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GateError, LoadedStack } from '../../services/gate/model';
import { runGate } from '../../services/gate/gate';
import { loadPolicyBundle } from '../../services/gate/policy';
import { buildBundle } from '../../services/toolchain/build-bundle';
import { BUNDLE_DIR, POLICIES_DIR, ROOT } from '../../services/toolchain/paths';
import { loadRegistry } from '../../infra/registry/load';
import { cordon, EXAMPLE_TODAY, readJson, tmpDir, writeJson } from '../helpers';

const work = tmpDir();
const estate = path.join(work, 'estate');
const reportFile = path.join(work, 'report.json');
let clean: any;

beforeAll(() => {
  fs.mkdirSync(estate);
  const res = cordon('check', '--out', estate, '--today', EXAMPLE_TODAY, '--format', `table,json=${reportFile}`);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  clean = readJson(reportFile);
});

const ofType = (resources: Record<string, any>, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('the example estate', () => {
  test('synthesizes every tenant in every environment on its cloud, plus the platform, and gates clean', () => {
    expect(clean.summary).toMatchObject({ findings: 0, mandatoryOpen: 0, passed: true });
    const stacks = new Map(clean.stacks.map((s: any) => [s.name, s]));
    const tenants = loadRegistry();
    expect(tenants.length).toBeGreaterThanOrEqual(8);
    for (const t of tenants) {
      for (const env of t.environments) {
        // Each tenant's data stack is its own, on its cloud's tool; AWS keys live in a stack of their own (ENC-4);
        // an offboarded AWS tenant keeps only its (shredded) keys.
        if (t.status === 'offboarded' && t.cloud === 'aws') expect(stacks.has(`${t.id}-${env}`)).toBe(false);
        else expect(stacks.get(`${t.id}-${env}`)).toMatchObject({ format: t.cloud === 'aws' ? 'cloudformation' : 'terraform', tenant: t.id });
        if (t.cloud === 'aws') expect(stacks.get(`${t.id}-${env}-keys`)).toMatchObject({ tenant: t.id });
      }
    }
    const platform = clean.stacks.filter((s: any) => s.tenant === null).map((s: any) => s.name);
    expect(platform.length).toBeGreaterThan(0);
    expect(platform.every((n: string) => n.startsWith('cordon-'))).toBe(true);
    expect(clean.bundle.rules).toBe(loadPolicyBundle().rules.size);
  });

  test("each stack lists, once and sorted, the rules that declare one of its resources' types", () => {
    const rules = [...loadPolicyBundle().rules.values()];
    for (const s of clean.stacks) {
      expect(s.rules).toEqual(rules.filter((r) => r.resourceTypes.some((t) => Object.hasOwn(s.types, t))).map((r) => r.id).sort());
    }
  });

  // The JSON report of the example estate is over 1 MiB, spawnSync's default maxBuffer.
  const checkFiles = (...extra: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'services/cli/bin/cordon.js'), 'check', path.join(estate, 'cdk.out'), path.join(estate, 'cdktf.out'), ...extra], { encoding: 'utf8', maxBuffer: 64 << 20 });

  test('the bin exits 0 through a real process and prints the table', () => {
    const res = checkFiles('--registry', path.join(ROOT, 'infra/tenants'));
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^cordon: ${clean.summary.stacks} stacks, ${clean.summary.resources} resources, ${clean.bundle.rules} rules`));
    expect(res.stdout).toContain('PASSED');
  });

  test('files gated without the registry fail closed: nothing says the offboarded tenant\'s deletable keys are meant to go', () => {
    const res = checkFiles('--format', 'json');
    expect(res.status).toBe(1);
    const open = JSON.parse(res.stdout).findings.filter((f: any) => f.status === 'open');
    expect(new Set(open.map((f: any) => `${f.rule} ${f.stack}`))).toEqual(new Set(['ENC-6-AWS tyrell-staging-keys']));
  });
});

describe('the JSON contract', () => {
  test('a finding carries the JSON contract fields', () => {
    const dir = fs.mkdtempSync(path.join(work, 'contract-'));
    fs.cpSync(path.join(estate, 'cdk.out'), dir, { recursive: true, dereference: true });
    const file = path.join(dir, 'globex-prod-keys.template.json');
    const t = readJson(file);
    delete ofType(t.Resources, 'AWS::KMS::Key')[0][1].Properties.RotationPeriodInDays;
    writeJson(file, t);
    const out = path.join(dir, 'r.json');
    cordon('check', dir, '--format', `json=${out}`);
    const [f] = readJson(out).findings;
    // The synthesized output's cordon-sources.json, copied with it, names the line of cordon's code that created the key.
    const keyLine = fs.readFileSync(path.join(ROOT, 'constructs/aws/tenant-key.ts'), 'utf8').split('\n').findIndex((l) => l.includes('return new kms.Key(scope, id, {')) + 1;
    expect(keyLine).toBeGreaterThan(0);
    expect(f).toEqual({
      rule: 'ENC-2-AWS', controls: ['ENC-2'], title: expect.any(String), stack: 'globex-prod-keys', resource: expect.stringMatching(/^DocumentsKey/),
      file: path.relative(process.cwd(), file), line: expect.any(Number), construct: expect.stringMatching(/^globex-prod-keys\/DocumentsKey/),
      source: { file: 'constructs/aws/tenant-key.ts', line: keyLine }, path: 'RotationPeriodInDays', severity: 'high', level: 'mandatory',
      message: 'RotationPeriodInDays is missing (KMS defaults to 365); it must be at most 90', remediation: expect.any(String),
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'open',
    });
  });
});

describe('fail closed: errors are exit 2, never a pass', () => {
  function bundleCopy(mutate: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(work, 'bundle-'));
    fs.cpSync(BUNDLE_DIR, dir, { recursive: true });
    mutate(dir);
    return dir;
  }
  const gateWith = (bundle: string) => cordon('check', path.join(estate, 'cdk.out'), '--bundle', bundle);

  test('a corrupted policy.wasm', () => {
    const dir = bundleCopy((d) => {
      const wasm = fs.readFileSync(path.join(d, 'policy.wasm'));
      wasm[wasm.length >> 1] ^= 0xff;
      fs.writeFileSync(path.join(d, 'policy.wasm'), wasm);
    });
    expect(gateWith(dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/policy\.wasm is corrupt: sha256 differs/) });
  });

  test('a bundle built from other sources (stale)', () => {
    const dir = bundleCopy((d) => {
      const m = readJson(path.join(d, 'manifest.json'));
      writeJson(path.join(d, 'manifest.json'), { ...m, sourcesSha256: '0'.repeat(64) });
    });
    expect(gateWith(dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/is stale: it was built from other sources/) });
  });

  test('a missing bundle', () => {
    expect(gateWith(path.join(work, 'nowhere'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/manifest is missing .* run `npm run tools`/) });
  });

  test.each([
    ['a path that does not exist', () => path.join(work, 'missing.json'), /cannot read .*missing\.json: no such file or directory/],
    ['an empty file', () => write('empty.json', ''), /empty\.json: file is empty/],
    ['invalid JSON', () => write('broken.json', '{"Resources": '), /broken\.json: not valid JSON/],
    ['JSON of an unknown kind', () => write('package.json', '{"name": "x"}'), /package\.json: unknown input format/],
    ['a folder with nothing to check', () => fs.mkdtempSync(path.join(work, 'empty-')), /nothing to check/],
  ])('unreadable input: %s', (_what, make, message) => {
    expect(cordon('check', make())).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });

  test('an unknown output format is refused before any work', () => {
    expect(cordon('check', path.join(estate, 'cdk.out'), '--format', 'table,xml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown output "xml"; expected .*table \| json/) });
  });

  /** The bundle of main.rego and one rule whose `deny` set (`deny_estate` for an estate rule) raises a conflict: two values for one complete rule. */
  const conflictingBundle = (id: string, pkg: string, estate: boolean) => {
    const policies = fs.mkdtempSync(path.join(work, 'policies-'));
    for (const f of ['main.rego', 'controls.yaml']) fs.copyFileSync(path.join(POLICIES_DIR, f), path.join(policies, f));
    const [head, over] = estate ? ['deny_estate contains {"stack": "s", ', 'input.stacks'] : ['deny contains {', 'input.resources'];
    fs.writeFileSync(path.join(policies, `${pkg}.rego`), [
      '# METADATA', '# title: Conflicting rule', '# description: Two values for one complete rule.', '# custom:',
      `#   id: ${id}`, '#   severity: low', '#   level: mandatory', '#   controls: [ENC-1]', '#   remediation: None.', '#   resource_types: [x]',
      `package cordon.rules.${pkg}`, '', `${head}"resource": "x", "path": "p", "message": sprintf("%v", [value])}`, '',
      'value := 1', '', `value := 2 if count(${over}) >= 0`, '',
    ].join('\n'));
    const out = fs.mkdtempSync(path.join(work, `${pkg}-bundle-`));
    buildBundle({ policiesDir: policies, outDir: out });
    return loadPolicyBundle(out, policies);
  };
  const doc = { stack: { name: 's', format: 'terraform' as const, tenant: null, environment: null, tier: null }, tenant: null, resources: {} };

  test('a rule that raises a runtime error aborts the gate', () => {
    const bundle = conflictingBundle('BOOM-1', 'boom', false);
    expect(() => runGate([{ doc, file: 's.json', sha256: '' }], bundle)).toThrow(/policy evaluation failed on stack s/);
    const many = Array.from({ length: 8 }, (_, i) => ({ doc: { ...doc, stack: { ...doc.stack, name: `s${i}` } }, file: 's.json', sha256: '' }));
    expect(() => runGate(many, bundle, { parallelBytes: 0 })).toThrow(/policy evaluation failed on stack s\d/);
    // A read that fails after the second thread started on the first stacks fails the run with its own error.
    // (stacks over 512 KiB each, so each is submitted, and the second thread started, before the failure)
    const big = many.slice(0, 3).map((s) => ({ ...s, doc: { ...s.doc, resources: { r: { type: 'x', properties: { text: 'a'.repeat(600_000) }, references: [], labels: {}, path: null } } } }) as LoadedStack);
    const failing = (function* () {
      yield* big;
      throw new GateError('x.json: unreadable');
    })();
    expect(() => runGate(failing, loadPolicyBundle(), { parallelBytes: 0 })).toThrow('x.json: unreadable');
  });

  test('an estate rule that raises a runtime error over a stack parsed once for it and the stack rules: the error names the estate rule', () => {
    const bundle = conflictingBundle('BOOM-2', 'boom_estate', true);
    let evaluations = 0;
    expect(() => runGate([{ doc, file: 's.json', sha256: '' }], bundle, { onEvaluated: ({ jobs }) => (evaluations = jobs) })).toThrow(/^policy evaluation failed on the estate \(rule package boom_estate\)/);
    // The stack and the estate rule were one evaluation: the error still names the rule.
    expect(evaluations).toBe(1);
  });
});

function write(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}
