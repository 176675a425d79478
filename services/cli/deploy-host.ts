import { DeployError } from '../deploy/errors';
import { DeployEvent, DeployHost } from '../deploy/host';
import { Io } from './io';
import { Progress } from './progress';

/**
 * The deploy library's host on a terminal or in CI: stack events become lines (so a CI log shows
 * each stack), the cloud's chatter feeds the progress display only, and the one confirmation is
 * asked on the terminal unless `yes`.
 */
export function deployHost(io: Io, show: Progress, yes: boolean): DeployHost {
  return {
    event: (e) => report(e, io, show),
    async confirm(stacks, removing) {
      show.done();
      if (yes) return true;
      io.stderr(`cordon deploy will deploy ${stacks.length} stack(s), in dependency order:\n${stacks.map((s) => `  ${s.name}  (${s.cloud}${s.environment ? `, ${s.environment}` : ''})\n`).join('')}`);
      if (removing.length > 0) io.stderr(`and then REMOVE ${removing.length} stack(s) of tenants that left the estate (retained keys stay; an offboarded tenant's keys are scheduled for deletion):\n${removing.map((n) => `  ${n}\n`).join('')}`);
      return /^y(es)?$/i.test((await io.ask!(removing.length > 0 ? 'Deploy and remove these stacks? [y/N] ' : 'Deploy these stacks? [y/N] ')).trim());
    },
  };
}

/** Refuses, before any work, a deploy that nobody could confirm: in CI, or without a terminal, `--yes` is required. */
export function canConfirm(io: Io, yes: boolean): void {
  if (yes) return;
  if (process.env.CI) throw new DeployError('--yes is required when CI is set: a deploy in CI cannot be confirmed at a prompt');
  if (!io.ask) throw new DeployError('no terminal to confirm on: pass --yes to deploy without asking');
}

function report(e: DeployEvent, io: Io, show: Progress): void {
  if (e.kind === 'phase') return show.update(e.message);
  if (e.kind === 'cloud') {
    if (e.level === 'info') return show.update(`${e.stack ?? ''} ${e.message}`.trim());
    show.done();
    return io.stderr(`cordon: ${e.stack ? `${e.stack}: ` : ''}${e.message}\n`);
  }
  if (e.status === 'started') return show.update(`deploying ${e.stack}`);
  if (e.status === 'removing') return show.update(`removing ${e.stack}`);
  show.done();
  io.stderr(`cordon: ${e.stack} ${e.status}${e.detail ? `: ${e.detail}` : ''}\n`);
}
