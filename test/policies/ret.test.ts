import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process, without a tenant
// registry: the RET rules then demand that expiry and soft-delete windows exist within the
// registry's bounds. Only the RET rules' findings are asserted.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'ret');

const retFindings = (...inputs: string[]) => areaFindings('RET-', inputs.map((i) => path.join(FIXTURES, i)));

describe('RET-1..4 on hand-written templates', () => {
  test('AWS (CloudFormation YAML): expiring versioned documents, a COMPLIANCE-locked trail bucket, 7-day backups and PITR pass', () => {
    expect(retFindings('aws-retention-pass.yaml')).toEqual([]);
  });

  test('AWS (CloudFormation JSON): prefix-only expiry, no versioning, GOVERNANCE lock, 6-day and default backups, no PITR fail', () => {
    expect(retFindings('aws-retention-fail.json')).toEqual([
      'RET-1-AWS aws-retention-fail Uploads',
      'RET-2-AWS aws-retention-fail Reports',
      'RET-3-AWS aws-retention-fail ArchiveBucket (unverifiable)',
      'RET-3-AWS aws-retention-fail TrailBucket',
      'RET-4-AWS aws-retention-fail Carts',
      'RET-4-AWS aws-retention-fail Events',
      'RET-4-AWS aws-retention-fail Orders',
    ]);
  });

  test('GCP (HCL module): 90-day expiry, 30-day soft delete, locked 2557-day log bucket and PITR pass', () => {
    expect(retFindings('gcp-retention-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): age 0 without send_age_if_zero, no soft delete, variable age, 365-day unlocked logs, MySQL without binary log fail', () => {
    expect(retFindings('gcp-retention-fail.tf.json')).toEqual([
      'RET-1-GCP gcp-retention-fail google_storage_bucket.exports (unverifiable)',
      'RET-1-GCP gcp-retention-fail google_storage_bucket.scans',
      'RET-2-GCP gcp-retention-fail google_storage_bucket.thumbnails',
      'RET-3-GCP gcp-retention-fail google_logging_project_bucket_config.audit',
      'RET-3-GCP gcp-retention-fail google_logging_project_bucket_config.audit',
      'RET-4-GCP gcp-retention-fail google_sql_database_instance.scans',
    ]);
  });
});
