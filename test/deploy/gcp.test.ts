import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant } from '../../infra/registry/tenant';
import { deploy as deployAll, DeployOptions, planGate, retiringStacks } from '../../services/deploy/deploy';
import { DeployError } from '../../services/deploy/errors';
import { deployGcpStacks, findTerraform, PLAN_FILE, PLAN_JSON, PlanGate, PlanResult } from '../../services/deploy/gcp';
import { DeployEvent, DeployHost } from '../../services/deploy/host';
import { DeploymentRecord } from '../../services/deploy/record';
import { PlannedStack } from '../../services/deploy/plan';
import { loadInputs } from '../../services/gate/inputs';
import { LoadedStack } from '../../services/gate/model';
import { loadPolicyBundle, PolicyBundle } from '../../services/gate/policy';
import { sha256 } from '../../services/toolchain/policy-sources';
import { cordonAsync, readJson, tmpDir } from '../helpers';

/**
 * The GCP deploy path (services/deploy/gcp.ts) against a real Terraform binary: stacks of
 * `terraform_data` resources, built into Terraform, so init, plan and apply run offline. The
 * binary is CORDON_TEST_TERRAFORM when set, else tofu or terraform on PATH, else
 * test/support/fake-terraform.js (a stand-in that knows terraform_data only).
 */
const FAKE = path.join(__dirname, '..', 'support', 'fake-terraform.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures');

const root = tmpDir('cordon-gcp-');
const savedEnv = { ...process.env };
let terraform: string;

beforeAll(() => {
  // Hermetic Terraform: no TF_* of the machine (TF_CLI_ARGS, a missing TF_CLI_CONFIG_FILE, ...), an empty CLI configuration, no version check over the network.
  for (const k of Object.keys(process.env)) if (k.startsWith('TF_')) delete process.env[k];
  const rc = path.join(root, 'terraformrc');
  fs.writeFileSync(rc, '');
  process.env.TF_CLI_CONFIG_FILE = rc;
  process.env.CHECKPOINT_DISABLE = '1';
  const explicit = process.env.CORDON_TEST_TERRAFORM;
  if (explicit) terraform = findTerraform(explicit);
  else {
    try {
      terraform = findTerraform();
    } catch {
      terraform = FAKE;
    }
  }
  const version = spawnSync(terraform, ['version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const why = explicit ? 'CORDON_TEST_TERRAFORM' : terraform === FAKE ? 'neither tofu nor terraform is on PATH' : 'on PATH';
  console.log(`GCP deploy tests run against ${terraform} (${why}): ${version}`);
});

afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

let made = 0;

/** A stack folder holding `cdk.tf.json` (terraform_data resources, or raw text), as gated: its sha256 taken now. */
function stack(name: string, config: Record<string, unknown> | string, dependsOn: string[] = []): PlannedStack {
  const dir = path.join(root, `${String(++made).padStart(2, '0')}-${name}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'cdk.tf.json');
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify({ resource: { terraform_data: config } }, null, 2));
  return { name, cloud: 'gcp', tenant: null, environment: null, file, sha256: sha256(fs.readFileSync(file)), dependsOn };
}

const inDir = (s: PlannedStack, name: string) => path.join(path.dirname(s.file), name);

/** What the stack's Terraform state holds: `type.name=input` per resource (input as terraform_data stores it: `{ value, type }`), [] when nothing was applied. */
function applied(s: PlannedStack): string[] {
  const file = inDir(s, 'terraform.tfstate');
  if (!fs.existsSync(file)) return [];
  return readJson(file)
    .resources.map((r: any) => `${r.type}.${r.name}=${JSON.stringify(r.instances[0].attributes.input.value)}`)
    .sort();
}

async function deploy(stacks: PlannedStack[], gate: PlanGate = () => null, options: { concurrency?: number; planOnly?: boolean } = {}) {
  const events: DeployEvent[] = [];
  const results: PlanResult[] = [];
  const host: DeployHost = { event: (e) => events.push(e), confirm: async () => true };
  const schedule = await deployGcpStacks(terraform, stacks, { concurrency: options.concurrency ?? 1, planOnly: options.planOnly ?? false, gate }, host, (r) => results.push(r));
  const status = events.flatMap((e) => (e.kind === 'stack' ? [`${e.stack} ${e.status}`] : []));
  return { schedule, results, events, status };
}

const fileSha = (file: string) => sha256(fs.readFileSync(file));

describe('deployGcpStacks', () => {
  it('applies the saved plan the gate passed, and reports the sha256 of that plan', async () => {
    const s = stack('alpha', { a: { input: 'first' }, b: { input: { nested: [1, 2] } } });
    const judged: { stack: string; file: string; resources: string[]; input: unknown }[] = [];
    const gate: PlanGate = (st, planJson) => {
      const [plan] = loadInputs([planJson]);
      judged.push({ stack: st.name, file: planJson, resources: Object.keys(plan.doc.resources).sort(), input: plan.doc.resources['terraform_data.a'].properties.input });
      return null;
    };
    const { schedule, results, status } = await deploy([s], gate);
    expect(schedule).toEqual({ succeeded: ['alpha'], failed: [], notAttempted: [] });
    // The gate read the plan JSON `show -json` wrote, as a plan (loadInputs), with the planned values.
    expect(judged).toEqual([{ stack: 'alpha', file: inDir(s, PLAN_JSON), resources: ['terraform_data.a', 'terraform_data.b'], input: 'first' }]);
    expect(readJson(inDir(s, PLAN_JSON)).planned_values.root_module.resources.map((r: any) => r.address)).toEqual(['terraform_data.a', 'terraform_data.b']);
    expect(results).toEqual([{ stack: s, outcome: 'deployed', planSha256: fileSha(inDir(s, PLAN_FILE)) }]);
    expect(results[0].planSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(applied(s)).toEqual(['terraform_data.a="first"', 'terraform_data.b={"nested":[1,2]}']);
    expect(status).toEqual(['alpha started', 'alpha deployed']);
  });

  it('applies a plan that the real plan gate (deploy.ts planGate, full bundle) passed', async () => {
    const s = stack('gated', { a: { input: 'through planGate' } });
    const gate = planGate([], [], { root, bundle: bundle(), who: 'test' });
    const { results } = await deploy([s], gate);
    expect(results.map((r) => [r.outcome, r.error])).toEqual([['deployed', undefined]]);
    expect(applied(s)).toEqual(['terraform_data.a="through planGate"']);
  });

  it('applies nothing when the gate refuses the plan, and says why', async () => {
    const s = stack('refused', { a: { input: 'x' } });
    let calls = 0;
    const { schedule, results, status } = await deploy([s], () => (calls++, '1 finding(s) fail the run: ENC-2-GCP google_kms_crypto_key.k'));
    expect(calls).toBe(1);
    expect(results).toEqual([{ stack: s, outcome: 'failed', planSha256: fileSha(inDir(s, PLAN_FILE)), error: 'the gate refused its plan: 1 finding(s) fail the run: ENC-2-GCP google_kms_crypto_key.k' }]);
    expect(schedule.failed.map((f) => [f.name, f.error.message, f.error instanceof DeployError])).toEqual([['refused', 'refused: the gate refused its plan: 1 finding(s) fail the run: ENC-2-GCP google_kms_crypto_key.k', true]]);
    expect(applied(s)).toEqual([]);
    expect(status).toEqual(['refused started', 'refused failed']);
  });

  it('with planOnly stops after the gate: planned, nothing applied', async () => {
    const s = stack('plan-only', { a: { input: 'x' } });
    let calls = 0;
    const { schedule, results, status } = await deploy([s], () => (calls++, null), { planOnly: true });
    expect(calls).toBe(1);
    expect(schedule.succeeded).toEqual(['plan-only']);
    expect(results).toEqual([{ stack: s, outcome: 'planned', planSha256: fileSha(inDir(s, PLAN_FILE)) }]);
    expect(applied(s)).toEqual([]);
    expect(status).toEqual(['plan-only started', 'plan-only planned']);
  });

  it('a skipIfCreating stack (the -deleting one) is applied when its plan changes or destroys what exists, and skipped when it would create', async () => {
    // Applied to the state of a stack deployed before: in place, and destroying what it leaves out, so applied.
    const kept = stack('tenant-prod', { db: { input: 'protected' }, service: { input: 'serving' } });
    await deploy([kept]);
    fs.writeFileSync(kept.file, JSON.stringify({ resource: { terraform_data: { db: { input: 'unprotected' } } } }));
    const unprotect: PlannedStack = { ...kept, name: 'tenant-prod-deleting', sha256: fileSha(kept.file), skipIfCreating: true };
    const inPlace = await deploy([unprotect]);
    expect(inPlace.results.map((r) => r.outcome)).toEqual(['deployed']);
    expect(applied(kept)).toEqual(['terraform_data.db="unprotected"']);
    // What it would unprotect is gone (nothing in its state): it would create, so nothing is applied.
    const gone = { ...stack('gone-prod-deleting', { db: { input: 'unprotected' } }), skipIfCreating: true };
    const skipped = await deploy([gone]);
    expect(skipped.results.map((r) => r.outcome)).toEqual(['skipped']);
    expect(skipped.schedule.succeeded).toEqual(['gone-prod-deleting']);
    expect(skipped.events).toContainEqual(expect.objectContaining({ stack: 'gone-prod-deleting', status: 'skipped', detail: 'not applied: its plan would create terraform_data.db, gone already' }));
    expect(applied(gone)).toEqual([]);
  });

  it('refuses a cdk.tf.json edited after the gate judged it, before Terraform runs', async () => {
    const s = stack('edited', { a: { input: 'gated' } });
    fs.writeFileSync(s.file, JSON.stringify({ resource: { terraform_data: { a: { input: 'not gated' } } } }));
    let calls = 0;
    const { results, events } = await deploy([s], () => (calls++, null));
    expect(results.map((r) => r.outcome)).toEqual(['failed']);
    expect(results[0].error).toBe(`${s.file} changed after the gate judged it (sha256 ${fileSha(s.file).slice(0, 12)}, gated ${s.sha256.slice(0, 12)}); re-run the deploy to gate what is there now`);
    expect(calls).toBe(0);
    // Terraform never ran: no init folder, no plan, no message from it.
    expect(fs.readdirSync(path.dirname(s.file))).toEqual(['cdk.tf.json']);
    expect(events.filter((e) => e.kind === 'cloud')).toEqual([]);
  });

  it('refuses a saved plan replaced between the gate and apply', async () => {
    // A valid plan of another configuration, made in a folder of its own.
    const other = stack('other', { intruder: { input: 'never gated' } });
    const otherDir = path.dirname(other.file);
    for (const args of [['init', '-input=false', '-no-color'], ['plan', '-input=false', '-no-color', `-out=${PLAN_FILE}`]]) {
      const r = spawnSync(terraform, args, { cwd: otherDir, encoding: 'utf8' });
      expect([args[0], r.status]).toEqual([args[0], 0]);
    }
    const swapped = fs.readFileSync(path.join(otherDir, PLAN_FILE));
    const s = stack('swapped', { a: { input: 'gated' } });
    let gatedSha = '';
    // The gate runs between plan and apply: it stands in for whatever replaces the file then.
    const gate: PlanGate = () => {
      gatedSha = fileSha(inDir(s, PLAN_FILE));
      fs.writeFileSync(inDir(s, PLAN_FILE), swapped);
      return null;
    };
    const { results } = await deploy([s], gate);
    expect(gatedSha).not.toBe(sha256(swapped));
    expect(results).toEqual([{ stack: s, outcome: 'failed', planSha256: gatedSha, error: `${inDir(s, PLAN_FILE)} changed after the gate judged it (sha256 ${sha256(swapped).slice(0, 12)}, gated ${gatedSha.slice(0, 12)}); re-run the deploy to gate what is there now` }]);
    expect(applied(s)).toEqual([]);
  });

  it('applies the saved plan, not the configuration as it is at apply time', async () => {
    const s = stack('late-edit', { a: { input: 'gated' } });
    const gate: PlanGate = () => {
      fs.writeFileSync(s.file, JSON.stringify({ resource: { terraform_data: { a: { input: 'edited after the plan' } } } }));
      return null;
    };
    const [r] = (await deploy([s], gate)).results;
    // Terraform applies the saved plan's own snapshot of the configuration; the fake refuses the plan as stale instead.
    if (r.outcome === 'deployed') expect(applied(s)).toEqual(['terraform_data.a="gated"']);
    else expect([r.outcome, r.error, applied(s)]).toEqual(['failed', expect.stringMatching(/ apply failed: Error: Saved plan is stale/), []]);
  });

  it('deploys in dependency order, independent stacks side by side', async () => {
    const b = stack('b', { b: { input: 'b' } }, ['a']);
    const a = stack('a', { a: { input: 'a' } });
    const c = stack('c', { c: { input: 'c' } });
    const { schedule, status } = await deploy([b, a, c], () => null, { concurrency: 2 });
    expect([...schedule.succeeded].sort()).toEqual(['a', 'b', 'c']);
    const started = status.filter((x) => x.endsWith(' started'));
    expect(started.slice(0, 2).sort()).toEqual(['a started', 'c started']);
    expect(started[2]).toBe('b started');
    expect(status.indexOf('b started')).toBeGreaterThan(status.indexOf('a deployed'));
    expect([a, b, c].map(applied)).toEqual([['terraform_data.a="a"'], ['terraform_data.b="b"'], ['terraform_data.c="c"']]);
  });

  it('stops at the first failure: a stack whose dependency failed, and every stack after, is not attempted', async () => {
    const b = stack('b', { b: { input: 'b' } }, ['a']);
    const a = stack('a', '{"resource": {');
    const c = stack('c', { c: { input: 'c' } });
    const { schedule, results, status } = await deploy([b, a, c]);
    expect(schedule.succeeded).toEqual([]);
    expect(schedule.failed.map((f) => f.name)).toEqual(['a']);
    expect(schedule.notAttempted).toEqual(['b', 'c']);
    expect(results.map((r) => [r.stack.name, r.outcome, r.planSha256])).toEqual([['a', 'failed', undefined]]);
    expect(results[0].error).toMatch(/^\S+ init failed: Error: /);
    expect(status).toEqual(['a started', 'a failed']);
    for (const s of [b, c]) expect(fs.readdirSync(path.dirname(s.file))).toEqual(['cdk.tf.json']);
  });

  // Terraform prints warnings before errors (here: a CLI configuration file named but absent); the report must carry the error.
  const failWithWarning = async () => {
    const missing = path.join(root, 'no-such-terraformrc');
    process.env.TF_CLI_CONFIG_FILE = missing;
    try {
      const { results } = await deploy([stack('warned', '{"resource": {')]);
      expect(results.map((r) => r.outcome)).toEqual(['failed']);
      return results[0].error;
    } finally {
      process.env.TF_CLI_CONFIG_FILE = path.join(root, 'terraformrc');
    }
  };

  it('reports why Terraform failed, not the warnings it printed first', async () => {
    expect(await failWithWarning()).toMatch(/ init failed: .*Error: /);
  });
});

describe('the Terraform binary the tests use', () => {
  it('refuses to apply a saved plan twice: the state moved on (stale plan)', () => {
    const s = stack('stale', { a: { input: 'x' } });
    const tf = (...args: string[]) => spawnSync(terraform, args, { cwd: path.dirname(s.file), encoding: 'utf8' });
    expect(tf('init', '-input=false', '-no-color').status).toBe(0);
    expect(tf('plan', '-input=false', '-no-color', '-out=p.tfplan').status).toBe(0);
    expect(tf('apply', '-input=false', '-no-color', 'p.tfplan').status).toBe(0);
    const again = tf('apply', '-input=false', '-no-color', 'p.tfplan');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Error: Saved plan is stale/);
  });
});

describe('findTerraform', () => {
  it('returns the binary named with --terraform when it runs', () => {
    expect(findTerraform(terraform)).toBe(terraform);
  });

  it('throws a DeployError naming --terraform when that binary does not run', () => {
    for (const bad of [path.join(root, 'no-such-terraform'), '/bin/false']) {
      let error: unknown;
      try {
        findTerraform(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DeployError);
      expect((error as Error).message).toBe(`--terraform: ${bad} does not run ("${bad} version" failed)`);
    }
  });

  it('throws a DeployError when neither tofu nor terraform is on PATH', () => {
    const empty = path.join(root, 'empty-bin');
    fs.mkdirSync(empty);
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      expect(() => findTerraform()).toThrow(DeployError);
      expect(() => findTerraform()).toThrow('deploying GCP stacks needs OpenTofu or Terraform: neither tofu nor terraform is on PATH (install one, or name it with --terraform PATH)');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('makes cordon deploy exit 2 before anything is gated or recorded', async () => {
    const out = path.join(root, 'cli-out');
    fs.mkdirSync(out);
    const bad = path.join(root, 'no-such-tofu');
    const res = await cordonAsync(['deploy', '--cloud', 'gcp', '--plan-only', '--terraform', bad, '--out', out]);
    expect(res).toEqual({ code: 2, stdout: '', stderr: `cordon deploy: error: --terraform: ${bad} does not run ("${bad} version" failed)\n` });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

let loaded: PolicyBundle | undefined;
const bundle = () => (loaded ??= loadPolicyBundle());

describe('planGate (deploy.ts): plan JSON of Google resources, full bundle', () => {
  const fixture = (name: string) => path.join(FIXTURES, 'deploy', name);
  const planned = (name: string): PlannedStack => ({ name, cloud: 'gcp', tenant: 'hooli', environment: 'prod', file: path.join(root, 'unused'), sha256: '', dependsOn: [] });
  let registry: Tenant[];
  let keys: LoadedStack;
  let options: DeployOptions;

  beforeAll(() => {
    registry = loadRegistry();
    // hooli's key stack as the configuration gate saw it (Terraform JSON): the rest of the estate.
    [keys] = loadInputs([fixture('hooli-keys.tf.json')]);
    options = { root, bundle: bundle(), who: 'test' };
  });

  it('passes a compliant data plan (bucket with the tenant key, audit sink, data access logs)', () => {
    expect(planGate([keys], registry, options)(planned('hooli-prod'), fixture('hooli-data.plan.json'))).toBeNull();
  });

  it('judges the plan with the estate rules over the rest of the estate', () => {
    // Without hooli's key stack in the estate, the bucket's key cannot be attributed to hooli (ENC-3).
    expect(planGate([], registry, options)(planned('hooli-prod'), fixture('hooli-data.plan.json'))).toBe('1 finding(s) fail the run: ENC-3 google_storage_bucket.documents');
  });

  it('refuses a key that rotates too slowly (ENC-2-GCP)', () => {
    const refused = planGate([], registry, options)(planned('hooli-keys'), fixture('hooli-keys-slow-rotation.plan.json'));
    expect(refused).toMatch(/^\d+ finding\(s\) fail the run: /);
    expect(refused).toContain('ENC-2-GCP google_kms_crypto_key.documents');
  });

  it('refuses the plan fixture of test/fixtures/inputs: a bucket without CMEK (ENC-1-GCP)', () => {
    const refused = planGate([], [], options)(planned('reports'), path.join(FIXTURES, 'inputs', 'plan.json'));
    expect(refused).toMatch(/^5 finding\(s\) fail the run: /);
    expect(refused).toContain('ENC-1-GCP google_storage_bucket.reports');
  });

  it('passes the same key as configuration, with its lifecycle block', () => {
    const gate = planGate([], registry, options);
    expect(gate(planned('hooli-keys'), fixture('hooli-keys.tf.json'))).toBeNull();
  });

  // `terraform show -json` carries no `lifecycle` meta-argument; the gate takes it from the stack's
  // configuration (what Terraform applies), so a compliant key's plan passes, and a configuration
  // without prevent_destroy still fails.
  it('passes the plan of a compliant key (90-day rotation, 30-day destroy window, prevent_destroy in its configuration)', () => {
    expect(planGate([keys], registry, options)(planned('hooli-keys'), fixture('hooli-keys.plan.json'))).toBeNull();
  });

  it('fails closed on a key plan whose configuration was not gated (no prevent_destroy known)', () => {
    expect(planGate([], registry, options)(planned('hooli-keys'), fixture('hooli-keys.plan.json'))).toBe('1 finding(s) fail the run: ENC-6-GCP google_kms_crypto_key.documents');
  });
});

describe('cordon deploy --cloud gcp: stack selection from the cdktf manifest', () => {
  it('deploys a pooled tenant after the platform and its cell, and stops at the first stack Terraform cannot plan', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-gcp-select-'));
    try {
      const result = await deployAll({ root: out, auditLog: path.join(out, 'audit.jsonl'), bundle: loadPolicyBundle(), who: 'test', cloud: 'gcp', tenants: ['hooli'], env: 'prod', planOnly: true, terraform: FAKE }, { event: () => undefined, confirm: async () => true });
      // hooli chose Anthropic: the cell of that profile, not the no-LLM one of its region.
      expect(result.stacks.map((s) => s.name)).toEqual(['cordon-platform-prod', 'cordon-cell-prod-europe-west1-anthropic', 'hooli-prod']);
      // The Google provider cannot be had here: the first stack fails, the rest are not attempted.
      expect(result.outcome).toBe('failed');
      expect(result.failed.map((f) => f.name)).toEqual(['cordon-platform-prod']);
      expect(result.notAttempted).toEqual(['cordon-cell-prod-europe-west1-anthropic', 'hooli-prod']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('cordon deploy --cloud gcp: an offboarded tenant whose data is still deployed', () => {
  it('is deleted through its -deleting stack (gated, unprotected, skipIfCreating), planned before its tombstone, until a run has applied both', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-gcp-deleting-'));
    try {
      const registryDir = path.join(out, 'tenants');
      fs.cpSync(path.join(__dirname, '..', '..', 'infra', 'tenants'), registryDir, { recursive: true });
      fs.appendFileSync(path.join(registryDir, 'umbrella.yaml'), 'status: offboarded\noffboarding: { request: req-2026-12-01-0ff0ff00, approvedAt: "2026-12-01", dataUntil: "2026-12-02" }\n');
      const auditLog = path.join(out, 'audit.jsonl');
      const at = { run: 'earlier', sha256: '0'.repeat(64), tenant: 'umbrella', environment: 'prod' };
      const record = DeploymentRecord.open(auditLog);
      record.append({ event: 'deploy.stack', run: 'earlier', stack: { name: 'umbrella-prod', cloud: 'gcp', ...at }, outcome: 'deployed' });
      record.close();
      const plan = () => deployAll({ root: out, registryDir, auditLog, bundle: loadPolicyBundle(), who: 'test', cloud: 'gcp', tenants: ['umbrella'], env: 'prod', planOnly: true, terraform: FAKE }, { event: () => undefined, confirm: async () => true });
      const first = await plan();
      // The gate passed both forms (the -deleting one only because the tenant is deleting); the deploy would apply them in this order.
      expect(first.report.summary.passed).toBe(true);
      expect(first.stacks.map((s) => [s.name, s.skipIfCreating ?? false])).toEqual([['cordon-platform-prod', false], ['umbrella-prod-deleting', true], ['umbrella-prod', false]]);
      // Once a run has applied the tombstone after it (recorded as removed), it is never built again.
      const done = DeploymentRecord.open(auditLog);
      done.append({ event: 'deploy.stack', run: 'later', stack: { name: 'umbrella-prod-deleting', cloud: 'gcp', ...at }, outcome: 'removed' });
      done.close();
      expect((await plan()).stacks.map((s) => s.name)).toEqual(['cordon-platform-prod', 'umbrella-prod']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('retiringStacks (deploy.ts): GCP stacks that left the estate', () => {
  it('names every GCP stack cordon deployed that the estate no longer holds and removes none, even of a leaving tenant; clouds not gated are not judged', () => {
    const out = path.join(root, 'retiring', 'cdktf.out');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { 'hooli-prod': { name: 'hooli-prod', synthesizedStackPath: 'stacks/hooli-prod/cdk.tf.json' } } }));
    const at = { run: 'r1', at: '2026-12-01T00:00:00.000Z', sha256: '0'.repeat(64) };
    const recorded = new Map([
      ['hooli-prod', { ...at, name: 'hooli-prod', cloud: 'gcp' as const, tenant: 'hooli', environment: 'prod' }],
      ['hooli-staging', { ...at, name: 'hooli-staging', cloud: 'gcp' as const, tenant: 'hooli', environment: 'staging' }],
      ['cordon-cell-prod-us-east4', { ...at, name: 'cordon-cell-prod-us-east4', cloud: 'gcp' as const, tenant: null, environment: 'prod' }],
      ['globex-prod-edge', { ...at, name: 'globex-prod-edge', cloud: 'aws' as const, tenant: 'globex', environment: 'prod', region: 'us-east-1' }],
    ]);
    // hooli is leaving: an AWS stack of it would be removed; a GCP one is only named.
    const registry = loadRegistry().map((t) => (t.id === 'hooli' ? { ...t, status: 'offboarding' as const } : t));
    expect(retiringStacks(recorded, registry, [{ cloud: 'gcp', dir: out }], {})).toEqual({ remove: [], keep: ['hooli-staging', 'cordon-cell-prod-us-east4'] });
    expect(retiringStacks(recorded, registry, [{ cloud: 'gcp', dir: out }], { env: 'prod' })).toEqual({ remove: [], keep: ['cordon-cell-prod-us-east4'] });
    expect(retiringStacks(recorded, registry, [{ cloud: 'gcp', dir: out }], { tenants: ['hooli'] })).toEqual({ remove: [], keep: ['hooli-staging'] });
  });
});
