import { generateTenants } from '../../infra/registry/generate';

describe('generated estates', () => {
  test('GIVEN a count WHEN generated twice THEN the same valid tenants with the documented tier mix', () => {
    const a = generateTenants(40, 'aws');
    expect(generateTenants(40, 'aws')).toEqual(a);
    const tiers = a.reduce<Record<string, number>>((n, t) => ({ ...n, [t.tier]: (n[t.tier] ?? 0) + 1 }), {});
    expect(tiers).toEqual({ pooled: 32, dedicated: 6, enterprise: 2 });
    expect(a.every((t) => t.cloud === 'aws' && t.environments.length === 2)).toBe(true);
    expect(a.filter((t) => t.tier === 'enterprise').every((t) => t.phi && t.baa && t.retention.documentDays === 0)).toBe(true);
  });

  test('1,000 tenants pass the cross-tenant checks: unique ids, no overlapping networks', () => {
    const tenants = generateTenants(1000, 'gcp');
    expect(new Set(tenants.map((t) => t.id)).size).toBe(1000);
    expect(tenants.filter((t) => t.network).at(-1)!.network!.cidr).toBe('10.28.112.0/20');
  });

  test.each([0, 4001, 1.5])('refuses a count of %p', (count) => {
    expect(() => generateTenants(count, 'gcp')).toThrow(`generateTenants: count must be an integer from 1 to 4000, received ${count}`);
  });
});
