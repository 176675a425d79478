import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RegistryError } from '../../infra/registry/issues';
import { loadRegistry } from '../../infra/registry/load';
import { parseStrictJson } from '../../services/gate/strict-json';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, cordon, readJson, tmpDir } from '../helpers';

const work = tmpDir('cordon-hostile-');
let n = 0;
const file = (name: string, text: string) => {
  const dir = path.join(work, `f${++n}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
/** A refusal: exit 2, one line on stderr naming the file and the reason, nothing on stdout. */
const refused = (res: { code: number; stdout: string; stderr: string }, ...parts: string[]) => {
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr.trim().split('\n')).toHaveLength(1);
  for (const p of parts) expect(res.stderr).toContain(p);
};

describe('duplicate keys in JSON are refused, not resolved silently to the last', () => {
  test.each([
    ['top level', '{"Resources": {}, "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}', '"Resources" at line 1, column 19'],
    ['nested, on line 3', '{"Resources": {\n  "B": {"Type": "AWS::S3::Bucket", "Properties": {}},\n  "B": {"Type": "AWS::S3::Bucket"}}}', '"B" at line 3, column 3'],
  ])('%s', (_what, text, where) => {
    const f = file('t.json', text);
    refused(checkWithFrameworkRules(f), 't.json: not valid JSON (duplicate key ', where);
  });

  test('equal keys in different objects, and colons, quotes and braces inside strings, are fine', () => {
    const text = '{"a": {"k": 1}, "b": {"k": "x:\\"}{,:"}, "c": [{"k": 1}, {"k": 2}], "d\\"": {"k": ":"}}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  test('a string ends at a quote after an even run of backslashes, not an odd one', () => {
    const text = '{"a\\\\": "x\\\\",\n "b": "\\\\\\"}:",\n "a\\\\": 1}';
    expect(() => parseStrictJson(text)).toThrow('duplicate key "a\\\\" at line 3, column 2');
  });
});

describe('hostile files are refused with one line and exit 2', () => {
  test('an unknown YAML tag in a CloudFormation template (it would be read as a plain string)', () => {
    const f = file('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Secret mine\n');
    refused(checkWithFrameworkRules(f), 't.yaml: neither JSON, Terraform HCL nor valid YAML (Unresolved tag: !Secret');
  });

  test('JSON nested deeper than 1000 levels (it would overflow the stack of the walks after parsing)', () => {
    const deep = `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": ${'{"a": '.repeat(100_000)}1${'}'.repeat(100_000)}}}}`;
    refused(checkWithFrameworkRules(file('deep.json', deep)), 'deep.json: not valid JSON (nested 100003 levels deep, over the limit of 1000)');
  });

  test('a FIFO or a device given as input is refused before it is read (it would block or never end)', () => {
    const fifo = path.join(work, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    refused(checkWithFrameworkRules(fifo), 'pipe.json: not a regular file');
    refused(checkWithFrameworkRules('/dev/zero'), 'zero: not a regular file');
  });

  test('a folder walk reads upper-case template names too (case means nothing to CloudFormation)', () => {
    const f = file('LEGACY.JSON', JSON.stringify({ Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } }));
    const out = path.join(work, 'upper.json');
    expect(checkWithFrameworkRules(path.dirname(f), '--format', `json=${out}`).code).toBe(1);
    expect(readJson(out).stacks.map((s: any) => s.name)).toEqual(['LEGACY']);
  });
});

describe('reports are written all or none, and never over an input', () => {
  const template = () => file('t.json', JSON.stringify({ Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } }));

  test('one report that cannot be written: no other report file is left, nothing on stdout, exit 2', () => {
    const t = template();
    const json = path.join(path.dirname(t), 'a.json');
    const blocked = path.join(path.dirname(t), 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where a folder is needed');
    refused(checkWithFrameworkRules(t, '--format', `table,json=${json},sarif=${path.join(blocked, 'x.sarif')}`), 'cannot write sarif report to ', 'no report file was written');
    expect(fs.readdirSync(path.dirname(t)).sort()).toEqual(['not-a-folder', 't.json']);
  });

  test('a report path equal to an input is refused before any work', () => {
    const t = template();
    const before = fs.readFileSync(t, 'utf8');
    refused(checkWithFrameworkRules(t, '--format', `json=${t}`), 't.json: that file is an input; the report would overwrite what it judged');
    expect(fs.readFileSync(t, 'utf8')).toBe(before);
  });
});

describe('a Terraform plan is judged as Terraform would apply it, or refused', () => {
  const bucket = { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', values: {} };
  test.each([
    ['resources that are a string', { planned_values: { root_module: { resources: 'x' } } }, 'planned_values.root_module.resources is string, expected a list'],
    ['child modules that are a number', { planned_values: { root_module: { child_modules: 5 } } }, 'planned_values.root_module.child_modules is number, expected a list'],
    ['resource_changes that are a string', { planned_values: { root_module: {} }, resource_changes: 'x' }, 'resource_changes is string, expected a list'],
    ['a resource without mode', { planned_values: { root_module: { resources: [{ ...bucket, mode: undefined }] } } }, 'has mode null, expected managed or data'],
    [
      'a change planned_values does not hold',
      { planned_values: { root_module: {} }, resource_changes: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', change: { actions: ['create'] } }] },
      'resource_changes would create aws_s3_bucket.b, which planned_values does not hold',
    ],
  ])('%s', (_what, plan, message) => {
    refused(checkWithFrameworkRules(file('plan.json', JSON.stringify(plan))), 'plan.json: ', message);
  });
});

describe('what Terraform or CloudFormation would deploy differently from the files is refused, not guessed', () => {
  const folder = (files: Record<string, string>) => {
    const dir = path.join(work, `tf${++n}`);
    fs.mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const BUCKET = 'resource "aws_s3_bucket" "b" {\n}\n';
  test.each([
    ['a module from a registry (cordon expands local modules only)', { 'main.tf': 'module "x" {\n  source = "terraform-google-modules/kms/google"\n}\n' }, 'main.tf: module "x" has source "terraform-google-modules/kms/google", not a local folder'],
    ['a local module whose folder is missing', { 'main.tf': 'module "x" {\n  source = "./x"\n}\n' }, 'main.tf → module "x" (./x): cannot read the module folder'],
    ['a local module called with count (its instances are known to a plan only)', { 'main.tf': 'module "x" {\n  source = "./"\n  count = 2\n}\n' }, 'main.tf: module "x" is called with count'],
    ['a module that calls itself', { 'main.tf': 'module "x" {\n  source = "./"\n}\n' }, 'modules nested deeper than 8'],
    ['the same resource in two files (Terraform refuses it)', { 'a.tf': BUCKET, 'b.tf': BUCKET }, 'b.tf: resource aws_s3_bucket.b is also declared in '],
    ['an override file (Terraform merges it last)', { 'main.tf': BUCKET, 'main_override.tf': BUCKET }, 'main_override.tf: an override file'],
    ['a CloudFormation Transform macro', { 'sam.json': JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: {} }) }, 'sam.json: uses Transform "AWS::Serverless-2016-10-31"'],
    ['an Fn::Transform (AWS::Include) inside a resource', { 'inc.json': JSON.stringify({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k.yaml' } } } } } }) }, 'inc.json: Resources.K.Properties uses Fn::Transform "AWS::Include"'],
  ])('%s', (_what, files, message) => {
    refused(checkWithFrameworkRules(folder(files)), message);
  });
});

describe('the registry skips no file that looks like a tenant', () => {
  const copy = () => {
    const dir = path.join(work, `r${++n}`);
    fs.cpSync(path.join(ROOT, 'infra', 'tenants'), dir, { recursive: true });
    return dir;
  };
  const issues = (dir: string) => {
    try {
      loadRegistry(dir);
    } catch (e) {
      return (e as RegistryError).issues.map((i) => `${path.basename(i.file)}: ${i.expected}; ${i.received}`);
    }
    throw new Error('the registry loaded');
  };

  test('an upper-case .YAML file, a folder and a FIFO named like tenants, and an unknown tag, each named', () => {
    const dir = copy();
    fs.renameSync(path.join(dir, 'hooli.yaml'), path.join(dir, 'hooli.YAML'));
    fs.mkdirSync(path.join(dir, 'folder.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.yml')]);
    fs.appendFileSync(path.join(dir, 'acme.yaml'), 'ticket: !vault ONB-1\n');
    expect(issues(dir)).toEqual([
      expect.stringMatching(/^acme\.yaml:\d+:\d+: valid YAML; Unresolved tag: !vault/),
      'folder.yaml: a readable regular file; not a regular file',
      'hooli.YAML: a tenant file name ending in .yaml or .yml (lower case); "hooli.YAML"',
      'pipe.yml: a readable regular file; not a regular file',
    ]);
  });

  test('a tenant file of nested aliases (a billion laughs) is refused, not expanded', () => {
    const dir = copy();
    const levels = Array.from({ length: 9 }, (_, i) => (i === 0 ? 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]' : `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`));
    fs.writeFileSync(path.join(dir, 'bomb.yaml'), `${levels.join('\n')}\nid: bomb\n`);
    expect(issues(dir)).toEqual([expect.stringMatching(/^bomb\.yaml: valid YAML with at most 100 alias expansions; Excessive alias count/)]);
  });
});

describe('a synthesis that cannot write its output is one line, exit 2, and leaves nothing behind', () => {
  test('--out naming a file', () => {
    const file = path.join(work, `out-file-${++n}`);
    fs.writeFileSync(file, 'not a folder\n');
    refused(cordon('check', '--out', file), `cannot write the synthesized output below ${file}: EEXIST`);
  });

  // A full disk is made with a tiny tmpfs where the machine allows mounting one (root in the CI container).
  const mountable = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = fs.mkdtempSync(path.join(work, 'probe-'));
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    return ok;
  })();
  (mountable ? test : test.skip)('a full disk (ENOSPC) during synthesis', () => {
    const full = fs.mkdtempSync(path.join(work, 'full-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', full]).status).toBe(0);
    try {
      refused(cordon('check', '--out', full), `cannot write the synthesized output below ${full}: ENOSPC`);
      expect(fs.readdirSync(full)).toEqual([]);
    } finally {
      spawnSync('umount', [full]);
    }
  });
});
