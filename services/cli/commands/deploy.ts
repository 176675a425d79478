import * as path from 'path';
import { parseArgs } from 'util';
import { CLOUDS, Cloud, ENVIRONMENTS, Environment } from '../../../infra/registry/tenant';
import { outputNote } from '../../gate/estate';
import { writeOutputs } from '../../gate/outputs';
import { defaultDeployer, deploy as runDeploy, DeployResult, MAX_CONCURRENCY } from '../../deploy/deploy';
import { DeployError } from '../../deploy/errors';
import { ROOT } from '../../toolchain/paths';
import { GATE_OPTIONS, gateSettings } from '../gate-settings';
import { Io } from '../io';
import { canConfirm, deployHost } from '../deploy-host';
import { progress } from '../progress';

export const DEPLOY_USAGE = `usage: cordon deploy [--cloud aws|gcp] [--tenant ID]... [--env prod|staging] [--concurrency N]
                     [--plan-only] [--yes] [--as WHO] [--terraform PATH] [--audit-log FILE]
                     [--registry DIR] [--out DIR] [--fail-on TERMS [--allow-unverifiable]] [--waivers FILE] [--bundle DIR] [--policies DIR]

  Synthesizes the selected clouds' estate, gates it exactly as cordon check does, and deploys the
  selected stacks only when the gate passes. Each template (AWS) or saved plan (GCP) is re-hashed
  right before it reaches the cloud and refused if it is not what the gate judged.
  AWS goes through the CDK toolkit library, configured only by the AWS SDK's standard settings
  (credentials, AWS_REGION, AWS_ENDPOINT_URL...); GCP per stack through init, plan -out, show -json,
  the gate on that plan, and apply of that saved plan.

  --cloud        only this cloud (default: the selected tenants' clouds, else both)
  --tenant       only this tenant's stacks and those they depend on; repeatable
  --env          only this environment's stacks
  --concurrency  independent stacks deployed at once, 1-${MAX_CONCURRENCY} (default 1)
  --plan-only    gate and record the plan; deploy nothing
  --yes          do not ask for confirmation (required when CI is set)
  --as           who deploys, for the record (default the git user)
  --terraform    OpenTofu or Terraform binary for GCP (default tofu or terraform on PATH)
  --audit-log    the hash-chained audit log the run is recorded in (default .cordon/audit.jsonl)

  exit 0 deployed (or planned), 1 the gate refused or nobody confirmed (nothing deployed),
  2 usage error, evaluation error or a failed deploy (the record says which stacks were deployed)`;

export async function deploy(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${DEPLOY_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      cloud: { type: 'string' },
      tenant: { type: 'string', multiple: true },
      env: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
      'plan-only': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      as: { type: 'string' },
      terraform: { type: 'string' },
      'audit-log': { type: 'string' },
      registry: { type: 'string' },
      out: { type: 'string', default: ROOT },
      ...GATE_OPTIONS,
    },
  });
  const cloud = oneOf('--cloud', values.cloud, CLOUDS) as Cloud | undefined;
  const env = oneOf('--env', values.env, ENVIRONMENTS) as Environment | undefined;
  if (!/^\d+$/.test(values.concurrency!)) throw new DeployError(`--concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, received "${values.concurrency}"`);
  const planOnly = values['plan-only']!;
  if (!planOnly) canConfirm(io, values.yes!);
  const settings = gateSettings(values);
  const root = path.resolve(values.out!);

  const show = progress(io);
  const host = deployHost(io, show, values.yes!);
  let result: DeployResult;
  try {
    result = await runDeploy(
      { ...settings, root, registryDir: values.registry && path.resolve(values.registry), cloud, env, tenants: values.tenant, concurrency: Number(values.concurrency), planOnly, who: values.as ?? defaultDeployer(ROOT), auditLog: values['audit-log'] && path.resolve(values['audit-log']), terraform: values.terraform },
      host,
    );
  } finally {
    show.done();
  }
  for (const run of result.interrupted) io.stderr(`cordon: an earlier deploy (run ${run}) never finished; it is recorded as interrupted\n`);
  if (result.outcome === 'refused') writeOutputs(result.report, [{ format: 'table' }], io.stdout, io.color);
  for (const o of result.outputs) if (o.state !== 'promoted') io.stderr(`${outputNote(o)}\n`);
  io.stdout(summary(result));
  if (result.outcome === 'succeeded' || result.outcome === 'planned') return 0;
  return result.outcome === 'failed' ? 2 : 1;
}

function oneOf(flag: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw new DeployError(`${flag}: expected one of ${allowed.join(' | ')}, received "${value}"`);
  return value;
}

function summary(r: DeployResult): string {
  const s = r.report.summary;
  const lines = [`gate: ${s.passed ? 'passed' : 'FAILED'} (${s.stacks} stacks, ${s.resources} resources, ${s.failing} failing findings); report ${path.relative(process.cwd(), r.reportFile)}`];
  const verdict: Record<DeployResult['outcome'], string> = {
    succeeded: `deployed ${r.deployed.length} stack(s)`,
    planned: `planned ${r.stacks.length} stack(s); nothing deployed (--plan-only)`,
    refused: 'nothing deployed: the gate did not pass',
    declined: 'nothing deployed: not confirmed',
    failed: `FAILED: ${r.failed.map((f) => `${f.name}: ${f.error}`).join('; ')}`,
    interrupted: 'interrupted',
  };
  lines.push(verdict[r.outcome]);
  for (const name of r.deployed) {
    const outputs = Object.entries(r.stackOutputs[name] ?? {});
    lines.push(`  deployed ${name}${outputs.length ? ` (${outputs.length} outputs)` : ''}`);
  }
  for (const name of r.removed) lines.push(`  removed ${name} (its tenant left the estate)`);
  if (r.outcome === 'planned' && r.removing.length > 0) lines.push(`  would remove ${r.removing.join(', ')} (their tenant left the estate)`);
  if (r.leftInPlace.length > 0) lines.push(`  left the estate but kept (remove by hand after review): ${r.leftInPlace.join(', ')}`);
  if (r.notAttempted.length > 0) lines.push(`  not attempted: ${r.notAttempted.join(', ')}`);
  lines.push(`record: run ${r.run}`);
  return `${lines.join('\n')}\n`;
}
