import { spawnSync } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deletingStackName, stackName } from '../../infra/platform';
import { loadRegistry } from '../../infra/registry/load';
import { Cloud, CLOUDS, Environment, Tenant } from '../../infra/registry/tenant';
import { defaultAuditLog } from '../audit/log';
import { EstateOutput, gateEstate, markDeleting } from '../gate/estate';
import { runGate } from '../gate/gate';
import { loadInputs } from '../gate/inputs';
import { LoadedStack, Report } from '../gate/model';
import { renderJson } from '../gate/outputs/json';
import { PolicyBundle } from '../gate/policy';
import { Waiver } from '../gate/waivers';
import { writeFileAtomic } from '../store/files';
import { sha256 } from '../toolchain/policy-sources';
import { assemblyStacks, deployAwsStacks, removeAwsStacks, RetiringStack } from './aws';
import { DeployError } from './errors';
import { deployGcpStacks, findTerraform, PlanGate } from './gcp';
import { DeployHost } from './host';
import { PlannedStack } from './plan';
import { DeploymentRecord, lastDeployed, RunOutcome, StackOutcome, StackRecord, StoredEntry } from './record';

/** The most stacks deployed at once: CloudFormation and Terraform backends throttle well before this. */
export const MAX_CONCURRENCY = 16;

export interface DeployOptions {
  /** Tenant registry folder. @default infra/tenants */
  readonly registryDir?: string;
  /** Folder holding `cdk.out` and `cdktf.out`. */
  readonly root: string;
  readonly bundle: PolicyBundle;
  readonly waivers?: readonly Waiver[];
  /** `--fail-on` terms, as for `cordon check`. @default mandatory,unverifiable */
  readonly failOn?: readonly string[];
  readonly today?: string;
  /** Only this cloud. @default the clouds of the selected tenants, else both */
  readonly cloud?: Cloud;
  /** Only these tenants' stacks and the stacks they depend on. @default every stack */
  readonly tenants?: readonly string[];
  /** Only this environment's stacks. @default both */
  readonly env?: Environment;
  /** Independent stacks deployed at once, 1–16. @default 1 */
  readonly concurrency?: number;
  /** Gate and record the plan; touch no cloud (GCP still runs `terraform plan`, which reads state). @default false */
  readonly planOnly?: boolean;
  /** Who deploys, for the record. */
  readonly who: string;
  /** The audit log the run is recorded in. @default ROOT/.cordon/audit.jsonl */
  readonly auditLog?: string;
  /** OpenTofu or Terraform binary for GCP stacks. @default tofu or terraform on PATH */
  readonly terraform?: string;
}

export interface DeployResult {
  readonly run: string;
  readonly outcome: RunOutcome;
  readonly report: Report;
  /** The gate report of this run as written, whose sha256 the record holds. */
  readonly reportFile: string;
  readonly outputs: readonly EstateOutput[];
  /** Every stack selected, in the order given to the deployers. */
  readonly stacks: readonly PlannedStack[];
  readonly deployed: readonly string[];
  /** Stacks of offboarding or offboarded tenants that left the estate, then an offboarded tenant's key stacks (deployed, then removed: its keys scheduled for deletion): removed (or, with --plan-only, to be removed). */
  readonly removing: readonly string[];
  readonly removed: readonly string[];
  /** Stacks cordon deployed that left the estate but are kept (their tenant is active, or they are platform stacks): a person decides. */
  readonly leftInPlace: readonly string[];
  readonly failed: readonly { readonly name: string; readonly error: string }[];
  readonly notAttempted: readonly string[];
  /** CloudFormation outputs per deployed AWS stack. */
  readonly stackOutputs: Readonly<Record<string, Record<string, string>>>;
  /** Earlier runs found unfinished (their process was killed) and closed as interrupted. */
  readonly interrupted: readonly string[];
}

/** Who is deploying when `--as` is not given: the git user, else the OS user. */
export function defaultDeployer(cwd: string): string {
  const git = (key: string) => spawnSync('git', ['config', key], { cwd, encoding: 'utf8' }).stdout?.trim();
  const email = git('user.email');
  const name = git('user.name');
  if (email) return name ? `${name} <${email}>` : email;
  return process.env.USER ?? 'unknown';
}

/**
 * Synthesizes the selected clouds' estate, gates it with the same bundle, waivers and estate rules
 * as `cordon check`, and deploys the selected stacks only when the gate passed, each artifact
 * re-hashed against the gate right before it reaches the cloud. Every run is written to the
 * deployment record as it goes, so a killed run is found and closed as interrupted by the next.
 */
export async function deploy(options: DeployOptions, host: DeployHost): Promise<DeployResult> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new DeployError(`--concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, received ${concurrency}`);
  }
  const registry = loadRegistry(options.registryDir);
  const clouds = selectClouds(registry, options);
  const terraform = clouds.includes('gcp') ? findTerraform(options.terraform) : undefined;
  const recordFile = options.auditLog ?? defaultAuditLog(options.root);
  const record = DeploymentRecord.open(recordFile);
  try {
    const interrupted = record.closeInterrupted();
    const run = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    // What each stack was last deployed as: read once, for the stacks to delete and their records.
    const recorded = lastDeployed(record.all);
    const deleting = deletingTenants(registry, recorded, record.all);
    host.event({ kind: 'phase', message: `gating the ${clouds.join(' and ')} estate` });
    const gated = gateEstate(options.bundle, { registry, root: options.root, clouds, deleting, waivers: options.waivers, failOn: options.failOn, today: options.today, onPhase: (message) => host.event({ kind: 'phase', message }) });
    const reportFile = path.join(path.dirname(recordFile), 'reports', `${run}.json`);
    fs.mkdirSync(path.dirname(reportFile), { recursive: true });
    const reportText = renderJson(gated.report);
    writeFileAtomic(reportFile, reportText);

    const { deploy: stacks, shred, gone } = tombstoneStacks(gated.report.summary.passed ? selectStacks(gated.stacks, gated.outputs, clouds, registry, options) : [], recorded, registry);
    for (const name of gone) host.event({ kind: 'cloud', stack: name, level: 'info', message: 'an offboarded tenant\'s keys, not deployed (or already shredded): left out' });
    const retiring = gated.report.summary.passed ? retiringStacks(recorded, registry, gated.outputs, options) : { remove: [], keep: [] };
    const [remove, keep] = [[...retiring.remove, ...shred], retiring.keep];
    for (const name of keep) host.event({ kind: 'cloud', stack: name, level: 'warn', message: 'left the estate but is kept: its tenant is active (or it is a platform or GCP stack), so removing it is a decision for a person' });
    const records: StackRecord[] = stacks.map((s) => ({ name: s.name, cloud: s.cloud, sha256: s.sha256, tenant: s.tenant, environment: s.environment, ...(s.region && { region: s.region }) }));
    const start = (passed: boolean) =>
      record.append({
        event: 'deploy.start',
        run,
        who: options.who,
        clouds,
        selection: { tenants: options.tenants ?? [], env: options.env ?? null },
        bundleSha256: options.bundle.manifest.wasmSha256,
        reportSha256: sha256(reportText),
        report: path.relative(path.dirname(recordFile), reportFile),
        passed,
        planOnly: options.planOnly ?? false,
        stacks: records,
      });
    const removing = remove.map((s) => s.name);
    const result = { run, report: gated.report, reportFile, outputs: gated.outputs, stacks, removing, leftInPlace: keep, stackOutputs: {} as Record<string, Record<string, string>>, interrupted };
    const finish = (outcome: RunOutcome, deployed: string[] = [], failed: { name: string; error: string }[] = [], notAttempted: string[] = [], removed: string[] = []) => {
      record.append({ event: 'deploy.end', run, outcome, deployed, failed: failed.map((f) => f.name), notAttempted, ...(removed.length > 0 && { removed }) });
      return { ...result, outcome, deployed, failed, notAttempted, removed };
    };

    if (!gated.report.summary.passed) {
      start(false);
      return finish('refused');
    }
    if (stacks.length === 0 && remove.length === 0) {
      throw new DeployError(`nothing to deploy: ${gone.length > 0 ? `${describeSelection(clouds, options)} holds only the keys of offboarded tenants, already shredded` : `no stack of ${describeSelection(clouds, options)} was synthesized`}`);
    }
    if (!options.planOnly && !(await host.confirm(stacks, removing))) {
      start(true);
      return finish('declined');
    }
    start(true);

    const deployed: string[] = [];
    const failed: { name: string; error: string }[] = [];
    const stackEntry = (stack: PlannedStack, outcome: StackOutcome, extra: { sha256?: string; templateDigest?: string; outputs?: Record<string, string>; error?: string } = {}) => {
      const digest = extra.templateDigest ? { templateDigest: extra.templateDigest } : {};
      const where = { tenant: stack.tenant, environment: stack.environment, ...(stack.region && { region: stack.region }) };
      record.append({ event: 'deploy.stack', run, stack: { name: stack.name, cloud: stack.cloud, sha256: extra.sha256 ?? stack.sha256, ...digest, ...where }, outcome, ...(extra.outputs && { outputs: extra.outputs }), ...(extra.error && { error: extra.error }) });
      if (outcome === 'deployed') deployed.push(stack.name);
      if (outcome === 'failed') failed.push({ name: stack.name, error: extra.error ?? 'failed' });
    };
    const notAttempted: string[] = [];
    const deployAws = async (list: readonly PlannedStack[]) => {
      if (list.length === 0) return;
      if (failed.length > 0) return void notAttempted.push(...list.map((s) => s.name));
      if (options.planOnly) return list.forEach((s) => stackEntry(s, 'planned'));
      const dir = gated.outputs.find((o) => o.cloud === 'aws')!.dir;
      const r = await deployAwsStacks(dir, list, concurrency, host, ({ stack, outcome, outputs, templateDigest, error }) => {
        if (outputs) result.stackOutputs[stack.name] = outputs;
        stackEntry(stack, outcome, { outputs, templateDigest, error });
      });
      notAttempted.push(...r.notAttempted);
    };
    const removed: string[] = [];
    const removeAws = async (list: readonly RetiringStack[]) => {
      if (list.length === 0 || options.planOnly) return;
      if (failed.length > 0) return void notAttempted.push(...list.map((s) => s.name));
      const r = await removeAwsStacks(list, host, (name, outcome, error, emptied) => {
        // As deployed last: in this run for a tombstone's stack, else in an earlier one.
        const last = records.find((x) => x.name === name) ?? recorded.get(name)!;
        const data = emptied && Object.keys(emptied).length > 0 ? { emptied } : {};
        record.append({ event: 'deploy.stack', run, stack: { name, cloud: 'aws', sha256: last.sha256, tenant: last.tenant, environment: last.environment, region: last.region }, outcome, ...(error && { error }), ...data });
        if (outcome === 'removed') removed.push(name);
        else failed.push({ name, error: error ?? 'failed' });
      });
      notAttempted.push(...r.notAttempted);
    };
    const shredding = new Set(shred.map((s) => s.name));
    await deployAws(stacks.filter((s) => s.cloud === 'aws' && !shredding.has(s.name)));
    const gcp = stacks.filter((s) => s.cloud === 'gcp');
    if (gcp.length > 0 && failed.length === 0) {
      const gate = planGate(gated.stacks, markDeleting(registry, deleting), options);
      const r = await deployGcpStacks(terraform!, gcp, { concurrency, planOnly: options.planOnly ?? false, gate }, host, ({ stack, outcome, planSha256, error }) => stackEntry(stack, outcome, { sha256: planSha256, error }));
      notAttempted.push(...r.notAttempted);
      // A `-deleting` stack is done once its tombstone was applied after it: recorded as removed, never built again.
      for (const s of gcp.filter((x) => x.skipIfCreating && deployed.includes(stackName(x.tenant!, x.environment as Environment)))) {
        record.append({ event: 'deploy.stack', run, stack: { name: s.name, cloud: 'gcp', sha256: s.sha256, tenant: s.tenant, environment: s.environment }, outcome: 'removed' });
        host.event({ kind: 'stack', stack: s.name, status: 'removed', detail: 'its tombstone, applied after it, destroyed the data it unprotected' });
        removed.push(s.name);
      }
    } else if (gcp.length > 0) {
      notAttempted.push(...gcp.map((s) => s.name));
    }
    // Removal comes once everything the estate still holds is in place. An offboarded tenant's stacks
    // are deployed as gated only then (its data stack marked for deletion, its keys disabled), and
    // removed last, dependents first: the keys' stack goes after the stacks that imported its keys
    // (CloudFormation keeps an export in use).
    await removeAws(retiring.remove);
    await deployAws(stacks.filter((s) => shredding.has(s.name)));
    await removeAws(shred);
    // A tombstone's key stack not deployed is not removed either: named once.
    const skipped = [...new Set(notAttempted)];
    for (const name of skipped) {
      const stack = stacks.find((s) => s.name === name);
      if (stack) stackEntry(stack, 'not-attempted');
    }
    const outcome: RunOutcome = failed.length > 0 ? 'failed' : options.planOnly ? 'planned' : 'succeeded';
    return finish(outcome, deployed, failed, skipped, removed);
  } finally {
    record.close();
  }
}

/**
 * Stacks cordon deployed that the estate of the gated clouds no longer holds, within the selection
 * (--tenant, --env). Only AWS stacks of a tenant the registry marks offboarding or offboarded are
 * removed: that departure was approved by two people. Any other (an active tenant's, a platform
 * stack, one recorded before records named tenant and region, or any GCP stack, whose configuration
 * left with it) is kept and named, never deleted on inference.
 */
export function retiringStacks(recorded: ReturnType<typeof lastDeployed>, registry: readonly Tenant[], outputs: readonly Pick<EstateOutput, 'cloud' | 'dir'>[], options: Pick<DeployOptions, 'env' | 'tenants'>): { remove: RetiringStack[]; keep: string[] } {
  const present = new Set(outputs.flatMap((o) => (o.cloud === 'aws' ? assemblyStacks(o.dir) : cdktfStacks(o.dir)).map((s) => s.name)));
  const gated = new Set(outputs.map((o) => o.cloud));
  const tenants = new Map(registry.map((t) => [t.id, t]));
  const remove: RetiringStack[] = [];
  const keep: string[] = [];
  for (const [name, last] of recorded) {
    if (!gated.has(last.cloud) || present.has(name)) continue;
    if (options.env && last.environment !== undefined && last.environment !== options.env) continue;
    if (options.tenants?.length && !(last.tenant && options.tenants.includes(last.tenant))) continue;
    const tenant = last.tenant ? tenants.get(last.tenant) : undefined;
    if (last.cloud === 'aws' && tenant && (tenant.status === 'offboarding' || tenant.status === 'offboarded') && last.region) remove.push({ name, region: last.region, tenant: tenant.id });
    else keep.push(name);
  }
  // In the reverse of the order they were first deployed in: a stack was deployed after what it depends on, so it goes first.
  return { remove: remove.reverse(), keep };
}

/**
 * Offboarded tenants whose data the record says is still deployed: the synthesis builds it for
 * deletion (infra/units.ts AppBuild) so the deploy can delete it. On AWS, while its data stack is
 * recorded (its removal ends that); on GCP, where the tenant's stack stays as the tombstone, until a
 * run has applied the tombstone after its `-deleting` stack and recorded that one removed.
 */
function deletingTenants(registry: readonly Tenant[], recorded: ReturnType<typeof lastDeployed>, entries: readonly StoredEntry[]): Set<string> {
  const finished = new Set(entries.flatMap((e) => (e.event === 'deploy.stack' && e.outcome === 'removed' ? [e.stack.name] : [])));
  const holdsData = (t: Tenant, name: string) => recorded.has(name) && (t.cloud === 'aws' || !finished.has(deletingStackName(name)));
  return new Set(registry.filter((t) => t.status === 'offboarded' && t.environments.some((env) => holdsData(t, stackName(t.id, env)))).map((t) => t.id));
}

/**
 * An offboarded tenant's AWS stacks (its keys, disabled; while it is deleting, its data stack; all
 * deletable, RET-5-AWS) are shredded: each one deployed before is deployed as gated, so CloudFormation
 * holds the `Delete` policies, then removed after everything else, which deletes its data and
 * schedules the keys' deletion (their PendingWindowInDays). One not deployed, or removed by an earlier
 * run, is left out: there is nothing in the cloud to shred, and deploying it would create it.
 */
function tombstoneStacks(selected: readonly PlannedStack[], recorded: ReturnType<typeof lastDeployed>, registry: readonly Tenant[]): { deploy: PlannedStack[]; shred: RetiringStack[]; gone: string[] } {
  const offboarded = new Set(registry.filter((t) => t.status === 'offboarded').map((t) => t.id));
  const tombstone = (s: PlannedStack) => s.cloud === 'aws' && s.tenant !== null && offboarded.has(s.tenant);
  const deploy = selected.filter((s) => !tombstone(s) || recorded.has(s.name));
  const shred = deploy.filter(tombstone).map((s) => ({ name: s.name, region: s.region!, tenant: s.tenant! }));
  return { deploy, shred: shred.reverse(), gone: selected.filter((s) => tombstone(s) && !recorded.has(s.name)).map((s) => s.name) };
}

function selectClouds(registry: readonly Tenant[], options: DeployOptions): Cloud[] {
  const known = new Map(registry.map((t) => [t.id, t]));
  for (const id of options.tenants ?? []) {
    const t = known.get(id);
    if (!t) throw new DeployError(`--tenant: no tenant "${id}" in the registry; it has ${[...known.keys()].sort().join(', ')}`);
    if (options.cloud && t.cloud !== options.cloud) throw new DeployError(`--tenant: ${id} is a ${t.cloud} tenant, but --cloud is ${options.cloud}`);
    if (options.env && !t.environments.includes(options.env)) throw new DeployError(`--tenant: ${id} has no ${options.env} environment (it has ${t.environments.join(', ')})`);
  }
  if (options.cloud) return [options.cloud];
  if (options.tenants?.length) return CLOUDS.filter((c) => options.tenants!.some((id) => known.get(id)!.cloud === c));
  return [...CLOUDS];
}

/**
 * The stacks to deploy: those of the selected clouds and environment, narrowed to the selected
 * tenants' stacks and every stack they depend on (platform, cell, keys), each listed after its
 * dependencies (the order a deploy at concurrency 1 follows).
 */
function selectStacks(loaded: readonly LoadedStack[], outputs: readonly EstateOutput[], clouds: readonly Cloud[], registry: readonly Tenant[], options: DeployOptions): PlannedStack[] {
  const byName = new Map(loaded.map((s) => [s.doc.stack.name, s]));
  // A stack's tenant and environment come from its resources' labels; a stack with none that carry
  // them (a GCP tombstone: a key ring, which takes no labels) is known by its conventional name.
  const named = new Map<string, { tenant: string; environment: Environment; forDeletion: boolean }>();
  for (const t of registry) {
    for (const environment of t.environments) {
      named.set(stackName(t.id, environment), { tenant: t.id, environment, forDeletion: false });
      named.set(deletingStackName(stackName(t.id, environment)), { tenant: t.id, environment, forDeletion: true });
    }
  }
  const all: PlannedStack[] = [];
  for (const cloud of clouds) {
    const dir = outputs.find((o) => o.cloud === cloud)!.dir;
    for (const m of cloud === 'aws' ? assemblyStacks(dir) : cdktfStacks(dir)) {
      const s = byName.get(m.name);
      // The file the deploy tool will read must be the very file the gate judged.
      if (!s || path.resolve(s.file) !== path.resolve(m.templateFile)) throw new DeployError(`${m.name}: the ${cloud} manifest names ${path.relative(process.cwd(), m.templateFile)}, which the gate did not judge; refusing to deploy it`);
      const own = named.get(m.name);
      const tenant = s.doc.stack.tenant ?? own?.tenant ?? null;
      const environment = s.doc.stack.environment ?? own?.environment ?? null;
      const skipIfCreating = cloud === 'gcp' && own?.forDeletion === true;
      all.push({ name: m.name, cloud, tenant, environment, file: s.file, sha256: s.sha256, dependsOn: m.dependsOn, ...('region' in m && m.region && { region: m.region }), ...(skipIfCreating && { skipIfCreating }) });
    }
  }
  const inEnv = all.filter((s) => !options.env || s.environment === options.env);
  const wanted = new Set(options.tenants ?? []);
  const roots = wanted.size > 0 ? inEnv.filter((s) => s.tenant && wanted.has(s.tenant)) : inEnv;
  // Depth-first from the selected stacks: each stack after everything it depends on.
  const index = new Map(inEnv.map((s) => [s.name, s]));
  const ordered: PlannedStack[] = [];
  const seen = new Set<string>();
  const visit = (s: PlannedStack) => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    for (const d of s.dependsOn) if (index.has(d)) visit(index.get(d)!);
    ordered.push(s);
  };
  roots.forEach(visit);
  return ordered;
}

/** The stacks of a cdktf output folder with their configuration files and declared dependencies. */
function cdktfStacks(dir: string): { name: string; templateFile: string; dependsOn: string[] }[] {
  let manifest: { stacks?: Record<string, { dependencies?: string[]; synthesizedStackPath?: string }> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new DeployError(`${dir}: not a readable cdktf output (${(e as Error).message})`);
  }
  return Object.entries(manifest.stacks ?? {}).map(([name, s]) => ({ name, templateFile: path.join(dir, s.synthesizedStackPath ?? `stacks/${name}/cdk.tf.json`), dependsOn: s.dependencies ?? [] }));
}

/**
 * Gates one stack's plan JSON in place of its configuration, with the estate rules over the rest of
 * the estate. A plan JSON carries no `lifecycle` meta-arguments; Terraform applies those of the
 * configuration, which the gate judged (and the deployer re-hashed), so they are taken from there.
 */
export function planGate(gated: readonly LoadedStack[], registry: readonly Tenant[], options: DeployOptions): PlanGate {
  return (stack, planJson) => {
    const [read] = loadInputs([planJson]);
    const config = gated.find((s) => s.doc.stack.name === stack.name)?.doc.resources ?? {};
    const resources = Object.fromEntries(
      Object.entries(read.doc.resources).map(([address, r]) => {
        const lifecycle = config[address]?.properties.lifecycle;
        return [address, lifecycle === undefined ? r : { ...r, properties: { ...r.properties, lifecycle } }];
      }),
    );
    const plan: LoadedStack = { ...read, doc: { ...read.doc, stack: { ...read.doc.stack, name: stack.name }, resources } };
    const rest = gated.filter((s) => s.doc.stack.name !== stack.name);
    const report = runGate([plan], options.bundle, { registry, estate: [plan, ...rest], waivers: options.waivers, failOn: options.failOn, today: options.today });
    if (report.summary.passed) return null;
    const failing = report.findings.filter((f) => f.status === 'open');
    return `${report.summary.failing} finding(s) fail the run: ${failing.slice(0, 3).map((f) => `${f.rule} ${f.resource}`).join(', ')}${failing.length > 3 ? ', …' : ''}`;
  };
}

function describeSelection(clouds: readonly Cloud[], options: DeployOptions): string {
  return [`cloud ${clouds.join('/')}`, options.tenants?.length ? `tenants ${options.tenants.join(', ')}` : '', options.env ? `environment ${options.env}` : ''].filter(Boolean).join(', ');
}
