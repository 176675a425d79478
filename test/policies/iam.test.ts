import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the IAM rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'iam');

const iamFindings = (...inputs: string[]) => areaFindings('IAM-', inputs.map((i) => path.join(FIXTURES, i)));

describe('IAM-1 / IAM-2 on hand-written production stacks', () => {
  test('AWS: roles, Secrets Manager references and dynamic references pass', () => {
    expect(iamFindings('aws-iam-pass.yaml')).toEqual([]);
  });

  test('AWS: users, access keys, user policies and literal secrets fail', () => {
    expect(iamFindings('aws-iam-fail.json')).toEqual([
      'IAM-1-AWS aws-iam-fail Analyst',
      'IAM-1-AWS aws-iam-fail ReadReports',
      'IAM-2-AWS aws-iam-fail Analyst',
      'IAM-2-AWS aws-iam-fail AnalystKey',
      'IAM-2-AWS aws-iam-fail Exporter',
      'IAM-2-AWS aws-iam-fail Reports',
    ]);
  });

  test('GCP (HCL module): service accounts, Secret Manager env and a two-approval PAM entitlement pass', () => {
    expect(iamFindings('gcp-iam-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): human members, a one-approval day-long entitlement, keys and passwords fail', () => {
    expect(iamFindings('gcp-iam-fail.tf.json')).toEqual([
      'IAM-1-GCP gcp-iam-fail google_privileged_access_manager_entitlement.breakglass',
      'IAM-1-GCP gcp-iam-fail google_privileged_access_manager_entitlement.breakglass',
      'IAM-1-GCP gcp-iam-fail google_project_iam_binding.editors',
      'IAM-1-GCP gcp-iam-fail google_storage_bucket_iam_member.exports_admin',
      'IAM-2-GCP gcp-iam-fail google_service_account_key.ci',
      'IAM-2-GCP gcp-iam-fail google_sql_user.app',
    ]);
  });
});
