import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the ENC rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'enc');

const REGISTRY = ['--registry', path.join(FIXTURES, 'registry')];

const encFindings = (...inputs: string[]) => areaFindings('ENC-', inputs.map((i) => (i.startsWith('--') || path.isAbsolute(i) ? i : path.join(FIXTURES, i))));

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
      'ENC-6-AWS aws-stores-fail LegacyKey',
      'ENC-6-AWS aws-stores-fail LegacyKey',
      'ENC-6-AWS aws-stores-fail LegacyKey',
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
      'ENC-6-GCP gcp-stores-fail google_kms_crypto_key.scratch',
      'ENC-6-GCP gcp-stores-fail google_kms_crypto_key.scratch',
    ]);
  });
});

describe('ENC-4: keys never beside the data', () => {
  test('AWS: keys imported from a key stack pass', () => {
    expect(encFindings('aws-stores-pass.yaml', 'aws-keys.yaml')).toEqual([]);
  });

  test('AWS: a key (or its alias) declared in the data template fails on every store using it', () => {
    expect(encFindings('aws-colocated.yaml')).toEqual([
      'ENC-4-AWS aws-colocated AppLogs',
      'ENC-4-AWS aws-colocated Jobs',
      'ENC-4-AWS aws-colocated Uploads',
    ]);
  });

  test('GCP: a key ring in a KMS project of its own passes', () => {
    expect(encFindings('gcp-stores-pass')).toEqual([]);
  });

  test('GCP: a key ring in the data project fails', () => {
    expect(encFindings('gcp-colocated')).toEqual([
      'ENC-4-GCP gcp-colocated google_sql_database_instance.app',
      'ENC-4-GCP gcp-colocated google_storage_bucket.uploads',
    ]);
  });
});

describe('ENC-5: enterprise data under the customer key or HSM', () => {
  test("AWS: documents under the registered customer key pass", () => {
    expect(encFindings('aws-enterprise-pass.yaml', ...REGISTRY)).toEqual([]);
  });

  test("AWS: a staging template under the customer's prod key fails: prod and non-prod share no key", () => {
    expect(encFindings('aws-enterprise-staging-fail.yaml', ...REGISTRY)).toEqual(['ENC-5-AWS aws-enterprise-staging-fail Documents']);
  });

  test("AWS: documents under the tenant's key from our key stack fail", () => {
    expect(encFindings('aws-enterprise-fail.json', 'aws-enterprise-keys.yaml', ...REGISTRY)).toEqual(['ENC-5-AWS aws-enterprise-fail Documents']);
  });

  test('AWS: without a registry the tier labels still make it enterprise', () => {
    expect(encFindings('aws-enterprise-fail.json', 'aws-enterprise-keys.yaml')).toEqual(['ENC-5-AWS aws-enterprise-fail Documents']);
  });

  test('GCP: customer key for documents and an HSM key for the database pass', () => {
    expect(encFindings('gcp-enterprise-pass', ...REGISTRY)).toEqual([]);
  });

  test('GCP: a software key fails', () => {
    expect(encFindings('gcp-enterprise-fail.tf.json', ...REGISTRY)).toEqual(['ENC-5-GCP gcp-enterprise-fail google_sql_database_instance.contoso']);
  });

  test("without a registry a key outside the estate is taken as the customer's own", () => {
    expect(encFindings('gcp-enterprise-pass')).toEqual([]);
  });
});

describe('ENC-3: per-tenant keys across stacks', () => {
  test("each tenant's data on its own tenant's keys (imported, or named by key name) passes", () => {
    expect(encFindings('estate-pass')).toEqual([]);
  });

  test("data on another tenant's key fails; a registered tenant's key name nobody declares is unverifiable", () => {
    expect(encFindings('estate-fail', ...REGISTRY)).toEqual([
      'ENC-3 acme-data Orders',
      'ENC-3 hooli-data google_storage_bucket.documents',
      'ENC-3 hooli-data google_storage_bucket.exports (unverifiable)',
    ]);
  });

  test('without a registry only the attributable keys are judged', () => {
    expect(encFindings('estate-fail')).toEqual(['ENC-3 acme-data Orders', 'ENC-3 hooli-data google_storage_bucket.documents']);
  });
});
