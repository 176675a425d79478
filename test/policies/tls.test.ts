import * as path from 'path';
import { EDGE_TLS_POLICIES } from '../../constructs/aws/cloudfront-edge';
import { ALB_TLS_POLICIES } from '../../constructs/aws/fargate-service';
import { EDGE_MIN_TLS_VERSIONS } from '../../constructs/gcp/https-edge';
import { runOpa } from '../../services/toolchain/opa';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs), each gated alone. Only this area's rules
// (TLS-*) are asserted: other areas judge the same templates by their own tests.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'tls');

const tlsFindings = (fixture: string) => areaFindings('TLS-', [path.join(FIXTURES, fixture)]);

const cases: [string, string[]][] = [
  ['tls1-alb-pass.yaml', []],
  ['tls1-alb-fail.yaml', ['TLS-1-AWS-ALB tls1-alb-fail HealthOverHttp', 'TLS-1-AWS-ALB tls1-alb-fail Https', 'TLS-1-AWS-ALB tls1-alb-fail PartnerHttps']],
  ['tls1-cloudfront-pass.json', []],
  [
    'tls1-cloudfront-fail.json',
    [
      'TLS-1-AWS-CLOUDFRONT tls1-cloudfront-fail LegacyDistribution',
      'TLS-1-AWS-CLOUDFRONT tls1-cloudfront-fail LegacyDistribution',
      'TLS-1-AWS-CLOUDFRONT tls1-cloudfront-fail LegacyDistribution',
      'TLS-1-AWS-CLOUDFRONT tls1-cloudfront-fail PreviewDistribution',
      'TLS-1-AWS-CLOUDFRONT tls1-cloudfront-fail PreviewDistribution',
      // Not the subject of this fixture: no response headers policy on any behavior.
      'TLS-3-AWS tls1-cloudfront-fail LegacyDistribution',
      'TLS-3-AWS tls1-cloudfront-fail LegacyDistribution',
      'TLS-3-AWS tls1-cloudfront-fail PreviewDistribution',
    ],
  ],
  ['tls1-gcp-lb-pass', []],
  [
    'tls1-gcp-lb-fail',
    [
      'TLS-1-GCP-HTTP tls1-gcp-lb-fail google_compute_target_http_proxy.web',
      'TLS-1-GCP-SSL tls1-gcp-lb-fail google_compute_ssl_policy.default',
      'TLS-1-GCP-SSL tls1-gcp-lb-fail google_compute_ssl_policy.default',
      'TLS-1-GCP-SSL tls1-gcp-lb-fail google_compute_target_https_proxy.api',
      'TLS-3-GCP tls1-gcp-lb-fail google_compute_url_map.web (unverifiable)',
    ],
  ],
  ['tls3-cloudfront-headers-pass.yaml', []],
  ['tls3-cloudfront-headers-fail.yaml', ['TLS-3-AWS tls3-cloudfront-headers-fail Blog', 'TLS-3-AWS tls3-cloudfront-headers-fail Docs (unverifiable)', 'TLS-3-AWS tls3-cloudfront-headers-fail WeakHeaders', 'TLS-3-AWS tls3-cloudfront-headers-fail WeakHeaders']],
  ['tls3-gcp-headers-pass.tf.json', []],
  ['tls3-gcp-headers-fail.tf.json', ['TLS-3-GCP tls3-gcp-headers-fail google_compute_url_map.web']],
  ['tls2-s3-rds-pass.yaml', []],
  ['tls2-s3-rds-fail.yaml', ['TLS-2-AWS-RDS tls2-s3-rds-fail ClusterParams', 'TLS-2-AWS-RDS tls2-s3-rds-fail Legacy', 'TLS-2-AWS-S3 tls2-s3-rds-fail Assets', 'TLS-2-AWS-S3 tls2-s3-rds-fail Logs']],
  ['tls2-cloudsql-pass.tf.json', []],
  [
    'tls2-cloudsql-fail.tf.json',
    [
      'TLS-2-GCP tls2-cloudsql-fail google_sql_database_instance.configurable (unverifiable)',
      'TLS-2-GCP tls2-cloudsql-fail google_sql_database_instance.legacy',
      'TLS-2-GCP tls2-cloudsql-fail google_sql_database_instance.scratch',
    ],
  ],
];

describe('TLS rules on hand-written templates', () => {
  test.each(cases)('%s', (fixture, expected) => {
    expect(tlsFindings(fixture)).toEqual(expected);
  });
});

// The constructs refuse what the rules refuse: their TLS choices are the lists in policies/lib/tls.rego.
describe('construct TLS choices match the rules\' allow-lists', () => {
  const lists = JSON.parse(runOpa(['eval', '-f', 'json', '-d', path.join(__dirname, '..', '..', 'policies', 'lib', 'tls.rego'), 'data.cordon.lib.tls'], 'opa eval')).result[0].expressions[0].value;

  test('FargateService sslPolicy', () => {
    expect([...ALB_TLS_POLICIES].sort()).toEqual([...lists.alb_ssl_policies].sort());
  });

  test('CloudFrontEdge minimumTlsPolicy', () => {
    expect([...EDGE_TLS_POLICIES].sort()).toEqual([...lists.cloudfront_viewer_policies].sort());
  });

  test('HttpsEdge minTlsVersion', () => {
    expect([...EDGE_MIN_TLS_VERSIONS].sort()).toEqual([...lists.gcp_min_tls_versions].sort());
  });
});
