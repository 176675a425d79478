import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { gateEstate } from '../../services/gate/estate';
import { loadPolicyBundle } from '../../services/gate/policy';
import { EXAMPLE_TODAY, tmpDir } from '../helpers';

/** `inPlace: 'reuse'` (what `cordon check` passes): the output in place, unchanged since it passed, is gated again as it is. */
describe('gating an estate whose output in place is unchanged', () => {
  const root = tmpDir('cordon-estate-unchanged-');
  const registry = loadRegistry();
  const gate = (tenants = registry) => {
    const phases: string[] = [];
    const result = gateEstate(loadPolicyBundle(), { registry: tenants, root, today: EXAMPLE_TODAY, inPlace: 'reuse', onPhase: (p) => phases.push(p) });
    return { ...result, phases };
  };

  test('THEN nothing is synthesized, the progress says so, and the report and promoted outputs are those of a synthesis', () => {
    const first = gate();
    expect(first.outputs.map((o) => [o.cloud, o.state, o.reusedWhole])).toEqual([['gcp', 'promoted', false], ['aws', 'promoted', false]]);
    const again = gate();
    expect(again.outputs.map((o) => [o.cloud, o.state, o.reusedWhole, o.dir])).toEqual([
      ['gcp', 'promoted', true, path.join(root, 'cdktf.out')],
      ['aws', 'promoted', true, path.join(root, 'cdk.out')],
    ]);
    expect(again.phases[1]).toBe('reading and gating the unchanged synthesized stacks (nothing synthesized)');
    expect(again.report.stacks).toEqual(first.report.stacks);
    expect(again.report.summary).toEqual(first.report.summary);
  }, 120_000);

  // Every tenant is in each output's key (cells and the platform depend on the whole registry).
  test('GIVEN a tenant changed THEN both clouds are synthesized, every other tenant\'s stacks taken from the output in place', () => {
    const changed = registry.map((t) => (t.id === 'acme' ? { ...t, name: 'Acme Health Care' } : t));
    const { outputs, phases } = gate(changed);
    const count = (cloud: string) => registry.filter((t) => t.cloud === cloud && t.id !== 'acme').length;
    expect(outputs.map((o) => [o.cloud, o.reusedWhole, o.reusedUnits])).toEqual([['gcp', false, count('gcp')], ['aws', false, count('aws')]]);
    expect(phases[1]).toBe('reading and gating the synthesized stacks');
  }, 120_000);
});
