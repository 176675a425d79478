import * as fs from 'fs';
import * as path from 'path';
import { RegistryError, RegistryIssue } from '../../infra/registry/issues';
import { loadRegistry, loadRegistryCached } from '../../infra/registry/load';
import { cordon, tmpDir, writeFiles } from '../helpers';

const POOLED = 'id: northwind\nname: Northwind\ntier: pooled\ncloud: gcp\nregion: europe-west1\nenvironments: [prod]\n';
const DEDICATED = (id: string, cidr: string) => `id: ${id}\nname: ${id}\ntier: dedicated\ncloud: aws\nregion: us-east-1\nenvironments: [prod]\nnetwork: { cidr: ${cidr} }\n`;

let n = 0;
function registry(files: Record<string, string>): string {
  const dir = path.join(root, `r${n++}`);
  fs.mkdirSync(dir);
  return writeFiles(dir, files);
}
const root = tmpDir();

/** GIVEN a registry WHEN it loads THEN the issues it reports (empty when it loads). */
function issuesOf(files: Record<string, string>): RegistryIssue[] {
  try {
    loadRegistry(registry(files));
    return [];
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    return [...e.issues];
  }
}

function onlyIssue(files: Record<string, string>): RegistryIssue {
  const issues = issuesOf(files);
  expect(issues).toHaveLength(1);
  return issues[0];
}

describe('tenant registry', () => {
  test('kept while its files are unchanged; a file written (atomically), edited or broken is seen at the next read', () => {
    const dir = registry({ 'northwind.yaml': POOLED });
    const first = loadRegistryCached(dir);
    expect(loadRegistryCached(dir)).toBe(first);
    fs.writeFileSync(path.join(dir, '.a.tmp'), DEDICATED('acme', '10.1.0.0/16'));
    fs.renameSync(path.join(dir, '.a.tmp'), path.join(dir, 'acme.yaml'));
    expect(loadRegistryCached(dir).map((t) => t.id)).toEqual(['acme', 'northwind']);
    fs.writeFileSync(path.join(dir, 'acme.yaml'), DEDICATED('acme', '10.2.0.0/16'));
    expect(loadRegistryCached(dir).find((t) => t.id === 'acme')!.network!.cidr).toBe('10.2.0.0/16');
    fs.writeFileSync(path.join(dir, 'acme.yaml'), 'id: [');
    for (let i = 0; i < 2; i++) expect(() => loadRegistryCached(dir)).toThrow(RegistryError);
  });

  test('the example registry loads with every default applied', () => {
    const tenants = loadRegistry();
    expect(tenants.map((t) => t.id)).toEqual(['acme', 'cyberdyne', 'globex', 'hooli', 'initech', 'northwind', 'stark', 'tyrell', 'umbrella', 'wayne']);
    const northwind = tenants.find((t) => t.id === 'northwind')!;
    expect(northwind.retention).toEqual({ documentDays: 90, softDeleteDays: 30, auditYears: 7 });
    expect(northwind.llm.subprocessors).toEqual([]);
    expect(northwind).toMatchObject({ phi: false, baa: false, edge: { rateLimitPerMinute: 600 } });
  });

  test('zero document retention defaults soft delete to zero', () => {
    const [t] = loadRegistry(registry({ 'northwind.yaml': `${POOLED}retention: { documentDays: 0 }\n` }));
    expect(t.retention).toEqual({ documentDays: 0, softDeleteDays: 0, auditYears: 7 });
  });

  test.each([
    ['id', 'id: Bad_Id\n', 'id'],
    ['name', 'name: ""\n', 'name'],
    ['tier', 'tier: gold\n', 'tier'],
    ['cloud', 'cloud: azure\n', 'cloud'],
    ['region for the cloud', 'region: us-east-1\n', 'region'],
    ['environments', 'environments: [prod, dev]\n', 'environments[1]'],
    ['duplicate environment', 'environments: [prod, prod]\n', 'environments[1]'],
    ['negative retention', 'retention: { documentDays: -1 }\n', 'retention.documentDays'],
    ['retention over ten years', 'retention: { documentDays: 3651 }\n', 'retention.documentDays'],
    ['audit under seven years', 'retention: { auditYears: 6 }\n', 'retention.auditYears'],
    ['llm sub-processor', 'llm: { subprocessors: [mistral] }\n', 'llm.subprocessors[0]'],
    ['phi without baa', 'phi: true\n', 'baa'],
    ['unknown field', 'owner: bob\n', 'owner'],
    ['unknown nested field', 'retention: { days: 3 }\n', 'retention.days'],
    ['edge rate limit under the WAF minimum', 'edge: { rateLimitPerMinute: 9 }\n', 'edge.rateLimitPerMinute'],
    ['zero retention with soft delete', 'retention: { documentDays: 0, softDeleteDays: 30 }\n', 'retention.softDeleteDays'],
  ])('rejects a bad %s, naming the field, what is expected and what was received', (_what, override, field) => {
    const key = override.split(':')[0];
    const base = POOLED.split('\n').filter((l) => !l.startsWith(`${key}:`)).join('\n');
    const issues = issuesOf({ 'northwind.yaml': `${base}\n${override}` });
    const issue = issues.find((i) => i.path === field);
    expect(issue).toBeDefined();
    expect(issue!.file).toMatch(/northwind\.yaml$/);
    expect(issue!.expected).not.toBe('');
    expect(issue!.received).not.toBe('');
  });

  test('an id in the platform\'s reserved prefix is refused', () => {
    const base = POOLED.split('\n').filter((l) => !l.startsWith('id:')).join('\n');
    const issues = issuesOf({ 'cordon-kms.yaml': `${base}\nid: cordon-kms\n` });
    expect(issues).toEqual([expect.objectContaining({ path: 'id', expected: 'an id not starting with "cordon" (reserved for platform stacks)', received: '"cordon-kms"' })]);
  });

  test('an AWS enterprise tenant without its own key is refused (no HSM key store on AWS, ENC-5)', () => {
    const enterprise = DEDICATED('globex', '10.20.0.0/16').replace('tier: dedicated', 'tier: enterprise');
    expect(onlyIssue({ 'globex.yaml': enterprise })).toMatchObject({ path: 'cmek', expected: expect.stringContaining("data keys are the customer's") });
  });

  test('a phi tenant that is not enterprise is refused', () => {
    const issues = issuesOf({ 'northwind.yaml': `${POOLED}phi: true\nbaa: true\n` });
    expect(issues.map((i) => i.path)).toEqual(['tier']);
  });

  test('cmek outside enterprise is refused', () => {
    const issue = onlyIssue({ 'northwind.yaml': `${POOLED}cmek: { prod: projects/acme-kms/locations/europe-west1/keyRings/a/cryptoKeys/b }\n` });
    expect(issue).toMatchObject({ path: 'cmek', expected: expect.stringContaining('enterprise only') });
  });

  describe('enterprise cmek: one key per environment, all different', () => {
    const ENTERPRISE = (environments: string) => `id: acme\nname: Acme\ntier: enterprise\ncloud: aws\nregion: us-east-1\nenvironments: [${environments}]\nnetwork: { cidr: 10.1.0.0/16 }\n`;
    const [PROD_KEY, STAGING_KEY] = ['333333333333', '444444444444'].map((account) => `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);

    test('a key for each environment is taken', () => {
      const [acme] = loadRegistry(registry({ 'acme.yaml': `${ENTERPRISE('prod, staging')}cmek: { prod: ${PROD_KEY}, staging: ${STAGING_KEY} }\n` }));
      expect(acme.cmek).toEqual({ prod: PROD_KEY, staging: STAGING_KEY });
    });

    test('a key of the wrong shape for the cloud is refused', () => {
      const issue = onlyIssue({ 'acme.yaml': `${ENTERPRISE('prod')}cmek: { prod: projects/p/locations/l/keyRings/r/cryptoKeys/k }\n` });
      expect(issue).toMatchObject({ path: 'cmek.prod', expected: expect.stringContaining('AWS KMS key ARN') });
    });

    test('an environment without its key is refused', () => {
      const issue = onlyIssue({ 'acme.yaml': `${ENTERPRISE('prod, staging')}cmek: { prod: ${PROD_KEY} }\n` });
      expect(issue).toMatchObject({ path: 'cmek.staging', expected: expect.stringContaining('the key of the staging environment'), received: 'nothing (field is missing)' });
    });

    test('one key for prod and staging is refused: prod and non-prod share no key', () => {
      const issue = onlyIssue({ 'acme.yaml': `${ENTERPRISE('prod, staging')}cmek: { prod: ${PROD_KEY}, staging: ${PROD_KEY} }\n` });
      expect(issue).toMatchObject({ path: 'cmek.staging', expected: 'a key other than cmek.prod: prod and non-prod share no key' });
    });

    test('a key for an environment the tenant does not have is refused', () => {
      const issue = onlyIssue({ 'acme.yaml': `${ENTERPRISE('prod')}cmek: { prod: ${PROD_KEY}, staging: ${STAGING_KEY} }\n` });
      expect(issue).toMatchObject({ path: 'cmek.staging', expected: "no key: staging is not among the tenant's environments (prod)" });
    });

    test("another tenant's key is refused: no key serves two tenants", () => {
      const other = ENTERPRISE('prod').replace('id: acme\nname: Acme', 'id: bigco\nname: Bigco').replace('10.1.0.0/16', '10.2.0.0/16');
      const issue = onlyIssue({ 'acme.yaml': `${ENTERPRISE('prod')}cmek: { prod: ${PROD_KEY} }\n`, 'bigco.yaml': `${other}cmek: { prod: ${PROD_KEY} }\n` });
      expect(issue).toMatchObject({ path: 'cmek.prod', expected: 'a key no other tenant registers (no key serves two tenants)', received: expect.stringContaining('also registered by tenant "acme"') });
    });

    test('the single cmek.key of earlier registries is refused, naming the fields that replace it', () => {
      const issues = issuesOf({ 'acme.yaml': `${ENTERPRISE('prod')}cmek: { key: ${PROD_KEY} }\n` });
      expect(issues.map((i) => [i.path, i.expected])).toEqual([
        ['cmek.key', 'one of the fields prod, staging'],
        ['cmek.prod', 'an AWS KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/UUID): the key of the prod environment'],
      ]);
    });
  });

  test('pooled tenants get no network; dedicated tenants must have one', () => {
    expect(onlyIssue({ 'northwind.yaml': `${POOLED}network: { cidr: 10.1.0.0/16 }\n` }).path).toBe('network');
    const noNet = DEDICATED('globex', '10.1.0.0/16').replace(/network:.*\n/, '');
    expect(onlyIssue({ 'globex.yaml': noNet }).path).toBe('network.cidr');
  });

  test.each([
    ['host bits set', '10.1.2.0/16'],
    ['a public range', '8.8.0.0/16'],
    ['a prefix wider than /16', '10.0.0.0/8'],
    ['a prefix narrower than /24', '10.1.1.0/25'],
    ['a /24 on AWS (narrower than /23)', '10.1.1.0/24'],
    ['not a CIDR', '10.1.0.0'],
    ['the pooled cells\' reserved range', '10.0.128.0/24'],
  ])('refuses a network CIDR with %s', (_what, cidr) => {
    expect(onlyIssue({ 'globex.yaml': DEDICATED('globex', cidr) })).toMatchObject({ path: 'network.cidr', received: JSON.stringify(cidr) });
  });

  test('overlapping tenant networks are refused in both files (either may be the new one); adjacent ones are not', () => {
    const overlap = issuesOf({ 'globex.yaml': DEDICATED('globex', '10.20.0.0/16'), 'initech.yaml': DEDICATED('initech', '10.20.128.0/23') });
    expect(overlap.map((i) => `${path.basename(i.file)}: ${i.received.replace(/ \(.*\)$/, '')}`).sort()).toEqual([
      'globex.yaml: 10.20.0.0/16, which overlaps 10.20.128.0/23 of tenant "initech"',
      'initech.yaml: 10.20.128.0/23, which overlaps 10.20.0.0/16 of tenant "globex"',
    ]);
    expect(issuesOf({ 'globex.yaml': DEDICATED('globex', '10.20.0.0/16'), 'initech.yaml': DEDICATED('initech', '10.21.0.0/16') })).toEqual([]);
  });

  test.each([
    ['a made-up GCP region', 'northwind', POOLED.replace('europe-west1', 'mars-north1'), '"mars-north1"'],
    ['an AWS region that does not exist', 'globex', DEDICATED('globex', '10.20.0.0/16').replace('us-east-1', 'us-east-7'), '"us-east-7"'],
  ])('refuses %s: regions are checked by name, not pattern', (_what, id, text, received) => {
    expect(onlyIssue({ [`${id}.yaml`]: text })).toMatchObject({ path: 'region', expected: expect.stringMatching(/^one of the (gcp|aws) regions: /), received });
  });

  test.each([
    ['aws', 'arn:aws:kms:ap-southeast-2:111111111111:key/11111111-2222-3333-4444-555555555555', 'ap-southeast-2'],
    ['gcp', 'projects/acme-kms/locations/us-central1/keyRings/acme/cryptoKeys/docs', 'us-central1'],
  ])('refuses a %s customer key outside the tenant\'s region', (cloud, key, where) => {
    const region = cloud === 'aws' ? 'us-east-1' : 'europe-west1';
    const text = `id: acme\nname: Acme\ntier: enterprise\ncloud: ${cloud}\nregion: ${region}\nenvironments: [prod]\nnetwork: { cidr: 10.1.0.0/16 }\ncmek: { prod: ${key} }\n`;
    expect(onlyIssue({ 'acme.yaml': text })).toMatchObject({ path: 'cmek.prod', expected: `a key in the tenant's region ${region} (this one is in ${where})`, received: JSON.stringify(key) });
  });

  test('an id must match its file name, and two files cannot share an id', () => {
    expect(onlyIssue({ 'other.yaml': POOLED })).toMatchObject({ path: 'id', received: '"northwind"' });
    const dup = issuesOf({ 'northwind.yaml': POOLED, 'northwind.yml': POOLED });
    expect(dup).toHaveLength(1);
    expect(dup[0].received).toContain('also used by');
  });

  test('invalid YAML and duplicate keys are reported with their line', () => {
    const issues = issuesOf({ 'northwind.yaml': `${POOLED}tier: dedicated\n`, 'bad.yaml': 'id: [unclosed\n' });
    expect(issues.map((i) => i.file)).toEqual(expect.arrayContaining([expect.stringMatching(/bad\.yaml:\d+:\d+$/), expect.stringMatching(/northwind\.yaml:7:\d+$/)]));
  });

  test('every error in every file is reported at once', () => {
    const issues = issuesOf({ 'northwind.yaml': POOLED.replace('tier: pooled', 'tier: gold').replace('cloud: gcp', 'cloud: azure'), 'globex.yaml': DEDICATED('globex', '1.2.3.4/16') });
    expect(issues.map((i) => i.path).sort()).toEqual(['cloud', 'network.cidr', 'tier']);
  });

  test('an empty folder and a missing folder are errors', () => {
    expect(onlyIssue({}).received).toBe('an empty folder');
    expect(() => loadRegistry(path.join(root, 'missing'))).toThrow(RegistryError);
  });

  test('GIVEN a bad registry WHEN cordon check runs THEN it exits 2, lists the error and writes nothing', () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    const res = cordon('check', '--registry', registry({ 'northwind.yaml': POOLED.replace('tier: pooled', 'tier: gold') }), '--out', out);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/northwind\.yaml: tier: expected one of pooled \| dedicated \| enterprise, received "gold"/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
