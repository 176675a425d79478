import { parseArgs } from 'util';
import { exitCode } from '../../gate/gate';
import { mergeReports } from '../../gate/merge';
import { FORMATS, parseFormats, writeOutputs } from '../../gate/outputs';
import { Io } from '../io';

export const MERGE_USAGE = `usage: cordon merge REPORT.json... [--format table,json=FILE]

  Combines the JSON reports of a sharded run (cordon check --shard i/n --format json=FILE)
  into one report, in any output format, with the exit code the unsharded run would have.

  --format    comma-separated outputs: ${FORMATS.join(', ')}; NAME=FILE writes to a file (default table)`;

export function merge(args: string[], io: Io): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${MERGE_USAGE}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'table' } } });
  const targets = parseFormats(values.format!);
  const report = mergeReports(positionals);
  writeOutputs(report, targets, io.stdout, io.color);
  return exitCode(report);
}
