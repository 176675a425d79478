import * as path from 'path';
import { parseArgs } from 'util';
import { loadRegistry } from '../../../infra/registry/load';
import { synthUngated } from '../../../infra/synth';
import { GateError } from '../../gate/model';
import { ROOT } from '../../toolchain/paths';
import { Io } from '../io';

export const SYNTH_USAGE = `usage: cordon synth --out DIR [--registry DIR]

  Synthesizes the registry's estate into DIR/cdk.out and DIR/cdktf.out WITHOUT gating it, so that
  one CI job synthesizes and the shards gate its output:
    cordon check DIR/cdk.out DIR/cdktf.out --registry infra/tenants --shard i/n --format json=shard-i.json
  DIR may not be the repository root, whose cdk.out / cdktf.out are only ever gated output.`;

export function synth(args: string[], io: Io): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${SYNTH_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({ args, strict: true, options: { out: { type: 'string' }, registry: { type: 'string' } } });
  if (!values.out) throw new GateError('--out DIR is required: where to write cdk.out and cdktf.out');
  const tenants = loadRegistry(values.registry && path.resolve(values.registry));
  const { awsDir, gcpDir } = synthUngated(tenants, path.resolve(values.out), ROOT);
  io.stdout(`synthesized ${tenants.length} tenants, not gated: ${path.relative(process.cwd(), awsDir) || '.'}, ${path.relative(process.cwd(), gcpDir) || '.'}\n`);
  return 0;
}
