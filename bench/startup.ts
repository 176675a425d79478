/**
 * Start-up benchmark: whole-process wall time of the `cordon` launcher (compiled JavaScript in
 * .build/, brought up to date first), median and range of 5 runs each, for
 *  - `cordon --help`                               goal under 0.3 s
 *  - `cordon tools` with nothing to do             goal under 1 s
 *  - `npm run check` (tools, then the estate gated: the output in place taken whole, unchanged; a
 *    fresh clone's first run synthesizes it, so its range is then wide)
 *  - the example estate gated from its synthesized files (`check cdk.out cdktf.out --registry
 *    infra/tenants`, which the case before made)    goal under 0.3 s
 *  - `npm run check -- --fresh` (tools, synthesize, gate)
 *
 *   npm run bench:startup
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../services/toolchain/paths';

const CORDON = path.join(ROOT, 'services/cli/bin/cordon.js');
const CASES: [string, string, string[]][] = [
  ['cordon --help', process.execPath, [CORDON, '--help']],
  ['cordon tools (up to date)', process.execPath, [CORDON, 'tools']],
  ['npm run -s check', 'npm', ['run', '-s', 'check']],
  ['check cdk.out cdktf.out --registry', process.execPath, [CORDON, 'check', 'cdk.out', 'cdktf.out', '--registry', 'infra/tenants']],
  ['npm run -s check -- --fresh', 'npm', ['run', '-s', 'check', '--', '--fresh']],
];

spawnSync(process.execPath, [CORDON, '--help'], { cwd: ROOT }); // compiles what changed, outside the measurement
console.log('case                                 median    range');
for (const [name, cmd, args] of CASES) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (res.status !== 0) {
      console.error(`bench:startup: ${name} exited ${res.status}: ${res.stderr.trim().split('\n')[0]}`);
      process.exit(1);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(36)} ${`${times[2].toFixed(2)} s`.padEnd(9)} ${times[0].toFixed(2)}–${times[4].toFixed(2)} s`);
}
