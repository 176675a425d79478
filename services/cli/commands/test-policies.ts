import { spawnSync } from 'child_process';
import { ensureOpa } from '../../toolchain/opa';
import { POLICIES_DIR } from '../../toolchain/paths';
import { Io } from '../io';

/** `opa fmt` (must be clean), `opa check --strict` and `opa test` over policies/. */
export function testPolicies(_args: string[], io: Io): number {
  const opa = ensureOpa((l) => io.stderr(`${l}\n`));
  const steps: [string, string[]][] = [
    ['opa fmt', ['fmt', '--list', '--fail', POLICIES_DIR]],
    ['opa check --strict', ['check', '--strict', POLICIES_DIR]],
    ['opa test', ['test', POLICIES_DIR]],
  ];
  for (const [name, args] of steps) {
    const res = spawnSync(opa, args, { encoding: 'utf8' });
    const output = `${res.stdout}${res.stderr}`.trim();
    if (res.status !== 0) {
      io.stderr(`${name} failed${name === 'opa fmt' ? ' (run `.tools/bin/opa fmt -w policies`); unformatted files:' : ':'}\n${output}\n`);
      return 1;
    }
    io.stdout(`${name}: ok${output ? ` (${output.split('\n').pop()})` : ''}\n`);
  }
  return 0;
}
