import * as path from 'path';
import { areaFindings } from '../helpers';

// Hand-written templates (not produced by our constructs) gated in-process; only the OPS rules'
// findings are asserted, since other areas' rules judge the same resources by their own promises.
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies', 'ops');

const opsFindings = (...inputs: string[]) => areaFindings('OPS-', inputs.map((i) => path.join(FIXTURES, i)));

describe('OPS-1 on hand-written registries and detectors', () => {
  test('AWS: repositories scanning on push and an enabled detector pass', () => {
    expect(opsFindings('aws-ops-pass.yaml')).toEqual([]);
  });

  test('AWS: no scanning configuration, a parameter and a disabled detector fail', () => {
    expect(opsFindings('aws-ops-fail.json')).toEqual([
      'OPS-1-AWS aws-ops-fail BatchImages (unverifiable)',
      'OPS-1-AWS aws-ops-fail Detector',
      'OPS-1-AWS aws-ops-fail LegacyImages',
    ]);
  });

  test('GCP (HCL module): inherited scanning and non-Docker repositories pass', () => {
    expect(opsFindings('gcp-ops-pass')).toEqual([]);
  });

  test('GCP (Terraform JSON): DISABLED fails, a variable is unverifiable', () => {
    expect(opsFindings('gcp-ops-fail.tf.json')).toEqual([
      'OPS-1-GCP gcp-ops-fail google_artifact_registry_repository.mirror (unverifiable)',
      'OPS-1-GCP gcp-ops-fail google_artifact_registry_repository.sandbox',
    ]);
  });
});
