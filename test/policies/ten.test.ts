import * as path from 'path';
import { cordon, readJson, tmpDir } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the TEN rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'ten');
const work = tmpDir('cordon-ten-');
let n = 0;

function tenFindings(...inputs: string[]): string[] {
  const out = path.join(work, `r${n++}.json`);
  const res = cordon('check', ...inputs.map((i) => path.join(FIXTURES, i)), '--format', `json=${out}`);
  if (res.code !== 0 && res.code !== 1) throw new Error(res.stderr);
  return readJson(out)
    .findings.filter((f: any) => f.rule.startsWith('TEN-'))
    .map((f: any) => `${f.rule} ${f.stack} ${f.resource}${f.level === 'unverifiable' ? ' (unverifiable)' : ''}`)
    .sort();
}

// TEN-3 and TEN-4 judge a stack against its tenant's registry entry, which `cordon check PATH...`
// does not load: they are covered by opa tests and by the mutation matrix over the synthesized estate.
describe('TEN-1 on hand-written tenant stacks', () => {
  test('AWS: every taggable resource tagged with the tenant (list or map tags) passes; policies are exempt', () => {
    expect(tenFindings('aws-ten-pass.yaml')).toEqual([]);
  });

  test('AWS: a missing tag and another tenant fail; an intrinsic tag is unverifiable', () => {
    expect(tenFindings('aws-ten-fail.json')).toEqual([
      'TEN-1-AWS aws-ten-fail Audit',
      'TEN-1-AWS aws-ten-fail Borrowed',
      'TEN-1-AWS aws-ten-fail Key (unverifiable)',
    ]);
  });

  test('GCP (Terraform JSON): labels and Cloud SQL user_labels pass; IAM members are exempt', () => {
    expect(tenFindings('gcp-ten-pass.tf.json')).toEqual([]);
  });

  test('GCP (HCL module): a missing user label and another tenant fail; a variable is unverifiable', () => {
    expect(tenFindings('gcp-ten-fail')).toEqual([
      'TEN-1-GCP gcp-ten-fail google_kms_crypto_key.docs',
      'TEN-1-GCP gcp-ten-fail google_redis_instance.cache (unverifiable)',
      'TEN-1-GCP gcp-ten-fail google_sql_database_instance.db',
    ]);
  });
});

describe('TEN-2 across hand-written stacks of two tenants', () => {
  test('AWS: importing another tenant key export fails on the importing resource', () => {
    expect(tenFindings('aws-cross-tenant')).toEqual(['TEN-2 contoso-data AppKeys']);
  });

  test('GCP: a key grant to another tenant project service account fails; platform projects pass', () => {
    expect(tenFindings('gcp-cross-tenant')).toEqual(['TEN-2 contoso-prod google_kms_crypto_key_iam_member.neighbour']);
  });
});
