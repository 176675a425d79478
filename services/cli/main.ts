import { RegistryError } from '../../infra/registry/issues';
import { PropError } from '../../constructs/props';
import { GateError } from '../gate/model';
import { ToolchainError } from '../toolchain/opa';
import { AuditError } from '../audit/log';
import { LockError } from '../store/lock';
import { StoreError } from '../store/sql';
import { audit, AUDIT_USAGE } from './commands/audit';
import { check, CHECK_USAGE } from './commands/check';
import { tenant, TENANT_USAGE } from './commands/tenant';
import { token, TOKEN_USAGE } from './commands/token';
import { serve, SERVE_USAGE } from './commands/serve';
import { OnboardingError } from '../onboarding/context';
import { deploy, DEPLOY_USAGE } from './commands/deploy';
import { drift, DRIFT_USAGE } from './commands/drift';
import { DeployError } from '../deploy/errors';
import { controls, CONTROLS_USAGE } from './commands/controls';
import { merge, MERGE_USAGE } from './commands/merge';
import { evidence, EVIDENCE_USAGE } from './commands/evidence';
import { synth, SYNTH_USAGE } from './commands/synth';
import { SynthError } from '../../infra/synth-error';
import { testPolicies } from './commands/test-policies';
import { tools } from './commands/tools';
import { Io, processIo } from './io';

/** A command returns its exit code; commands that talk to a cloud return it as a promise. */
type Command = (args: string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, Command> = { check, synth, deploy, drift, tenant, token, serve, audit, merge, evidence, controls, tools, 'test-policies': testPolicies };

const USAGE = `usage: cordon <command> [options]

commands:
  check          synthesize the estate (or read PATHs) and gate it against the policies
  synth          synthesize the estate into a folder without gating it (for CI shards to gate)
  deploy         synthesize, gate, and deploy what the gate passed (AWS: CDK toolkit; GCP: gated Terraform plan)
  drift          compare deployed AWS stacks with what the last gated deploy shipped
  tenant         request, approve (two-person rule), reject, list and show tenant onboarding requests
  token          create an API bearer token for a principal and role (shown once, stored hashed)
  serve          the onboarding HTTP API on 127.0.0.1
  audit          verify the hash-chained audit log, or export it as JSON Lines or CSV
  merge          combine the JSON reports of a sharded check
  evidence       one tenant's evidence (e.g. the HTML page) from a JSON report
  controls       list the trust-center controls, the rules proving each, and gaps
  tools          build the pinned opa CLI if needed and compile policies/ to wasm
  test-policies  opa fmt, opa check --strict and opa test over policies/

${CHECK_USAGE}

${SYNTH_USAGE}

${DEPLOY_USAGE}

${DRIFT_USAGE}

${TENANT_USAGE}

${TOKEN_USAGE}

${SERVE_USAGE}

${AUDIT_USAGE}

${MERGE_USAGE}

${EVIDENCE_USAGE}

${CONTROLS_USAGE}`;

/**
 * Runs one command; returns its exit code (a promise for the commands that deploy or read a cloud).
 * Every known failure is exit 2 with a one-line cause.
 */
export function main(argv: string[], io: Io = processIo): number | Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`cordon: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(' | ')}\n`);
    return 2;
  }
  const fail = (e: unknown) => {
    const known = [GateError, SynthError, RegistryError, ToolchainError, PropError, DeployError, AuditError, LockError, StoreError, OnboardingError].some((k) => e instanceof k);
    const argError = (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`cordon ${name}: error: ${known || argError ? (e as Error).message : (e as Error).stack}\n`);
    return 2;
  };
  try {
    const code = command(args, io);
    return typeof code === 'number' ? code : code.catch(fail);
  } catch (e) {
    return fail(e);
  }
}

if (require.main === module) void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
