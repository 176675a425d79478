import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { checkWithFrameworkRules, readJson, tmpDir, writeJson } from '../helpers';

const work = tmpDir('cordon-nested-');

/** A CDK app whose only key sits in a nested stack (two levels down), with rotation off. */
function assemblyWithNestedKey(): string {
  const outdir = path.join(work, 'cdk.out');
  const app = new App({ outdir });
  const parent = new Stack(app, 'Parent', { env: { account: '111111111111', region: 'us-east-1' } });
  const child = new NestedStack(parent, 'Child');
  new kms.Key(new NestedStack(child, 'Grandchild'), 'Key', { enableKeyRotation: false });
  app.synth();
  return outdir;
}

describe('nested stacks are judged as CloudFormation deploys them', () => {
  test('a CDK NestedStack\'s template (found through the asset manifest) is gated: the key with rotation off inside it fails', () => {
    const out = path.join(work, 'nested.json');
    const res = checkWithFrameworkRules(assemblyWithNestedKey(), '--format', `json=${out}`);
    expect(res.code).toBe(1);
    const report = readJson(out);
    // The parent, the child and the grandchild, each named after its parent and resource.
    const names: string[] = report.stacks.map((s: any) => s.name);
    expect(names).toHaveLength(3);
    expect(names.filter((n) => /^Parent\/Child[^/]*\/.*Grandchild/.test(n))).toHaveLength(1);
    expect(report.findings.filter((f: any) => f.status === 'open').map((f: any) => [f.rule, f.resource.replace(/[0-9A-F]{8}$/, '')])).toEqual([['ENC-2-AWS', 'Key']]);
  });

  test('a template with a nested stack whose template is not among the inputs is refused, one line, exit 2', () => {
    const file = path.join(work, 'parent.json');
    writeJson(file, { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/child.json' } } } });
    const res = checkWithFrameworkRules(file);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('parent.json: nested stack Child (AWS::CloudFormation::Stack): its template is not among the inputs');
  });

  test('CDK asset metadata beside a plain template names the nested template, which is then gated', () => {
    const dir = fs.mkdtempSync(path.join(work, 'plain-'));
    writeJson(path.join(dir, 'parent.json'), { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/x.json' }, Metadata: { 'aws:asset:path': 'child.nested.template.json' } } } });
    writeJson(path.join(dir, 'child.nested.template.json'), { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } });
    const out = path.join(work, 'plain.json');
    expect(checkWithFrameworkRules(path.join(dir, 'parent.json'), '--format', `json=${out}`).code).toBe(1);
    expect(readJson(out).findings.map((f: any) => [f.stack, f.rule, f.resource])).toEqual([['parent/Child', 'ENC-2-AWS', 'Key']]);
  });
});
