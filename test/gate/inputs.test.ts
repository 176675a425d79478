import * as fs from 'fs';
import * as path from 'path';
import { loadInputs } from '../../services/gate/inputs';
import { UNKNOWN_AFTER_APPLY } from '../../services/gate/normalize-plan';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, readJson, tmpDir, writeFiles } from '../helpers';

const INPUTS = path.join(ROOT, 'test/fixtures/inputs');
const work = tmpDir();
const stack = (name: string, p = INPUTS) => loadInputs([p]).find((s) => s.doc.stack.name === name)!.doc;

describe('input kinds, detected by content', () => {
  test('GIVEN a folder of hand-written templates WHEN gated THEN each kind is read and exactly its violations are found', () => {
    const out = path.join(work, 'all.json');
    expect(checkWithFrameworkRules(INPUTS, '--format', `json=${out}`).code).toBe(1);
    const report = readJson(out);
    expect(report.stacks.map((s: any) => `${s.name}:${s.format}:${s.resources}`)).toEqual(['cfn-short-tags:cloudformation:4', 'hcl:terraform:4', 'plan:terraform:2']);
    expect(report.findings.map((f: any) => `${f.rule} ${f.stack} ${f.resource}`)).toEqual([
      'ENC-2-AWS cfn-short-tags LegacyKey',
      'ENC-1-AWS cfn-short-tags Scratch',
      'ENC-2-GCP hcl google_kms_crypto_key.documents',
      'ENC-1-GCP hcl google_storage_bucket.exports',
      'ENC-1-GCP plan google_storage_bucket.reports',
    ]);
  });

  test('CloudFormation YAML: short-form tags become their long forms and references', () => {
    const doc = stack('cfn-short-tags');
    expect(doc.resources.Documents.properties).toMatchObject({
      BucketName: { 'Fn::Sub': ['docs-${Suffix}', { Suffix: { 'Fn::If': ['IsProd', 'live', 'test'] } }] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { KMSMasterKeyID: { 'Fn::GetAtt': ['DataKey', 'Arn'] } } }] },
    });
    expect(doc.resources.Documents.references).toEqual(['DataKey']);
    expect(doc.resources.LegacyKey.properties.Description).toEqual({ 'Fn::Join': [' ', ['legacy', { Ref: 'Env' }]] });
    expect(doc.stack.tenant).toBe('initech');
  });

  test('Terraform plan JSON: managed resources of every module, unknown-after-apply marked, references from configuration', () => {
    const doc = stack('plan');
    expect(Object.keys(doc.resources)).toEqual(['google_storage_bucket.reports', 'module.keys.google_kms_crypto_key.this[0]']);
    const key = doc.resources['module.keys.google_kms_crypto_key.this[0]'];
    expect(key.properties).toMatchObject({ key_ring: UNKNOWN_AFTER_APPLY, rotation_period: '7776000s' });
    expect(key.references).toEqual(['module.keys.google_kms_key_ring.ring']);
    expect(doc.stack.tenant).toBe('globex');
  });

  test('Terraform HCL: the files of one folder form one stack, blocks and interpolations as in Terraform JSON', () => {
    const doc = stack('hcl');
    expect(Object.keys(doc.resources).sort()).toEqual(['google_kms_crypto_key.documents', 'google_kms_key_ring.acme', 'google_storage_bucket.documents', 'google_storage_bucket.exports']);
    expect(doc.resources['google_storage_bucket.documents'].references).toEqual(['google_kms_crypto_key.documents']);
  });

  test('globs pick files by pattern; a pattern matching nothing is an error', () => {
    const rel = path.relative(process.cwd(), INPUTS);
    expect(loadInputs([`${rel}/**/*.yaml`]).map((s) => s.doc.stack.name)).toEqual(['cfn-short-tags']);
    expect(loadInputs([`${rel}/*/*.tf`]).map((s) => s.doc.stack.name)).toEqual(['hcl']);
    expect(checkWithFrameworkRules(`${rel}/**/*.yml`)).toMatchObject({ code: 2, stderr: expect.stringContaining('**/*.yml: the pattern matches no file') });
  });
});

describe('bad inputs are exit 2 with the file and the reason, never a pass', () => {
  const dir = tmpDir();
  test.each([
    ['invalid YAML', 'bad.yaml', 'Resources:\n  A: [unclosed\n', /bad\.yaml: neither JSON, Terraform HCL nor valid YAML \(.*line/],
    ['YAML that is not CloudFormation', 'workflow.yaml', 'on: push\njobs: {}\n', /workflow\.yaml: unknown input format: YAML that is not a CloudFormation template/],
    ['invalid HCL', 'broken.tf', 'resource "google_storage_bucket" "b" {\n  name = \n', /broken\.tf: not valid Terraform HCL/],
    ['a plan without planned values', 'empty.plan.json', '{"format_version": "1.2", "resource_changes": []}', /empty\.plan\.json: Terraform plan JSON has no planned_values\.root_module/],
  ])('%s', (_what, name, text, message) => {
    writeFiles(dir, { [name]: text });
    expect(checkWithFrameworkRules(path.join(dir, name))).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(message) });
  });

  test('an HCL file given twice (directly and in its folder) is refused, not merged twice', () => {
    expect(checkWithFrameworkRules(path.join(INPUTS, 'hcl'), path.join(INPUTS, 'hcl/keys.tf'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/keys\.tf is given more than once/) });
  });

  test('a folder holding only files that are not inputs has nothing to check', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'docs-'));
    writeFiles(empty, { 'README.md': '# notes\n', 'run.sh': 'echo\n' });
    expect(checkWithFrameworkRules(empty)).toMatchObject({ code: 2, stderr: expect.stringMatching(/nothing to check/) });
  });
});

describe('where constructs were created (cordon-sources.json)', () => {
  test('the side file is read at the first lookup only, so a run without findings never reads it', () => {
    const dir = path.join(work, 'side-file', 'cdk.out');
    fs.mkdirSync(dir, { recursive: true });
    writeFiles(dir, {
      'manifest.json': JSON.stringify({ version: '55.0.0', artifacts: { keys: { type: 'aws:cloudformation:stack', properties: { templateFile: 'keys.template.json' } } } }),
      'keys.template.json': JSON.stringify({ Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } } }),
    });
    const side = (line: number) => fs.writeFileSync(path.join(dir, 'cordon-sources.json'), JSON.stringify({ version: 1, constructs: { 'keys/Key/Resource': `constructs/aws/tenant-key.ts:${line}` } }));
    side(27);
    const [keys] = loadInputs([dir]);
    // Rewritten after the read: what a lookup finds shows when the file was read.
    side(28);
    expect(keys.sources!.get('keys/Key/Resource')).toEqual({ file: 'constructs/aws/tenant-key.ts', line: 28 });
    side(29);
    expect(keys.sources!.get('keys/Other')).toBeUndefined();
    expect(keys.sources!.get('keys/Key/Resource')).toEqual({ file: 'constructs/aws/tenant-key.ts', line: 28 });
  });
});
