import { runGate } from '../../services/gate/gate';
import { loadInputs } from '../../services/gate/inputs';
import { loadPolicyBundle } from '../../services/gate/policy';
import { generateTenants } from '../../infra/registry/generate';
import { synthEstate } from '../../infra/synth';
import { tmpDir } from '../helpers';

// Aspect- and plugin-based peer checkers break past 100 stacks; one stack per tenant hits that at once.
describe('an estate of 150 tenants per cloud', () => {
  const tenants = [...generateTenants(150, 'aws'), ...generateTenants(150, 'gcp')];
  const out = tmpDir();

  test('GIVEN 300 tenants WHEN synthesized and gated THEN every tenant has its stacks and nothing is found', () => {
    const { awsDir, gcpDir } = synthEstate(tenants, out);
    const stacks = loadInputs([awsDir, gcpDir]);
    const report = runGate(stacks, loadPolicyBundle(), { registry: tenants });

    const tenantsWithStacks = new Set(stacks.map((s) => s.doc.stack.tenant).filter(Boolean));
    expect(tenantsWithStacks.size).toBe(300);
    for (const env of ['prod', 'staging']) {
      expect(stacks.filter((s) => s.doc.stack.environment === env && s.doc.stack.tenant).length).toBeGreaterThanOrEqual(300);
    }
    expect(report.summary).toMatchObject({ findings: 0, passed: true });
  });
});
