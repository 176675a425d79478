import { parseArgs } from 'util';
import { exitCode } from '../../gate/gate';
import { readReport } from '../../gate/merge';
import { GateError } from '../../gate/model';
import { FORMATS, parseFormats, writeOutputs } from '../../gate/outputs';
import { reportForTenant } from '../../gate/tenant-report';
import { Io } from '../io';

export const EVIDENCE_USAGE = `usage: cordon evidence REPORT.json --tenant ID [--format html=FILE]

  The evidence for one customer: the JSON report of a check (or merge) cut to the tenant's stacks,
  their findings and the waivers naming them, with no other tenant's name in it.

  --tenant    the tenant id (required)
  --format    comma-separated outputs: ${FORMATS.join(', ')}; NAME=FILE writes to a file (default table)`;

export function evidence(args: string[], io: Io): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${EVIDENCE_USAGE}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { tenant: { type: 'string' }, format: { type: 'string', default: 'table' } } });
  const targets = parseFormats(values.format!);
  if (!values.tenant) throw new GateError('--tenant ID is required');
  if (positionals.length !== 1) throw new GateError(`expected one JSON report, received ${positionals.length}`);
  const report = reportForTenant(readReport(positionals[0]), values.tenant);
  writeOutputs(report, targets, io.stdout, io.color);
  return exitCode(report);
}
