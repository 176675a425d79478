import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../toolchain/policy-sources';
import { DeployError } from './errors';
import { DeployHost } from './host';
import { PlannedStack, verifyArtifact } from './plan';
import { runInOrder, ScheduleResult } from './schedule';

/** Names of the saved plan and its JSON, written in each stack's working directory. */
export const PLAN_FILE = 'cordon.tfplan';
export const PLAN_JSON = 'cordon.tfplan.json';

export interface PlanResult {
  readonly stack: PlannedStack;
  /** skipped: a skipIfCreating stack whose plan would create something; nothing applied. */
  readonly outcome: 'deployed' | 'failed' | 'planned' | 'skipped';
  /** sha256 of the saved plan the gate judged (and, when deployed, that was applied). */
  readonly planSha256?: string;
  readonly error?: string;
}

/** Judges one stack's plan JSON; returns null when it passes, else why not (one line). */
export type PlanGate = (stack: PlannedStack, planJson: string) => string | null;

/**
 * The Terraform binary: `explicit` when given (`--terraform`), else `tofu` or `terraform` on PATH.
 * Its absence is an error, never a skip.
 */
export function findTerraform(explicit?: string): string {
  const candidates = explicit ? [explicit] : ['tofu', 'terraform'];
  for (const bin of candidates) {
    const res = spawnSync(bin, ['version'], { encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1' } });
    if (!res.error && res.status === 0) return bin;
  }
  throw new DeployError(explicit ? `--terraform: ${explicit} does not run ("${explicit} version" failed)` : 'deploying GCP stacks needs OpenTofu or Terraform: neither tofu nor terraform is on PATH (install one, or name it with --terraform PATH)');
}

/**
 * Deploys cdktf stacks the way HCP Terraform does, so the plan that is checked is the plan that is
 * applied: per stack `init` -> `plan -out` -> `show -json` -> gate that plan JSON -> `apply` of
 * that saved plan file only, re-hashed just before. With `planOnly` it stops after the gate.
 */
export async function deployGcpStacks(
  terraform: string,
  stacks: readonly PlannedStack[],
  options: { readonly concurrency: number; readonly planOnly: boolean; readonly gate: PlanGate },
  host: DeployHost,
  onResult: (r: PlanResult) => void,
): Promise<ScheduleResult> {
  return runInOrder(stacks, options.concurrency, async (stack) => {
    host.event({ kind: 'stack', stack: stack.name, status: 'started' });
    const dir = path.dirname(stack.file);
    const tf = (...args: string[]) => run(terraform, args, dir, stack.name, host);
    let planSha256: string | undefined;
    try {
      verifyArtifact(stack.name, stack.file, stack.sha256);
      await tf('init', '-input=false', '-no-color');
      await tf('plan', '-input=false', '-no-color', `-out=${PLAN_FILE}`);
      const planJson = path.join(dir, PLAN_JSON);
      // Hashed before it is shown and judged: a plan swapped in after this point is refused at apply.
      planSha256 = sha256(fs.readFileSync(path.join(dir, PLAN_FILE)));
      fs.writeFileSync(planJson, await tf('show', '-json', '-no-color', PLAN_FILE));
      const refused = options.gate(stack, planJson);
      if (refused) throw new DeployError(`the gate refused its plan: ${refused}`);
      const created = stack.skipIfCreating ? creates(planJson) : [];
      if (created.length > 0) {
        onResult({ stack, outcome: 'skipped', planSha256 });
        host.event({ kind: 'stack', stack: stack.name, status: 'skipped', detail: `not applied: its plan would create ${created.slice(0, 3).join(', ')}${created.length > 3 ? ', …' : ''}, gone already` });
        return;
      }
      if (options.planOnly) {
        onResult({ stack, outcome: 'planned', planSha256 });
        host.event({ kind: 'stack', stack: stack.name, status: 'planned' });
        return;
      }
      verifyArtifact(stack.name, path.join(dir, PLAN_FILE), planSha256);
      await tf('apply', '-input=false', '-no-color', PLAN_FILE);
      onResult({ stack, outcome: 'deployed', planSha256 });
      host.event({ kind: 'stack', stack: stack.name, status: 'deployed' });
    } catch (e) {
      const message = (e as Error).message;
      const error = message.startsWith(`${stack.name}: `) ? message.slice(stack.name.length + 2) : message;
      onResult({ stack, outcome: 'failed', planSha256, error });
      host.event({ kind: 'stack', stack: stack.name, status: 'failed', detail: error });
      throw new DeployError(`${stack.name}: ${error}`);
    }
  });
}

/** Runs one Terraform command; resolves with its stdout, rejects with the last lines it printed. */
function run(bin: string, args: string[], cwd: string, stack: string, host: DeployHost): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' } });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new DeployError(`${bin} ${args[0]}: ${e.message}`)));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0) {
        if (args[0] !== 'show') host.event({ kind: 'cloud', stack, level: 'info', message: `${bin} ${args[0]} done` });
        return resolve(stdout);
      }
      // Terraform prints warnings before errors: report from the first `Error:` diagnostic on.
      const said = (err || stdout).split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
      const from = Math.max(0, said.findIndex((l) => l.startsWith('Error:')));
      reject(new DeployError(`${bin} ${args[0]} failed: ${said.slice(from, from + 3).join(' ') || `exit ${code}`}`));
    });
  });
}

/** The addresses a plan JSON would create (a replacement included). */
function creates(planJsonFile: string): string[] {
  const plan = JSON.parse(fs.readFileSync(planJsonFile, 'utf8')) as { resource_changes?: { address?: string; change?: { actions?: string[] } }[] };
  return (plan.resource_changes ?? []).filter((c) => c.change?.actions?.includes('create')).map((c) => c.address ?? '?');
}
