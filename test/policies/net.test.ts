import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs), each gated alone (a folder is an estate of
// several stacks, for the estate rules). Only this area's rules (NET-*) are asserted: other areas judge
// the same templates by their own tests.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'net');

const netFindings = (fixture: string) => areaFindings('NET-', [path.join(FIXTURES, fixture)]);

const cases: [string, string[]][] = [
  ['net-aws-pass.yaml', []],
  [
    'net-aws-fail.json',
    [
      'NET-1-AWS net-aws-fail OfficeSg (unverifiable)',
      'NET-1-AWS net-aws-fail PostgresFromVpc',
      'NET-1-AWS net-aws-fail WebSg',
      'NET-3-AWS net-aws-fail AuditedVpc',
      'NET-3-AWS net-aws-fail LegacyVpc',
      'NET-4-AWS net-aws-fail PublicAssets',
      'NET-4-AWS net-aws-fail ReportingDb',
    ],
  ],
  ['net-gcp-pass.tf', []],
  [
    'net-gcp-fail.tf.json',
    [
      'NET-1-GCP net-gcp-fail google_compute_firewall.mysql_from_partner',
      'NET-1-GCP net-gcp-fail google_compute_firewall.ssh_anywhere',
      'NET-3-GCP net-gcp-fail google_compute_network.default_like',
      'NET-3-GCP net-gcp-fail google_compute_subnetwork.sampled',
      'NET-4-GCP net-gcp-fail google_sql_database_instance.legacy',
      'NET-4-GCP net-gcp-fail google_storage_bucket.site',
      'NET-4-GCP net-gcp-fail google_storage_bucket_iam_member.site_public',
    ],
  ],
  ['net2-aws-pass', []],
  ['net2-aws-fail', ['NET-2-AWS contoso-prod Api', 'NET-2-AWS contoso-prod ToCell']],
  ['net2-gcp-pass', []],
  [
    'net2-gcp-fail',
    [
      'NET-2-GCP initrode-prod google_cloud_run_v2_service.api',
      'NET-2-GCP initrode-prod google_cloud_run_v2_service.api',
      'NET-2-GCP initrode-prod google_cloud_run_v2_service.worker',
      'NET-2-GCP initrode-prod google_compute_network_peering.to_host',
    ],
  ],
  ['net5-aws-pass', []],
  ['net5-aws-fail', ['NET-5-AWS billing-staging Invoices']],
  ['net5-gcp-pass', []],
  [
    'net5-gcp-fail',
    [
      'NET-5-GCP shop-staging google_sql_database_instance.db',
      'NET-5-GCP shop-staging google_storage_bucket.media',
      'NET-5-GCP shop-staging google_storage_bucket.scratch',
    ],
  ],
];

describe('NET rules on hand-written templates', () => {
  test.each(cases)('%s', (fixture, expected) => {
    expect(netFindings(fixture)).toEqual(expected);
  });
});
