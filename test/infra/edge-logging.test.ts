import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant } from '../../infra/registry/tenant';
import { gateEstate } from '../../services/gate/estate';
import { loadPolicyBundle } from '../../services/gate/policy';
import { EXAMPLE_TODAY, readJson, tmpDir } from '../helpers';

const work = tmpDir('cordon-edge-logging-');

describe('a tenant edge outside the tenant region logs under a key of that tenant', () => {
  test('globex in eu-west-1: its edge (us-east-1) encrypts its logs with a logs-only key stack of globex in us-east-1; the estate gates clean (ENC-3, ENC-4)', () => {
    const registry: Tenant[] = loadRegistry().map((t) => (t.id === 'globex' ? { ...t, region: 'eu-west-1' } : t));
    const root = path.join(work, 'estate');
    const { report } = gateEstate(loadPolicyBundle(), { registry, root, today: EXAMPLE_TODAY });
    expect(report.summary).toMatchObject({ passed: true, findings: 0 });
    const stacks = report.stacks.map((s) => s.name);
    expect(stacks).toEqual(expect.arrayContaining(['globex-prod-keys', 'globex-prod-keys-us-east-1', 'globex-prod-edge']));
    const keys = readJson(path.join(root, 'cdk.out', 'globex-prod-keys-us-east-1.template.json'));
    expect(Object.values<any>(keys.Resources).filter((r) => r.Type === 'AWS::KMS::Key')).toHaveLength(1);
    const edge = readJson(path.join(root, 'cdk.out', 'globex-prod-edge.template.json'));
    const groups = Object.values<any>(edge.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(JSON.stringify(g.Properties.KmsKeyId)).toMatch(/"Fn::ImportValue":"globex-prod-keys-us-east-1:/);
  }, 120_000);

  test('offboarded, that key stack stays beside the others, its key shredded like them (RET-5)', () => {
    const registry: Tenant[] = loadRegistry().map((t) =>
      t.id === 'globex' ? { ...t, region: 'eu-west-1', status: 'offboarded', offboarding: { request: 'req-2026-12-01-0a1b2c3d', approvedAt: '2026-12-01', dataUntil: '2026-12-31' } } : t,
    );
    const root = path.join(work, 'offboarded');
    const { report } = gateEstate(loadPolicyBundle(), { registry, root, today: EXAMPLE_TODAY });
    expect(report.summary).toMatchObject({ passed: true, findings: 0 });
    expect(report.stacks.map((s) => s.name).filter((s) => s.startsWith('globex-prod'))).toEqual(['globex-prod-keys', 'globex-prod-keys-us-east-1']);
    const keys = readJson(path.join(root, 'cdk.out', 'globex-prod-keys-us-east-1.template.json'));
    expect(Object.values<any>(keys.Resources).filter((r) => r.Type === 'AWS::KMS::Key').map((r) => r.Properties.Enabled)).toEqual([false]);
  }, 120_000);
});
