import * as path from 'path';
import { parseArgs } from 'util';
import { defaultAuditLog } from '../../audit/log';
import { detectDrift } from '../../deploy/drift';
import { ROOT } from '../../toolchain/paths';
import { Io } from '../io';

export const DRIFT_USAGE = `usage: cordon drift [--audit-log FILE] [--registry DIR]

  Reads back every CloudFormation stack of the account and region the AWS SDK's standard settings
  select (GetTemplate) and reports stacks whose template is not the one the last gated deploy
  shipped, stacks never deployed through cordon, and stacks the registry no longer defines.

  exit 0 no drift, 1 drift found, 2 usage or read error`;

export async function drift(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${DRIFT_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({ args, strict: true, options: { 'audit-log': { type: 'string' }, registry: { type: 'string' } } });
  const result = await detectDrift({ auditLog: values['audit-log'] ? path.resolve(values['audit-log']) : defaultAuditLog(ROOT), registryDir: values.registry && path.resolve(values.registry) });
  for (const f of result.findings) io.stdout(`${f.kind.padEnd(9)} ${f.stack}: ${f.detail}\n`);
  io.stdout(`${result.checked} stack(s) checked, ${result.findings.length === 0 ? 'no drift' : `${result.findings.length} drifted`}\n`);
  return result.findings.length === 0 ? 0 : 1;
}
