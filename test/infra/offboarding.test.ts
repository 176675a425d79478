import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant } from '../../infra/registry/tenant';
import { gateEstate } from '../../services/gate/estate';
import { loadPolicyBundle } from '../../services/gate/policy';
import { EXAMPLE_TODAY, tmpDir } from '../helpers';

const work = tmpDir('cordon-offboarding-estate-');
const RECORD = { request: 'req-2026-12-01-0a1b2c3d', approvedAt: '2026-12-01', dataUntil: '2026-12-31' };

/**
 * The example estate with every tenant in `status` under one record (tyrell's own window ended in
 * 2026-11: offboarding again, it would be due for shredding), synthesized and gated with the full
 * catalog on a day within the window.
 */
function estate(status: 'offboarding' | 'offboarded') {
  const registry: Tenant[] = loadRegistry().map((t) => ({ ...t, status, offboarding: RECORD }));
  const { report } = gateEstate(loadPolicyBundle(), { registry, root: path.join(work, status), today: EXAMPLE_TODAY });
  return { report, stacks: report.stacks.map((s) => s.name) };
}

describe('an estate whose tenants all leave still synthesizes and gates clean', () => {
  test('all offboarding: data and key stacks stay, no tenant or pooled edge is left (the cells serve no one)', () => {
    const { report, stacks } = estate('offboarding');
    expect(report.summary).toMatchObject({ passed: true, findings: 0 });
    expect(stacks.filter((s) => s.endsWith('-edge') || s.startsWith('cordon-edge-'))).toEqual([]);
    expect(stacks).toEqual(expect.arrayContaining(['globex-prod', 'globex-prod-keys', 'umbrella-prod', 'cordon-cell-prod-us-east-1', 'cordon-cell-prod-europe-west1']));
  }, 120_000);

  test('all offboarded: per tenant only its keys (AWS key stacks, GCP key rings) beside the platform', () => {
    const { report, stacks } = estate('offboarded');
    expect(report.summary).toMatchObject({ passed: true, findings: 0 });
    const tenants = loadRegistry();
    const own = stacks.filter((s) => !s.startsWith('cordon-'));
    expect(own.sort()).toEqual(tenants.flatMap((t) => t.environments.map((e) => (t.cloud === 'aws' ? `${t.id}-${e}-keys` : `${t.id}-${e}`))).sort());
    expect(stacks.filter((s) => s.startsWith('cordon-cell-'))).toEqual([]);
  }, 120_000);
});
