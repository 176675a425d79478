import * as fs from 'fs';
import * as path from 'path';
import { buildBundle } from '../../services/toolchain/build-bundle';
import { ensureOpa, OPA_VERSION, opaPath, ToolchainError } from '../../services/toolchain/opa';
import { POLICIES_DIR } from '../../services/toolchain/paths';
import { tmpDir } from '../helpers';

describe('opa bootstrap', () => {
  const dir = tmpDir();

  test('an installed opa of the pinned version is used as it is, without go', () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      expect(ensureOpa()).toBe(opaPath());
    } finally {
      process.env.PATH = saved;
    }
  });

  test('GIVEN no opa and no go WHEN bootstrapping THEN one line says what is missing and nothing is written', () => {
    const bin = path.join(dir, 'bin');
    const emptyPath = path.join(dir, 'empty');
    fs.mkdirSync(emptyPath);
    const saved = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      expect(() => ensureOpa(undefined, bin)).toThrow(new ToolchainError(`cannot build the opa CLI v${OPA_VERSION}: 'go' is not on PATH (install Go 1.24 or newer, then re-run)`));
    } finally {
      process.env.PATH = saved;
    }
    expect(fs.existsSync(bin)).toBe(false);
  });
});

describe('policy bundle build', () => {
  const dir = tmpDir();

  test('a rule naming a control that controls.yaml does not define is refused at build time', () => {
    const policies = path.join(dir, 'policies-unknown-control');
    fs.mkdirSync(policies);
    for (const f of ['main.rego', 'controls.yaml']) fs.copyFileSync(path.join(POLICIES_DIR, f), path.join(policies, f));
    fs.writeFileSync(
      path.join(policies, 'stray.rego'),
      ['# METADATA', '# title: Stray', '# description: Names no real control.', '# custom:', '#   id: STRAY-1', '#   severity: low', '#   level: advisory',
        '#   controls: [NOPE-9]', '#   remediation: None.', '#   resource_types: [x]', 'package cordon.rules.stray', '', 'deny contains "x" if false', ''].join('\n'),
    );
    expect(() => buildBundle({ policiesDir: policies, outDir: path.join(dir, 'out-unknown-control') })).toThrow(/rule STRAY-1 names control NOPE-9, which .*controls\.yaml does not define/);
  });

  test('a rule without complete METADATA is refused at build time, naming file and field', () => {
    const policies = path.join(dir, 'policies');
    fs.mkdirSync(policies);
    fs.copyFileSync(path.join(POLICIES_DIR, 'main.rego'), path.join(policies, 'main.rego'));
    fs.writeFileSync(
      path.join(policies, 'half.rego'),
      ['# METADATA', '# title: Half described', '# description: No level.', '# custom:', '#   id: HALF-1', '#   severity: low',
        '#   controls: [TEST-1]', '#   remediation: None.', '#   resource_types: [x]', 'package cordon.rules.half', '', 'deny contains "x" if false', ''].join('\n'),
    );
    const out = path.join(dir, 'bundle');
    expect(() => buildBundle({ policiesDir: policies, outDir: out })).toThrow(ToolchainError);
    expect(() => buildBundle({ policiesDir: policies, outDir: out })).toThrow(/half\.rego: METADATA level is missing or invalid \(package half\)/);
    expect(fs.existsSync(out)).toBe(false);
  });

  /** Builds a policy folder holding one rule `pkg` with the given extra METADATA line and head, and returns what the build throws. */
  const buildWith = (pkg: string, extra: string, head: 'deny' | 'deny_estate' = 'deny') => {
    const policies = fs.mkdtempSync(path.join(dir, `policies-${pkg}-`));
    for (const f of ['main.rego', 'controls.yaml']) fs.copyFileSync(path.join(POLICIES_DIR, f), path.join(policies, f));
    fs.writeFileSync(
      path.join(policies, `${pkg}.rego`),
      ['# METADATA', `# title: ${pkg}`, '# description: A rule with one questionable METADATA line.', '# custom:', `#   id: ${pkg.toUpperCase()}-1`, '#   severity: low', '#   level: advisory',
        '#   controls: [ENC-1]', '#   remediation: None.', '#   resource_types: [x]', `#   ${extra}`, `package cordon.rules.${pkg}`, '', `${head} contains "x" if false`, ''].join('\n'),
    );
    return () => buildBundle({ policiesDir: policies, outDir: fs.mkdtempSync(path.join(dir, `out-${pkg}-`)) });
  };

  test('checks naming a type the rule does not read, or a malformed property path, are refused at build time', () => {
    for (const checks of ['{"AWS::S3::Bucket": [BucketEncryption]}', '{"x": ["a..b"]}']) {
      expect(buildWith('checks', `checks: ${checks}`)).toThrow(/checks\.rego: METADATA checks is missing or invalid \(package checks\)/);
    }
  });

  test('mentions on a stack rule, or a mention with a quote or an empty one, are refused at build time', () => {
    const cases = [['["x"]', 'deny'], ['["a\\"b"]', 'deny_estate'], ['[""]', 'deny_estate']] as const;
    for (const [mentions, head] of cases) {
      expect(buildWith('mentions', `mentions: ${mentions}`, head)).toThrow(/mentions\.rego: METADATA mentions must be a list of strings without quotes, backslashes or control characters, and only on an estate rule \(package mentions\)/);
    }
  });
});
