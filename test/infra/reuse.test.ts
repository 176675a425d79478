import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { Cloud, Tenant } from '../../infra/registry/tenant';
import { SOURCES_FILE, synthStaged } from '../../infra/synth';
import { copyUnits } from '../../infra/reuse';
import { SynthError } from '../../infra/synth-error';
import { UNITS_FILE } from '../../infra/units';

/**
 * A synthesis that takes unchanged tenant units from an earlier output must write exactly what a full
 * synthesis of the same registry writes: same files, same templates byte for byte, same manifest.
 */
describe('synthesis reusing the unchanged tenant units of an earlier output', () => {
  const registry = loadRegistry();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-reuse-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  let n = 0;
  const synth = (cloud: Cloud, tenants: readonly Tenant[], reuse?: string) => synthStaged(tenants, path.join(work, `${n++}`), [cloud], reuse ? { [cloud]: reuse } : {})[0];

  /** Every file of an output, templates as text; the manifest and side files parsed (their key order is not meaning); tree.json and stack-trace metadata left out. */
  function contents(dir: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const rel = path.relative(dir, path.join(e.parentPath, e.name));
      if (!e.isFile() || e.name === 'tree.json' || e.name.endsWith('metadata.json')) continue;
      const text = fs.readFileSync(path.join(dir, rel), 'utf8');
      out[rel] = e.name === 'manifest.json' || e.name === UNITS_FILE || e.name === SOURCES_FILE ? JSON.parse(text) : text;
    }
    return out;
  }

  test('GIVEN a dedicated AWS tenant added THEN the other units are reused, and the cells (rebuilt with none of their tenants) export what those import', () => {
    const before = synth('aws', registry.filter((t) => t.id !== 'globex'));
    const reused = synth('aws', registry, before.staged);
    expect(reused.reusedUnits).toBe(registry.filter((t) => t.cloud === 'aws' && t.id !== 'globex').length);
    const full = synth('aws', registry);
    expect(full.reusedUnits).toBe(0);
    expect(contents(reused.staged)).toEqual(contents(full.staged));
    // The pooled tenants' imports resolve: the rebuilt cell exports them.
    const cell = fs.readFileSync(path.join(reused.staged, 'cordon-cell-prod-us-east-1.template.json'), 'utf8');
    expect(cell).toContain('ExportsOutputFnGetAttTaskRole');
  });

  test('GIVEN an offboarded tenant built for deletion THEN its unit is not the tombstone\'s: neither is taken for the other', () => {
    const tombstone = registry.map((t): Tenant => (t.id === 'globex' ? { ...t, status: 'offboarded', offboarding: { request: 'req-2026-12-01-0ff0ff00', approvedAt: '2026-12-01', dataUntil: '2026-12-02' } } : t));
    const kept = synth('aws', tombstone);
    const deleting = synthStaged(tombstone, path.join(work, `${n++}`), ['aws'], { aws: kept.staged }, new Set(['globex']))[0];
    expect(deleting.reusedUnits).toBe(registry.filter((t) => t.cloud === 'aws').length - 1);
    expect(fs.existsSync(path.join(deleting.staged, 'globex-prod.template.json'))).toBe(true);
    expect(fs.existsSync(path.join(kept.staged, 'globex-prod.template.json'))).toBe(false);
    expect(synth('aws', tombstone, deleting.staged).reusedUnits).toBe(registry.filter((t) => t.cloud === 'aws').length - 1);
  });

  test('GIVEN a GCP tenant changed and one removed THEN the changed one is built, the removed one is gone, the rest reused', () => {
    const before = synth('gcp', registry);
    const hooli = registry.find((t) => t.id === 'hooli')!;
    const after = registry.filter((t) => t.id !== 'acme').map((t) => (t === hooli ? { ...hooli, retention: { ...hooli.retention, documentDays: hooli.retention.documentDays - 1 } } : t));
    const reused = synth('gcp', after, before.staged);
    expect(reused.reusedUnits).toBe(after.filter((t) => t.cloud === 'gcp' && t.id !== 'hooli').length);
    const files = contents(reused.staged);
    expect(files).toEqual(contents(synth('gcp', after).staged));
    expect(Object.keys(files).some((f) => f.includes('acme'))).toBe(false);
  });

  test('GIVEN a synthesis from another working directory THEN nothing is reused (cdktf writes the state path from it into every stack)', () => {
    const before = synth('gcp', registry);
    const elsewhere = fs.mkdtempSync(path.join(work, 'cwd-'));
    const cwd = process.cwd();
    try {
      process.chdir(elsewhere);
      const moved = synth('gcp', registry, before.staged);
      expect(moved.reusedUnits).toBe(0);
      expect(fs.readFileSync(path.join(moved.staged, 'stacks', 'acme-prod', 'cdk.tf.json'), 'utf8')).toContain(path.join(elsewhere, 'terraform.acme-prod.tfstate'));
    } finally {
      process.chdir(cwd);
    }
  });

  test('GIVEN an earlier output that is damaged THEN what cannot be trusted is built again', () => {
    const aws = registry.filter((t) => t.cloud === 'aws');
    const before = synth('aws', registry);
    const manifest = JSON.parse(fs.readFileSync(path.join(before.staged, 'manifest.json'), 'utf8'));
    delete manifest.artifacts['stark-prod'];
    fs.writeFileSync(path.join(before.staged, 'manifest.json'), JSON.stringify(manifest));
    const withoutStark = synth('aws', registry, before.staged);
    expect(withoutStark.reusedUnits).toBe(aws.length - 1);
    expect(contents(withoutStark.staged)).toEqual(contents(synth('aws', registry).staged));

    // A unit that names a stack not its own (a platform stack) is not taken, nor ever copied over one this synthesis built.
    const units = JSON.parse(fs.readFileSync(path.join(before.staged, UNITS_FILE), 'utf8'));
    units.units.initech.stacks.push('cordon-keys-prod');
    fs.writeFileSync(path.join(before.staged, UNITS_FILE), JSON.stringify(units));
    const notInitech = synth('aws', registry, before.staged);
    expect(notInitech.reusedUnits).toBe(aws.length - 2);
    expect(contents(notInitech.staged)).toEqual(contents(synth('aws', registry).staged));
    expect(() => copyUnits('aws', { from: before.staged, units: new Map([['initech', ['cordon-keys-prod']]]), manifest }, notInitech.staged)).toThrow(SynthError);

    fs.writeFileSync(path.join(before.staged, UNITS_FILE), '{"version": 1, "units": null}');
    expect(synth('aws', registry, before.staged).reusedUnits).toBe(0);
    fs.rmSync(path.join(before.staged, UNITS_FILE));
    expect(synth('aws', registry, before.staged).reusedUnits).toBe(0);
  });
});
