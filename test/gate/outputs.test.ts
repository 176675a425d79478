import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MARKDOWN_MAX_ROWS, renderMarkdown } from '../../services/gate/outputs/markdown';
import { Report } from '../../services/gate/model';
import { ROOT } from '../../services/toolchain/paths';
import { checkWithFrameworkRules, cordon, readJson, tmpDir, writeFiles } from '../helpers';
import { TABLE_WIDTH, wrap } from '../../services/gate/outputs/table';
import { needsCheckedValues, parseFormats } from '../../services/gate/outputs';
import { runGate } from '../../services/gate/gate';
import { loadInputs } from '../../services/gate/inputs';
import { loadPolicyBundle } from '../../services/gate/policy';

const FIXTURES = [path.join(ROOT, 'test/fixtures/handwritten-cfn.json'), path.join(ROOT, 'test/fixtures/handwritten.tf.json')];
const work = tmpDir();
const out = (name: string) => path.join(work, name);
let run: { code: number; stdout: string; stderr: string };
let report: Report;

beforeAll(() => {
  // GIVEN hand-written templates with four mandatory violations WHEN every output is asked for at once
  run = checkWithFrameworkRules(...FIXTURES, '--format', ['github', 'json', 'sarif', 'junit', 'markdown', 'table', 'evidence', 'evidence-md'].map((f) => `${f}=${out(f)}`).join(','));
  report = readJson(out('json'));
});

test('every output is written in one run, and the exit code is the report\'s', () => {
  expect(run).toMatchObject({ code: 1, stdout: '', stderr: '' });
  expect(report.summary).toMatchObject({ findings: 4, failing: 4, failOn: ['mandatory', 'unverifiable'], passed: false });
  expect(fs.readFileSync(out('table'), 'utf8')).toMatch(/FAILED: 4 open findings fail under --fail-on mandatory,unverifiable\n$/);
});

describe('JSON', () => {
  test('validates against its documented schema (docs/report.schema.json), waived findings included', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(readJson(path.join(ROOT, 'docs/report.schema.json')));
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const waived = { ...report, findings: [{ ...report.findings[0], status: 'waived', waiver: { reason: 'r', approver: 'a@b.c', expires: '2026-01-01' } }] };
    expect(validate(waived)).toBe(true);
    expect(validate({ ...report, findings: [{ ...report.findings[0], status: 'ignored' }] })).toBe(false);
  });

  test('carries the values the rules judged, for `cordon evidence`; a run whose outputs do not show them does not compute them', () => {
    const key = report.stacks.flatMap((s) => Object.values(s.checked ?? {})).find((c) => c.type === 'AWS::KMS::Key');
    expect(key?.values).toMatchObject({ EnableKeyRotation: expect.anything() });
    expect([needsCheckedValues(parseFormats('json=a')), needsCheckedValues(parseFormats('table,html=a'))]).toEqual([true, true]);
    expect(needsCheckedValues(parseFormats('table,sarif=a,junit=b,github=c,markdown=d,evidence=e,evidence-md=f'))).toBe(false);
    const stacks = runGate(loadInputs(FIXTURES), loadPolicyBundle(), { checkedValues: false }).stacks;
    expect(stacks.map((s) => 'checked' in s)).toEqual(stacks.map(() => false));
  });
});

/** What Microsoft's SARIF validator says of `file` beyond notes: errors and warnings. */
function sarifIssues(file: string): string[] {
  const tool = path.join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
  const res = spawnSync(tool, ['validate', file, '-o', `${file}.validation`, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  expect(res.status).toBe(0);
  const issues = readJson(`${file}.validation`).runs[0].results.map((r: any) => `${r.level ?? 'warning'} ${r.ruleId}: ${JSON.stringify(r.message)}`);
  return issues.filter((i: string) => !i.startsWith('note'));
}

describe('SARIF 2.1.0', () => {
  test('passes Microsoft\'s SARIF validator with no error and no warning', () => {
    expect(sarifIssues(out('sarif'))).toEqual([]);
  });

  test('carries every rule with its help text and one result per finding with its fingerprint', () => {
    const [sarifRun] = readJson(out('sarif')).runs;
    expect(sarifRun.tool.driver.rules.map((r: any) => r.id)).toEqual(report.rules.map((r) => r.id));
    expect(sarifRun.tool.driver.rules[0]).toMatchObject({ help: { text: report.rules[0].remediation }, defaultConfiguration: { level: 'error' } });
    expect(sarifRun.results.map((r: any) => [r.ruleId, r.level, r.partialFingerprints['cordon/v1'], r.locations[0].physicalLocation.artifactLocation.uri])).toEqual(
      report.findings.map((f) => [f.rule, 'error', f.fingerprint, f.file]),
    );
  });
});

describe('file and line', () => {
  test('SARIF results and annotations point at the line declaring the resource, in JSON, YAML, plan and HCL inputs', () => {
    const json = path.join(work, 'lines.json');
    const sarif = path.join(work, 'lines.sarif');
    checkWithFrameworkRules(path.join(ROOT, 'test/fixtures/inputs'), FIXTURES[0], '--format', `json=${json},sarif=${sarif}`);
    const single = path.join(work, 'single-hcl.json');
    checkWithFrameworkRules(path.join(ROOT, 'test/fixtures/inputs/hcl/keys.tf'), '--format', `json=${single}`);
    const where = (r: Report) => r.findings.map((f) => `${path.basename(f.file)}:${f.line ?? '-'} ${f.resource}`).sort();
    expect(where(readJson(json))).toEqual([
      'cfn-short-tags.yaml:20 LegacyKey',
      'cfn-short-tags.yaml:36 Scratch',
      'handwritten-cfn.json:10 LegacyKey',
      'handwritten-cfn.json:14 Uploads',
      'hcl:- google_kms_crypto_key.documents', // a folder of HCL files is one stack: no single file, so no line
      'hcl:- google_storage_bucket.exports',
      'plan.json:8 google_storage_bucket.reports',
    ]);
    expect(where(readJson(single))).toEqual(['keys.tf:6 google_kms_crypto_key.documents']);
    const regions = readJson(sarif).runs[0].results.map((r: any) => r.locations[0].physicalLocation.region?.startLine ?? null);
    expect(regions).toEqual(readJson(json).findings.map((f: any) => f.line ?? null));
    expect(fs.readFileSync(out('github'), 'utf8')).toContain('::error file=test/fixtures/handwritten-cfn.json,line=14,title=ENC-1-AWS');
  });
});

describe('JUnit XML', () => {
  test('parses, with one suite per stack and one failing case per rule that failed there', () => {
    const text = fs.readFileSync(out('junit'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(text);
    expect(doc.testsuites).toMatchObject({ name: 'cordon', failures: '4' });
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: any) => s.name).sort()).toEqual(['handwritten', 'handwritten-cfn']);
    const failed = suites.flatMap((s: any) => s.testcase.filter((c: any) => c.failure).map((c: any) => `${c.classname} ${c.name.split(' ')[0]}`));
    expect(failed.sort()).toEqual(['handwritten ENC-1-GCP', 'handwritten ENC-2-GCP', 'handwritten-cfn ENC-1-AWS', 'handwritten-cfn ENC-2-AWS']);
  });
});

describe('GitHub annotations', () => {
  test('one error annotation per failing finding, escaped, then the verdict', () => {
    const lines = fs.readFileSync(out('github'), 'utf8').trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error file='))).toHaveLength(4);
    expect(lines.find((l) => l.includes('ENC-2-GCP'))).toMatch(/^::error file=test\/fixtures\/handwritten\.tf\.json,line=7,title=ENC-2-GCP%3A [^:]*::handwritten google_kms_crypto_key\.yearly rotation_period: .*%0ARemediation: /);
    expect(lines.at(-1)).toBe('::notice title=cordon::failed: 4 failing, 4 findings over 2 stacks and 10 resources');
  });
});

describe('Markdown', () => {
  test('shows the verdict and a row per finding, escaping table pipes', () => {
    const md = fs.readFileSync(out('markdown'), 'utf8');
    expect(md).toMatch(/^### cordon: ❌ failed\n/);
    expect(md.split('\n').filter((l) => l.startsWith('| ❌ |'))).toHaveLength(4);
    const piped = { ...report, findings: [{ ...report.findings[0], message: 'a | b' }] };
    expect(renderMarkdown(piped)).toContain('a \\| b');
  });

  test(`cuts the table at ${MARKDOWN_MAX_ROWS} rows and says how many more there are`, () => {
    const many = { ...report, findings: Array.from({ length: MARKDOWN_MAX_ROWS + 5 }, () => report.findings[0]) };
    const md = renderMarkdown(many);
    expect(md.split('\n').filter((l) => l.startsWith('| ❌ |'))).toHaveLength(MARKDOWN_MAX_ROWS);
    expect(md).toContain('…and 5 more');
  });
});

describe('evidence report', () => {
  test('per control: the rules that prove it, the resources each checked, pass or fail; the bundle and every input digested', () => {
    const e = readJson(out('evidence'));
    expect(e).toMatchObject({ kind: 'cordon-evidence', version: 1, bundle: { wasmSha256: report.bundle.wasmSha256 } });
    expect(e.controls.map((c: any) => [c.control, c.passed, c.rules.map((r: any) => `${r.id}:${r.resourcesChecked}:${r.open}`)])).toEqual([
      ['ENC-1', false, ['ENC-1-AWS:2:1', 'ENC-1-GCP:2:1']],
      ['ENC-2', false, ['ENC-2-AWS:2:1', 'ENC-2-GCP:3:1']],
    ]);
    const digest = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    expect(e.inputs.map((i: any) => i.sha256).sort()).toEqual(FIXTURES.map(digest).sort());
    const md = fs.readFileSync(out('evidence-md'), 'utf8');
    expect(md).toContain(`| ENC-2 | **fail** | ENC-2-GCP: ${report.rules.find((r) => r.id === 'ENC-2-GCP')!.title} | mandatory | 3 | 1 | 0 | 0 |`);
    expect(md).toContain(digest(FIXTURES[0]));
  });
});

describe('--fail-on', () => {
  test.each([
    ['mandatory', 1],
    ['high', 1],
    ['critical', 0],
    ['low', 1],
    ['none', 0],
    ['critical,advisory', 1],
  ])('GIVEN four high mandatory findings WHEN --fail-on %s THEN exit %i', (failOn, code) => {
    const res = checkWithFrameworkRules(...FIXTURES, '--fail-on', failOn, '--format', `json=${out(`fail-on-${failOn.replace(",", "+")}.json`)}`);
    expect(res.code).toBe(code);
    // `unverifiable` is implied unless the list says none.
    expect(readJson(out(`fail-on-${failOn.replace(",", "+")}.json`)).summary).toMatchObject({ findings: 4, failing: code === 1 ? 4 : 0, failOn: failOn === 'none' ? ['none'] : [...failOn.split(','), 'unverifiable'] });
  });

  test.each([
    ['severe', /--fail-on: unknown term "severe"; expected a comma-separated list of mandatory \| advisory \| unverifiable \| critical \| high \| medium \| low \| none/],
    ['none,high', /--fail-on: "none" cannot be combined with other terms, received "none,high"/],
    ['mandatory,unverifiable --allow-unverifiable', /--allow-unverifiable contradicts --fail-on "mandatory,unverifiable", which names unverifiable/],
  ])('refuses %s before any work', (spec, message) => {
    const [failOn, ...rest] = spec.split(' ');
    expect(checkWithFrameworkRules(...FIXTURES, '--fail-on', failOn, ...rest)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(message) });
  });
});

describe('table', () => {
  test('fits 100 columns, groups findings by rule and cause, failing rules first, each finding with its place', () => {
    // GIVEN the full catalog on the hand-written inputs: many rules, causes shared by several resources
    const res = cordon('check', ...FIXTURES, path.join(ROOT, 'test/fixtures/inputs'));
    expect(res.code).toBe(1);
    const lines = res.stdout.split('\n');
    expect(lines.filter((l) => l.length > TABLE_WIDTH)).toEqual([]);
    const parsed: Report = JSON.parse(cordon('check', ...FIXTURES, path.join(ROOT, 'test/fixtures/inputs'), '--format', 'json').stdout);
    const rules = [...new Set(parsed.findings.map((f) => f.rule))];
    const headers = lines.filter((l) => /^[A-Z]+-\d[\w-]*  (critical|high|medium|low)  \d+ findings? /.test(l)).map((l) => l.split('  ')[0]);
    expect(headers.sort()).toEqual([...rules].sort());
    // every finding is listed once under its rule, with its file (and line when known)
    for (const f of parsed.findings) expect(res.stdout).toContain(`      ${f.stack}  ${f.resource}  ${f.file}${f.line ? `:${f.line}` : ''}`);
    // a cause shared by several resources is said once
    const shared = parsed.findings.filter((f) => f.rule === 'NET-4-AWS');
    expect(shared.length).toBeGreaterThan(1);
    expect(res.stdout.split(shared[0].message.split(' ').slice(0, 5).join(' ')).length - 1).toBe(1);
  });

  test('wraps at spaces within the width, a word longer than the line standing alone', () => {
    expect(wrap('aaa bbb ccc', '  ', 9)).toEqual(['  aaa bbb', '  ccc']);
    expect(wrap(`x ${'y'.repeat(20)} z`, '', 10)).toEqual(['x', 'y'.repeat(20), 'z']);
  });
});

describe('construct paths', () => {
  const dir = tmpDir();
  test('a finding on a resource a CDK tool wrote names its construct, in JSON, SARIF and the table', () => {
    // GIVEN the example key template as `cdk synth` writes it (path metadata) and as cdktf writes a key (`//` metadata)
    const cfn = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/documents-key.template.json'), 'utf8'));
    cfn.Resources.DocumentsKey.Metadata = { 'aws:cdk:path': 'globex-prod-keys/DocumentsKey/Resource' };
    fs.writeFileSync(path.join(dir, 'keys.template.json'), JSON.stringify(cfn));
    fs.writeFileSync(path.join(dir, 'gcp.tf.json'), JSON.stringify({ resource: { google_kms_crypto_key: { docs: { name: 'docs', key_ring: 'r', rotation_period: '31536000s', '//': { metadata: { path: 'acme-prod/docs/key', uniqueId: 'docs' } } } } } }));
    const sarif = path.join(dir, 'out.sarif');
    const json = path.join(dir, 'out.json');
    const res = cordon('check', dir, '--format', `table,json=${json},sarif=${sarif}`);
    const findings: Report['findings'] = readJson(json).findings;
    expect(findings.find((f) => f.rule === 'ENC-2-AWS')?.construct).toBe('globex-prod-keys/DocumentsKey/Resource');
    expect(findings.find((f) => f.rule === 'ENC-2-GCP')?.construct).toBe('acme-prod/docs/key');
    const results = readJson(sarif).runs[0].results as { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[];
    expect(results.find((r) => r.ruleId === 'ENC-2-AWS')!.locations[0].logicalLocations[0].fullyQualifiedName).toBe('globex-prod-keys/DocumentsKey/Resource');
    expect(res.stdout).toContain('      keys  DocumentsKey (globex-prod-keys/DocumentsKey/Resource)');
  });
});

describe('source locations (cordon-sources.json beside a synthesized output)', () => {
  const dir = tmpDir();
  const key = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/documents-key.template.json'), 'utf8'));
  key.Resources.DocumentsKey.Metadata = { 'aws:cdk:path': 'globex-prod-keys/DocumentsKey/Resource' };
  const AWS_SOURCE = 'constructs/aws/tenant-key.ts:27';
  const GCP_SOURCE = 'constructs/gcp/crypto-key-ring.ts:60';
  /** A CDK assembly and a cdktf output, one failing key each, with `side` as each one's cordon-sources.json (none when undefined). */
  const outputs = (name: string, side: (cloud: 'aws' | 'gcp') => string | undefined) => {
    const [aws, gcp] = [path.join(dir, name, 'cdk.out'), path.join(dir, name, 'cdktf.out')];
    fs.mkdirSync(path.join(gcp, 'stacks/acme-prod'), { recursive: true });
    fs.mkdirSync(aws, { recursive: true });
    writeFiles(aws, { 'manifest.json': JSON.stringify({ version: '55.0.0', artifacts: { 'globex-prod-keys': { type: 'aws:cloudformation:stack', properties: { templateFile: 'keys.template.json' } } } }), 'keys.template.json': JSON.stringify(key, null, 1) });
    writeFiles(gcp, { 'manifest.json': JSON.stringify({ version: '0.21.0', stacks: { 'acme-prod': { name: 'acme-prod', synthesizedStackPath: 'stacks/acme-prod/cdk.tf.json' } } }) });
    fs.writeFileSync(path.join(gcp, 'stacks/acme-prod/cdk.tf.json'), JSON.stringify({ resource: { google_kms_crypto_key: { docs: { name: 'docs', key_ring: 'r', rotation_period: '31536000s', '//': { metadata: { path: 'acme-prod/keys/database', uniqueId: 'docs' } } } } } }, null, 1));
    for (const [cloud, d] of [['aws', aws], ['gcp', gcp]] as const) {
      const text = side(cloud);
      if (text !== undefined) fs.writeFileSync(path.join(d, 'cordon-sources.json'), text);
    }
    const [json, sarif, github, table] = ['json', 'sarif', 'github', 'table'].map((f) => path.join(dir, name, f));
    const res = checkWithFrameworkRules(aws, gcp, '--format', `json=${json},sarif=${sarif},github=${github},table=${table}`);
    return { res, report: readJson(json) as Report, sarifFile: sarif, sarif: readJson(sarif).runs[0].results as any[], github: fs.readFileSync(github, 'utf8'), table: fs.readFileSync(table, 'utf8') };
  };
  let recorded: ReturnType<typeof outputs>;
  beforeAll(() => {
    recorded = outputs('recorded', (cloud) => JSON.stringify({ version: 1, constructs: cloud === 'aws' ? { 'globex-prod-keys/DocumentsKey/Resource': AWS_SOURCE } : { 'acme-prod/keys/database': GCP_SOURCE } }));
  });
  const where = ({ report }: ReturnType<typeof outputs>) => report.findings.map((f) => `${f.rule} ${f.source ? `${f.source.file}:${f.source.line}` : `${f.file}:${f.line}`}`);

  test('a finding whose construct the side file names carries its source, and JSON, SARIF, annotations and table point there', () => {
    const { report, sarif, github, table } = recorded;
    expect(where(recorded)).toEqual([`ENC-2-GCP ${GCP_SOURCE}`, `ENC-2-AWS ${AWS_SOURCE}`]);
    const aws = report.findings.find((f) => f.rule === 'ENC-2-AWS')!;
    expect(aws).toMatchObject({ source: { file: 'constructs/aws/tenant-key.ts', line: 27 }, file: expect.stringMatching(/keys\.template\.json$/), line: expect.any(Number), construct: 'globex-prod-keys/DocumentsKey/Resource' });
    // SARIF: the source first; the template stays a related location, the construct path the logical one.
    const result = sarif.find((r) => r.ruleId === 'ENC-2-AWS');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'constructs/aws/tenant-key.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 27 } });
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('globex-prod-keys/DocumentsKey/Resource');
    expect(sarifIssues(recorded.sarifFile)).toEqual([]);
    expect(result.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: aws.file, uriBaseId: '%SRCROOT%' }, region: { startLine: aws.line } }, message: { text: 'the synthesized template' } }]);
    expect(github).toMatch(/^::error file=constructs\/aws\/tenant-key\.ts,line=27,title=ENC-2-AWS/m);
    expect(github).toMatch(/^::error file=constructs\/gcp\/crypto-key-ring\.ts,line=60,title=ENC-2-GCP/m);
    expect(table).toContain(`      globex-prod-keys  DocumentsKey (globex-prod-keys/DocumentsKey/Resource)\n        ${AWS_SOURCE}\n`);
    expect(table).not.toContain('keys.template.json');
  });

  test('a missing or malformed side file is no error and changes no verdict: findings come out at the template', () => {
    const template = (r: ReturnType<typeof outputs>) => {
      expect(r.res.code).toBe(recorded.res.code);
      expect(r.report.summary).toEqual(recorded.report.summary);
      expect(r.report.findings.map((f) => f.fingerprint)).toEqual(recorded.report.findings.map((f) => f.fingerprint));
      expect(r.report.findings.filter((f) => f.source)).toEqual([]);
      expect(where(r)).toEqual(['ENC-2-GCP', 'ENC-2-AWS'].map((rule) => `${rule} ${r.report.findings.find((f) => f.rule === rule)!.file}:${r.report.findings.find((f) => f.rule === rule)!.line}`));
      expect(r.sarif.every((s) => s.locations[0].physicalLocation.artifactLocation.uri.endsWith('.json') && !s.relatedLocations)).toBe(true);
      expect(r.github).toMatch(/^::error file=[^,]*keys\.template\.json,line=\d+,title=ENC-2-AWS/m);
      return r;
    };
    template(outputs('missing', () => undefined));
    for (const [name, text] of [['not-json', '{"version": 1, "constructs": {'], ['wrong-shape', '["constructs"]'], ['constructs-a-list', '{"constructs": []}'], ['empty', '']] as const) template(outputs(name, () => text));
    // Entries that are not a relative `file:line` inside the repository are left out, the others kept.
    const bad = { 'globex-prod-keys/DocumentsKey/Resource': '/etc/passwd:1', 'acme-prod/keys/database': '../outside.ts:3' };
    template(outputs('bad-entries', (cloud) => JSON.stringify({ version: 1, constructs: cloud === 'aws' ? bad : { ...bad, 'acme-prod/keys/database': 'constructs/x.ts:0' } })));
    const mixed = outputs('mixed', (cloud) => JSON.stringify({ constructs: cloud === 'aws' ? { 'globex-prod-keys/DocumentsKey/Resource': 42 } : { 'acme-prod/keys/database': GCP_SOURCE } }));
    expect(where(mixed)).toEqual([`ENC-2-GCP ${GCP_SOURCE}`, `ENC-2-AWS ${mixed.report.findings[1].file}:${mixed.report.findings[1].line}`]);
  });
});
