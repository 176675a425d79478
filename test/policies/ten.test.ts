import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the TEN rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'ten');

/** Gates fixtures; with `registry`, their stacks get the contracts of test/fixtures/policies/ten/registry. */
const gate = (registry: boolean, ...inputs: string[]) =>
  areaFindings('TEN-', inputs.map((i) => path.join(FIXTURES, i)), registry ? ['--registry', path.join(FIXTURES, 'registry')] : []);

const tenFindings = (...inputs: string[]) => gate(false, ...inputs);

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

describe('TEN-3 / TEN-4 against the tenants of a hand-written registry (test/fixtures/policies/ten/registry)', () => {
  test('egress to allowed sub-processors only, PHI resources all enterprise, and an LLM block rule pass', () => {
    expect(gate(true, 'tenant-contract-pass')).toEqual([]);
  });

  test('an LLM host the tenant does not allow, and a PHI resource deployed as dedicated, fail', () => {
    expect(gate(true, 'tenant-contract')).toEqual([
      'TEN-3-AWS contoso-prod LlmHosts',
      'TEN-3-GCP fabrikam-prod google_compute_network_firewall_policy_rule.allow_llm',
      'TEN-4-AWS contoso-prod Scratch',
    ]);
  });
});
