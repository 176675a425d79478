import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the LOG rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'log');

const logFindings = (...inputs: string[]) => areaFindings('LOG-', inputs.map((i) => path.join(FIXTURES, i)), [], { withPath: true });

describe('LOG-1 / LOG-2 on hand-written templates', () => {
  test('AWS (CloudFormation JSON): a signed multi-region KMS trail and a masking log group pass', () => {
    expect(logFindings('aws-logging-pass.json')).toEqual([]);
  });

  test('AWS (CloudFormation YAML): a single-region unsigned trail, a parameter key and an audit-only policy fail', () => {
    expect(logFindings('aws-logging-fail.yaml')).toEqual([
      'LOG-1-AWS aws-logging-fail SandboxTrail EnableLogFileValidation',
      'LOG-1-AWS aws-logging-fail SandboxTrail IsMultiRegionTrail',
      'LOG-1-AWS aws-logging-fail SandboxTrail KMSKeyId',
      'LOG-1-AWS aws-logging-fail SharedTrail KMSKeyId (unverifiable)',
      'LOG-2-AWS aws-logging-fail PatientLogs DataProtectionPolicy',
    ]);
  });

  test('GCP (HCL module): data-access audit config and a central sink excluding payloads pass', () => {
    expect(logFindings('gcp-logging-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): a BigQuery sink without unique identity or exclusions, and an exempted reader, fail', () => {
    expect(logFindings('gcp-logging-fail.tf.json')).toEqual([
      'LOG-1-GCP gcp-logging-fail google_logging_project_sink.analytics destination',
      'LOG-1-GCP gcp-logging-fail google_logging_project_sink.analytics unique_writer_identity',
      'LOG-1-GCP gcp-logging-fail google_project_iam_audit_config.storage audit_log_config.exempted_members',
      'LOG-2-GCP gcp-logging-fail google_logging_project_sink.analytics exclusions',
    ]);
  });
});
