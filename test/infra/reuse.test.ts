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
 * Every file of an output, templates as text; the manifest and side files parsed (their key order is
 * not meaning); tree.json and stack-trace metadata left out, and so the units file's record of every
 * file's sha256 (the files themselves are compared).
 */
function contents(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (!e.isFile() || e.name === 'tree.json' || e.name.endsWith('metadata.json')) continue;
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    if (e.name === UNITS_FILE) {
      const { output: _, ...units } = JSON.parse(text);
      out[rel] = units;
    } else out[rel] = e.name === 'manifest.json' || e.name === SOURCES_FILE ? JSON.parse(text) : text;
  }
  return out;
}

/**
 * A synthesis that takes unchanged tenant units from an earlier output must write exactly what a full
 * synthesis of the same registry writes: same files, same templates byte for byte, same manifest.
 */
describe('synthesis reusing the unchanged tenant units of an earlier output', () => {
  const registry = loadRegistry();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-reuse-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  let n = 0;
  const synth = (cloud: Cloud, tenants: readonly Tenant[], reuse?: string) => synthStaged(tenants, path.join(work, `${n++}`), { clouds: [cloud], reuse: reuse ? { [cloud]: reuse } : {} })[0];

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
    const deleting = synthStaged(tombstone, path.join(work, `${n++}`), { clouds: ['aws'], reuse: { aws: kept.staged }, deleting: new Set(['globex']) })[0];
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

/**
 * A synthesis may take an earlier output whole (`unchanged`, what `cordon check` passes) only when it
 * was built from the same registry, code and environment and every file is as it recorded; any
 * other earlier output is synthesized again, exactly as without it.
 */
describe('synthesis taking an unchanged earlier output whole', () => {
  const registry = loadRegistry();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-whole-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  let n = 0;
  const synth = (tenants: readonly Tenant[], unchanged?: string) => synthStaged(tenants, path.join(work, `${n++}`), { clouds: ['aws'], unchanged: unchanged ? { aws: unchanged } : {} })[0];
  const inode = (dir: string, file: string) => fs.statSync(path.join(dir, file)).ino;
  /** Every file of an output by path, as bytes. */
  const files = (dir: string) => Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const earlier = synth(registry);

  test('GIVEN the same registry THEN every file is the earlier one (linked, nothing built), and it can be taken again', () => {
    const taken = synth(registry, earlier.staged);
    expect([taken.reusedWhole, taken.reusedUnits]).toEqual([true, registry.filter((t) => t.cloud === 'aws').length]);
    expect(files(taken.staged)).toEqual(files(earlier.staged));
    for (const f of ['manifest.json', 'tree.json', 'globex-prod.template.json', UNITS_FILE]) expect(inode(taken.staged, f)).toBe(inode(earlier.staged, f));
    expect(synth(registry, taken.staged).reusedWhole).toBe(true);
  });

  test('GIVEN a tenant changed, or the CDK given a context through the environment THEN it is built, as without the earlier output', () => {
    const globex = registry.find((t) => t.id === 'globex')!;
    const changed = registry.map((t) => (t === globex ? { ...globex, edge: { rateLimitPerMinute: 599 } } : t));
    const rebuilt = synth(changed, earlier.staged);
    expect(rebuilt.reusedWhole).toBe(false);
    expect(inode(rebuilt.staged, 'manifest.json')).not.toBe(inode(earlier.staged, 'manifest.json'));
    const restore = process.env.CDK_CONTEXT_JSON;
    try {
      process.env.CDK_CONTEXT_JSON = '{}';
      expect(synth(registry, earlier.staged).reusedWhole).toBe(false);
    } finally {
      if (restore === undefined) delete process.env.CDK_CONTEXT_JSON;
      else process.env.CDK_CONTEXT_JSON = restore;
    }
  });

  test('GIVEN an earlier output whose files are not as it recorded (changed, removed) THEN it is built, as a full synthesis; a file added to it is not taken', () => {
    const full = contents(synth(registry).staged);
    const damaged = (damage: (dir: string) => void) => {
      const copy = path.join(work, `damaged-${n++}`);
      fs.cpSync(earlier.staged, copy, { recursive: true });
      damage(copy);
      const out = synth(registry, copy);
      expect(out.reusedWhole).toBe(false);
      expect(contents(out.staged)).toEqual(full);
    };
    damaged((dir) => fs.appendFileSync(path.join(dir, 'globex-prod.template.json'), ' '));
    damaged((dir) => fs.rmSync(path.join(dir, 'globex-prod.template.json')));
    damaged((dir) => fs.rmSync(path.join(dir, UNITS_FILE)));
    // A recorded name that is now a link to a folder (here the earlier output itself): not followed.
    damaged((dir) => {
      fs.rmSync(path.join(dir, 'globex-prod.template.json'));
      fs.symlinkSync(earlier.staged, path.join(dir, 'globex-prod.template.json'));
    });

    const added = path.join(work, `added-${n++}`);
    fs.cpSync(earlier.staged, added, { recursive: true });
    fs.writeFileSync(path.join(added, 'extra.template.json'), '{"Resources": {}}');
    const taken = synth(registry, added);
    expect(taken.reusedWhole).toBe(true);
    expect(files(taken.staged)).toEqual(files(earlier.staged));
  });

  test('GIVEN a tenant changed THEN the other units are taken, each only when its files are as recorded, and the output is a full synthesis\'s', () => {
    const globex = registry.find((t) => t.id === 'globex')!;
    const changed = registry.map((t) => (t === globex ? { ...globex, edge: { rateLimitPerMinute: 599 } } : t));
    const full = contents(synth(changed).staged);
    const others = registry.filter((t) => t.cloud === 'aws' && t !== globex).length;
    const rebuilt = synth(changed, earlier.staged);
    expect([rebuilt.reusedWhole, rebuilt.reusedUnits]).toEqual([false, others]);
    expect(contents(rebuilt.staged)).toEqual(full);
    expect(inode(rebuilt.staged, 'initech-prod.template.json')).toBe(inode(earlier.staged, 'initech-prod.template.json'));

    // A unit whose file was changed after it was recorded is built, not taken.
    const copy = path.join(work, `unit-changed-${n++}`);
    fs.cpSync(earlier.staged, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, 'initech-prod.template.json'), ' ');
    const partly = synth(changed, copy);
    expect(partly.reusedUnits).toBe(others - 1);
    expect(contents(partly.staged)).toEqual(full);

    // A unit whose manifest entry names a file outside the output is not taken (nothing linked there).
    const outside = path.join(work, `unit-outside-${n++}`);
    fs.cpSync(earlier.staged, outside, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(outside, 'manifest.json'), 'utf8'));
    manifest.artifacts['initech-prod'].properties.templateFile = '../escaped.template.json';
    fs.writeFileSync(path.join(outside, 'manifest.json'), JSON.stringify(manifest));
    fs.copyFileSync(path.join(earlier.staged, 'initech-prod.template.json'), path.join(work, 'escaped.template.json'));
    // Recorded too, as whoever can write the output can: the path itself is refused.
    const units = JSON.parse(fs.readFileSync(path.join(outside, UNITS_FILE), 'utf8'));
    units.output.files['../escaped.template.json'] = units.output.files['initech-prod.template.json'];
    fs.writeFileSync(path.join(outside, UNITS_FILE), JSON.stringify(units));
    const root = path.join(work, `${n}`);
    expect(synth(changed, outside).reusedUnits).toBe(others - 1);
    expect(fs.existsSync(path.join(root, 'escaped.template.json'))).toBe(false);
  });

  test('GIVEN a units file that records a path outside its output THEN nothing is taken, and nothing written outside', () => {
    const copy = path.join(work, `outside-${n++}`);
    fs.cpSync(earlier.staged, copy, { recursive: true });
    const units = JSON.parse(fs.readFileSync(path.join(copy, UNITS_FILE), 'utf8'));
    units.output.files['../escaped.json'] = units.output.files['manifest.json'];
    fs.writeFileSync(path.join(copy, UNITS_FILE), JSON.stringify(units));
    // The file is there, as recorded: only the path's refusal keeps it from being linked beside the output.
    fs.copyFileSync(path.join(copy, 'manifest.json'), path.join(work, 'escaped.json'));
    const root = path.join(work, `${n}`);
    expect(synth(registry, copy).reusedWhole).toBe(false);
    expect(fs.existsSync(path.join(root, 'escaped.json'))).toBe(false);
  });
});
