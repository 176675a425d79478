import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs), each gated alone (a folder is one HCL stack or
// several templates). Only this area's rules (EDGE-*) are asserted: other areas judge the same
// templates by their own tests.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'edge');

// EDGE-2 compares entries with the tenants' contracts: those fixtures are gated with the registry.
const REGISTRY = path.join(__dirname, '..', '..', 'infra', 'tenants');

const edgeFindings = (fixture: string) => areaFindings('EDGE-', [path.join(FIXTURES, fixture)], fixture.startsWith('edge2-') ? ['--registry', REGISTRY] : []);

const cases: [string, string[]][] = [
  ['edge1-cloudfront-waf-pass.yaml', []],
  [
    'edge1-cloudfront-waf-fail.yaml',
    [
      'EDGE-1-AWS edge1-cloudfront-waf-fail Media',
      'EDGE-1-AWS edge1-cloudfront-waf-fail Partner (unverifiable)',
      'EDGE-1-AWS edge1-cloudfront-waf-fail Regional',
      'EDGE-1-AWS edge1-cloudfront-waf-fail Shared (unverifiable)',
      'EDGE-1-AWS edge1-cloudfront-waf-fail TrialAcl',
      // The trial web ACL has no rate-based rule either.
      'EDGE-2-AWS edge1-cloudfront-waf-fail TrialAcl',
    ],
  ],
  ['edge1-armor-pass', []],
  [
    'edge1-armor-fail.tf.json',
    [
      'EDGE-1-GCP edge1-armor-fail google_compute_backend_service.legacy',
      'EDGE-1-GCP edge1-armor-fail google_compute_security_policy.allowlist',
      'EDGE-1-GCP edge1-armor-fail google_compute_security_policy.allowlist',
      // Its only policy has no throttle rule either.
      'EDGE-2-GCP edge1-armor-fail google_compute_security_policy.allowlist',
    ],
  ],
  ['edge2-aws-pass', []],
  ['edge2-aws-fail', ['EDGE-2-AWS globex-edge GlobexAcl', 'EDGE-2-AWS pooled-edge PooledAcl', 'EDGE-2-AWS pooled-edge PooledAcl']],
  ['edge2-gcp-pass', []],
  ['edge2-gcp-fail', ['EDGE-2-GCP cell google_compute_security_policy.edge', 'EDGE-2-GCP umbrella google_compute_security_policy.edge']],
];

describe('EDGE rules on hand-written templates', () => {
  test.each(cases)('%s', (fixture, expected) => {
    expect(edgeFindings(fixture)).toEqual(expected);
  });
});
