import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the LOG rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'log');

const logFindings = (...inputs: string[]) => areaFindings('LOG-', inputs.map((i) => path.join(FIXTURES, i)), [], { withPath: true });

describe('LOG-1 / LOG-2 on hand-written templates', () => {
  test('AWS (CloudFormation JSON): a signed multi-region KMS trail recording every S3 object, a masking log group and a pgaudit parameter group pass', () => {
    expect(logFindings('aws-logging-pass.json')).toEqual([]);
  });

  test('AWS (CloudFormation YAML): a single-region unsigned trail, a parameter key, no S3 data events, an audit-only policy, statements logged with literals and an unlogged web ACL fail', () => {
    expect(logFindings('aws-logging-fail.yaml')).toEqual([
      'LOG-1-AWS aws-logging-fail SandboxTrail EnableLogFileValidation',
      'LOG-1-AWS aws-logging-fail SandboxTrail IsMultiRegionTrail',
      'LOG-1-AWS aws-logging-fail SandboxTrail KMSKeyId',
      'LOG-1-AWS aws-logging-fail SharedTrail KMSKeyId (unverifiable)',
      'LOG-1-AWS-EDGE aws-logging-fail SandboxAcl LoggingConfiguration',
      'LOG-1-AWS-PGAUDIT aws-logging-fail ReportingDbParameters Parameters.log_statement',
      'LOG-1-AWS-PGAUDIT aws-logging-fail ReportingDbParameters Parameters.pgaudit.log',
      'LOG-1-AWS-PGAUDIT aws-logging-fail ReportingDbParameters Parameters.shared_preload_libraries',
      'LOG-1-AWS-S3-DATA aws-logging-fail SandboxTrail EventSelectors',
      'LOG-1-AWS-S3-DATA aws-logging-fail SharedTrail EventSelectors',
      'LOG-2-AWS aws-logging-fail PatientLogs DataProtectionPolicy',
    ]);
  });

  test('GCP (HCL module): data-access audit config, a central sink excluding payloads, pgaudit and a fully logged backend whose requests a sink routes into a declared log bucket pass', () => {
    expect(logFindings('gcp-logging-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): a BigQuery sink without unique identity or exclusions, an exempted reader, Cloud SQL without flags and a sampled backend whose requests no sink routes fail', () => {
    expect(logFindings('gcp-logging-fail.tf.json')).toEqual([
      'LOG-1-GCP gcp-logging-fail google_logging_project_sink.analytics destination',
      'LOG-1-GCP gcp-logging-fail google_logging_project_sink.analytics unique_writer_identity',
      'LOG-1-GCP gcp-logging-fail google_project_iam_audit_config.storage audit_log_config.exempted_members',
      'LOG-1-GCP-EDGE gcp-logging-fail google_compute_backend_service.web log_config.sample_rate',
      'LOG-1-GCP-EDGE-SINK gcp-logging-fail google_compute_backend_service.web google_logging_project_sink',
      // No flags at all: cloudsql.enable_pgaudit and pgaudit.log are both missing (the wasm once failed on it).
      'LOG-1-GCP-PGAUDIT gcp-logging-fail google_sql_database_instance.reports settings.database_flags',
      'LOG-1-GCP-PGAUDIT gcp-logging-fail google_sql_database_instance.reports settings.database_flags',
      'LOG-2-GCP gcp-logging-fail google_logging_project_sink.analytics exclusions',
    ]);
  });
});
