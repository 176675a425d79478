import * as fs from 'fs';
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
function estate(status: 'offboarding' | 'offboarded', deleting?: ReadonlySet<string>) {
  const registry: Tenant[] = loadRegistry().map((t) => ({ ...t, status, offboarding: RECORD }));
  const root = path.join(work, `${status}${deleting ? '-deleting' : ''}`);
  const { report } = gateEstate(loadPolicyBundle(), { registry, root, deleting, today: EXAMPLE_TODAY });
  return { report, stacks: report.stacks.map((s) => s.name), root };
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

  test('all offboarded while the deploy deletes their data: each tenant\'s data is built for deletion, nothing of it kept or protected, and gates clean', () => {
    const tenants = loadRegistry();
    const { report, stacks, root } = estate('offboarded', new Set(tenants.map((t) => t.id)));
    expect(report.summary).toMatchObject({ passed: true, findings: 0 });
    const own = stacks.filter((s) => !s.startsWith('cordon-'));
    expect(own.sort()).toEqual(tenants.flatMap((t) => t.environments.flatMap((e) => (t.cloud === 'aws' ? [`${t.id}-${e}-keys`, `${t.id}-${e}`] : [`${t.id}-${e}`, `${t.id}-${e}-deleting`]))).sort());
    // The pooled tenants' data still sits in their cells.
    expect(stacks).toEqual(expect.arrayContaining(['cordon-cell-prod-us-east-1', 'cordon-cell-prod-europe-west1-anthropic']));
    // AWS: what the window kept is deleted with its stack.
    const aws = JSON.parse(fs.readFileSync(path.join(root, 'cdk.out', 'globex-prod.template.json'), 'utf8')).Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: { DeletionProtection?: boolean } }>;
    expect(Object.values(aws).filter((r) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete')).toEqual([]);
    expect(Object.values(aws).find((r) => r.Type === 'AWS::RDS::DBCluster')!.Properties.DeletionProtection).toBe(false);
    // GCP: the -deleting stack unprotects the data in the tombstone's own state, and is applied before it.
    const tf = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
    const [tombstone, deleting] = [tf('umbrella-prod'), tf('umbrella-prod-deleting')];
    expect(deleting.terraform.backend).toEqual(tombstone.terraform.backend);
    expect(Object.values<any>(deleting.resource.google_sql_database_instance).map((i) => [i.deletion_protection, i.settings.deletion_protection_enabled])).toEqual([[false, false]]);
    expect(Object.values<any>(deleting.resource.google_storage_bucket).map((b) => b.force_destroy)).toEqual([true]);
    expect(Object.keys(tombstone.resource)).toEqual(['google_kms_key_ring']);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(manifest.stacks['umbrella-prod'].dependencies).toContain('umbrella-prod-deleting');
  }, 180_000);
});
