import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { AuditError, AuditLog, defaultAuditLog, toCsv, verifyChain } from '../../audit/log';
import { ROOT } from '../../toolchain/paths';
import { Io } from '../io';

export const AUDIT_USAGE = `usage: cordon audit verify [--audit-log FILE] [--head HASH]
       cordon audit export [--format jsonl|csv] [--since ISO-DATE] [--audit-log FILE]

  verify  checks every entry's hash and its link to the one before, and names the first line
          edited, deleted, inserted, reordered or unreadable; prints the head hash, which a copy
          kept elsewhere can be compared with (--head: that hash must be in the log, so a log cut
          short or rewritten since is found)
  export  prints the verified entries as JSON Lines or CSV, from --since on (an ISO date or time)

  --audit-log  the log (default .cordon/audit.jsonl)

  exit 0 intact, 1 the chain is broken (verify), 2 usage or read error`;

const FORMATS = ['jsonl', 'csv'];

export function audit(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(`${AUDIT_USAGE}\n`);
    return sub ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, strict: true, options: { 'audit-log': { type: 'string' }, head: { type: 'string' }, format: { type: 'string', default: 'jsonl' }, since: { type: 'string' } } });
  const file = values['audit-log'] ? path.resolve(values['audit-log']) : defaultAuditLog(ROOT);
  if (sub === 'verify') {
    if (!fs.existsSync(file)) throw new AuditError(`${file}: no such audit log`);
    const { entries, head, broken } = verifyChain(fs.readFileSync(file, 'utf8'));
    if (broken) {
      io.stdout(`BROKEN: ${path.relative(process.cwd(), file)}, line ${broken.line}: ${broken.kind}: ${broken.detail}\n`);
      return 1;
    }
    if (values.head && !entries.some((e) => e.hash === values.head)) {
      io.stdout(`BROKEN: ${path.relative(process.cwd(), file)}: no entry has the head hash ${values.head}; the log was cut short or rewritten since it was taken\n`);
      return 1;
    }
    io.stdout(`intact: ${entries.length} entries, head ${head}\n`);
    return 0;
  }
  if (sub === 'export') {
    if (!FORMATS.includes(values.format!)) throw new AuditError(`--format: expected one of ${FORMATS.join(' | ')}, received "${values.format}"`);
    const since = values.since === undefined ? undefined : Date.parse(values.since);
    if (since !== undefined && Number.isNaN(since)) throw new AuditError(`--since: expected an ISO date or time (2026-12-01 or 2026-12-01T10:00:00Z), received "${values.since}"`);
    const entries = AuditLog.read(file).filter((e) => since === undefined || Date.parse(e.at) >= since);
    io.stdout(values.format === 'csv' ? toCsv(entries) : entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    return 0;
  }
  throw new AuditError(`unknown audit command "${sub}"; expected verify | export`);
}
