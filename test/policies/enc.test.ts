import * as path from 'path';
import { cordon, readJson, tmpDir } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the ENC rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'enc');
const work = tmpDir('cordon-enc-');
let n = 0;

function encFindings(...inputs: string[]): string[] {
  const out = path.join(work, `r${n++}.json`);
  const res = cordon('check', ...inputs.map((i) => path.join(FIXTURES, i)), '--format', `json=${out}`);
  if (res.code !== 0 && res.code !== 1) throw new Error(res.stderr);
  return readJson(out)
    .findings.filter((f: any) => f.rule.startsWith('ENC-'))
    .map((f: any) => `${f.rule} ${f.stack} ${f.resource}${f.level === 'unverifiable' ? ' (unverifiable)' : ''}`)
    .sort();
}

describe('ENC-1 / ENC-2 on hand-written data stores', () => {
  test('AWS: every store under a customer-managed key imported from a key stack passes', () => {
    expect(encFindings('aws-stores-pass.yaml', 'aws-keys.yaml')).toEqual([]);
  });

  test('AWS: provider defaults, AWS-managed aliases and parameters fail', () => {
    expect(encFindings('aws-stores-fail.json')).toEqual([
      'ENC-1-AWS aws-stores-fail Uploads',
      'ENC-1-AWS-EBS aws-stores-fail Data',
      'ENC-1-AWS-EBS aws-stores-fail Data',
      'ENC-1-AWS-LOGS aws-stores-fail AccessLogs',
      'ENC-1-AWS-MESSAGING aws-stores-fail Alerts',
      'ENC-1-AWS-MESSAGING aws-stores-fail Work',
      'ENC-1-AWS-RDS aws-stores-fail Billing',
      'ENC-1-AWS-RDS aws-stores-fail Legacy',
      'ENC-1-AWS-RDS aws-stores-fail Legacy (unverifiable)',
      'ENC-2-AWS aws-stores-fail LegacyKey (unverifiable)',
    ]);
  });

  test('AWS: imports that resolve to nothing in the run are unverifiable, not passed', () => {
    expect(encFindings('aws-stores-pass.yaml')).toEqual([
      'ENC-1-AWS aws-stores-pass Exports (unverifiable)',
      'ENC-1-AWS-EBS aws-stores-pass Scratch (unverifiable)',
      'ENC-1-AWS-LOGS aws-stores-pass AppLogs (unverifiable)',
      'ENC-1-AWS-MESSAGING aws-stores-pass Events (unverifiable)',
      'ENC-1-AWS-RDS aws-stores-pass Orders (unverifiable)',
    ]);
  });

  test('GCP (HCL module): every store under a Cloud KMS key passes', () => {
    expect(encFindings('gcp-stores-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): Google-managed keys, CSEK and variables fail', () => {
    expect(encFindings('gcp-stores-fail.tf.json')).toEqual([
      'ENC-1-GCP gcp-stores-fail google_storage_bucket.ops',
      'ENC-1-GCP-ARTIFACTS gcp-stores-fail google_artifact_registry_repository.ops',
      'ENC-1-GCP-DISK gcp-stores-fail google_compute_disk.ops',
      'ENC-1-GCP-LOGS gcp-stores-fail google_logging_project_bucket_config.ops',
      'ENC-1-GCP-RUN gcp-stores-fail google_cloud_run_v2_service.ops',
      'ENC-1-GCP-SQL gcp-stores-fail google_sql_database_instance.ops (unverifiable)',
      'ENC-2-GCP gcp-stores-fail google_kms_crypto_key.yearly',
    ]);
  });
});
