import { App } from 'cdktf';
import { cellKey, cellStackName, llmProfile, pooledCells } from '../../infra/cells';
import { PLATFORM } from '../../infra/platform';
import { LLM_SUBPROCESSORS } from '../../infra/registry/fields';
import { generateTenants } from '../../infra/registry/generate';
import { Tenant } from '../../infra/registry/tenant';
import { cellName, cellNetwork, GcpCellStack } from '../../infra/stacks/gcp-cell-stack';

describe('pooled cells: one per environment, region and LLM profile (TEN-3)', () => {
  test('GIVEN sub-processors in any order THEN one profile: sorted, `none` for a no-LLM workflow', () => {
    expect(llmProfile([])).toBe('none');
    expect(llmProfile(['openai', 'anthropic'])).toBe('anthropic-openai');
    expect(llmProfile(['anthropic', 'openai'])).toBe('anthropic-openai');
  });

  test('GIVEN a generated estate THEN each cell holds only tenants of its region and profile, and every pooled tenant is in one', () => {
    const tenants = generateTenants(40, 'aws');
    const cells = pooledCells(tenants, 'prod');
    expect([...cells.keys()]).toEqual(['us-east-1/anthropic', 'us-east-1/anthropic-openai', 'us-east-1/none', 'us-east-1/openai']);
    for (const [key, cell] of cells) {
      expect(cell.tenants.every((t) => cellKey(t) === key && llmProfile(t.llm.subprocessors) === cell.profile)).toBe(true);
    }
    expect([...cells.values()].flatMap((c) => c.tenants.map((t) => t.id)).sort()).toEqual(tenants.filter((t) => t.tier === 'pooled').map((t) => t.id).sort());
  });

  test('GIVEN an offboarding tenant THEN its cell stays without serving it; GIVEN an offboarded one THEN no cell', () => {
    const [a, b] = generateTenants(2, 'gcp').filter((t) => t.tier === 'pooled');
    const leaving: Tenant = { ...a, status: 'offboarding' };
    expect(pooledCells([leaving, { ...b, status: 'offboarded' }], 'prod').get(cellKey(leaving))).toMatchObject({ tenants: [leaving], serving: [] });
    expect(pooledCells([{ ...b, status: 'offboarded' }], 'prod').size).toBe(0);
    // while a deploy deletes an offboarded tenant's stacks, its data still sits in the cell
    const gone: Tenant = { ...b, status: 'offboarded' };
    expect(pooledCells([gone], 'prod', new Set([b.id])).get(cellKey(gone))).toMatchObject({ tenants: [gone], serving: [] });
  });

  test('names: the no-LLM cell keeps the region\'s names; GCP names fit their limits in the longest region', () => {
    expect(cellStackName('prod', 'us-east-1', [])).toBe('cordon-cell-prod-us-east-1');
    expect(cellStackName('staging', 'europe-west1', ['openai', 'anthropic'])).toBe('cordon-cell-staging-europe-west1-anthropic-openai');
    expect(cellName('europe-west1', [])).toBe('cell-europe-west1');
    expect(cellName('europe-west1', ['openai', 'anthropic'])).toBe('cell-europe-west1-ao');
    expect(new Set(Object.values(PLATFORM.llmCodes)).size).toBe(LLM_SUBPROCESSORS.length);
    const long = cellNetwork('prod', 'northamerica-northeast1', ['openai', 'anthropic']);
    expect(long.runtimeServiceAccount).toBe('c-northamerica-northeast1-ao@cdn-cell-prd.iam.gserviceaccount.com');
    expect(cellNetwork('prod', 'europe-west1', ['anthropic']).runtimeServiceAccount).toBe('cell-europe-west1-a@cdn-cell-prd.iam.gserviceaccount.com');
    // Synthesizes: the network, edge and service names pass their constructs' length checks.
    const [t] = generateTenants(1, 'gcp');
    const tenant: Tenant = { ...t, region: 'northamerica-northeast1', llm: { subprocessors: ['openai', 'anthropic'] } };
    expect(() => new GcpCellStack(new App(), 'prod', 'northamerica-northeast1', ['anthropic', 'openai'], [tenant])).not.toThrow();
  });

  test('GIVEN a tenant of another profile THEN a cell refuses it, naming the tenant', () => {
    const [t] = generateTenants(1, 'gcp');
    const noLlm: Tenant = { ...t, llm: { subprocessors: [] } };
    expect(() => new GcpCellStack(new App(), 'prod', t.region, ['openai'], [noLlm])).toThrow(
      `cordon-cell-prod-${t.region}-openai: tenants: only tenants of region ${t.region} with LLM profile openai (received ${t.id}: ${t.region}, none)`,
    );
  });
});
