import * as fs from 'fs';
import * as path from 'path';
import { Lock, takeLock } from '../store/lock';
import { sha256 } from '../toolchain/policy-sources';

/** A known audit-log failure: exit 2 with this one line. */
export class AuditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditError';
  }
}

/** What an entry says; `event` names it (`deploy.start`, ...), the rest is the event's own fields. */
export type AuditBody = { readonly event: string } & Record<string, unknown>;

/** An entry as stored: its place in the chain, the time, and the hash binding it to every entry before it. */
export type AuditEntry<B extends AuditBody = AuditBody> = B & { readonly seq: number; readonly at: string; readonly prev: string; readonly hash: string };

/** How the chain was broken, and where (1-based line of the file). */
export interface ChainBreak {
  readonly kind: 'edited' | 'deleted' | 'inserted' | 'reordered' | 'unreadable';
  readonly line: number;
  readonly detail: string;
}

export const GENESIS = '0'.repeat(64);

/** Where the audit log lives unless told otherwise: git-ignored, beside the estate. */
export const defaultAuditLog = (root: string) => path.join(root, '.cordon', 'audit.jsonl');

const entryHash = (body: object): string => sha256(JSON.stringify(body));

/**
 * Verifies a log's text: every entry's own hash, its sequence number and its link to the entry
 * before. Returns the entries, or the first break with its kind and line. (A log rewritten from the
 * first entry on with fresh hashes verifies: compare `head` with a copy kept elsewhere.)
 */
export function verifyChain(text: string): { readonly entries: AuditEntry[]; readonly head: string; readonly broken?: ChainBreak } {
  const lines = text === '' ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] !== '') return { entries: [], head: GENESIS, broken: { kind: 'unreadable', line: lines.length, detail: 'the last line is incomplete (a write was cut short)' } };
  lines.pop();
  const entries: AuditEntry[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      entries.push(JSON.parse(line));
    } catch {
      return { entries: [], head: GENESIS, broken: { kind: 'unreadable', line: i + 1, detail: 'not valid JSON' } };
    }
  }
  const edited = entries.findIndex(({ hash, ...body }) => entryHash(body) !== hash);
  if (edited >= 0) return { entries, head: GENESIS, broken: { kind: 'edited', line: edited + 1, detail: `entry ${entries[edited].seq}'s content does not match its hash` } };
  const seqs = entries.map((e) => e.seq);
  const sorted = [...seqs].sort((a, b) => a - b);
  const complete = sorted.every((s, i) => s === i + 1);
  for (let i = 0; i < entries.length; i++) {
    const prev = i === 0 ? GENESIS : entries[i - 1].hash;
    if (entries[i].seq === i + 1 && entries[i].prev === prev) continue;
    const line = i + 1;
    if (complete) return { entries, head: GENESIS, broken: { kind: 'reordered', line, detail: `entry ${entries[i].seq} stands where entry ${i + 1} belongs` } };
    if (entries[i].seq > i + 1 && !seqs.includes(i + 1)) return { entries, head: GENESIS, broken: { kind: 'deleted', line, detail: `entries ${i + 1}–${entries[i].seq - 1} are missing before this line` } };
    return { entries, head: GENESIS, broken: { kind: 'inserted', line, detail: `entry ${entries[i].seq} does not follow from the entry before it` } };
  }
  return { entries, head: entries.length > 0 ? entries[entries.length - 1].hash : GENESIS };
}

/**
 * An append-only, hash-chained JSON Lines log: each entry carries the sha256 of the one before, so
 * an edited, removed, inserted or reordered line is found and named. Opening verifies the whole
 * chain and takes a lock, so one writer appends at a time; appends are fsynced.
 */
export class AuditLog {
  private constructor(
    readonly file: string,
    private readonly entries: AuditEntry[],
    private readonly lock: Lock,
    private readonly now: () => Date,
  ) {}

  /** Opens (or creates) the log at `file`, refusing a broken chain, and takes its lock. */
  static open(file: string, now: () => Date = () => new Date()): AuditLog {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lock = takeLock(`${file}.lock`, 'writer');
    try {
      return new AuditLog(file, [...AuditLog.read(file)], lock, now);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** Reads and verifies the log without taking the lock; a broken chain is an AuditError naming the line. */
  static read(file: string): readonly AuditEntry[] {
    const { entries, broken } = verifyChain(readText(file));
    if (broken) throw new AuditError(`${file}, line ${broken.line}: ${broken.kind}: ${broken.detail}; the log has been altered or damaged`);
    return entries;
  }

  get all(): readonly AuditEntry[] {
    return this.entries;
  }

  /** Appends one entry, durably, chained to the last. */
  append<B extends AuditBody>(body: B): AuditEntry<B> {
    const last = this.entries[this.entries.length - 1];
    const chained = { seq: (last?.seq ?? 0) + 1, at: this.now().toISOString(), prev: last?.hash ?? GENESIS, ...body };
    const entry = { ...chained, hash: entryHash(chained) } as AuditEntry<B>;
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.entries.push(entry);
    return entry;
  }

  /** Releases the lock. */
  close(): void {
    this.lock.release();
  }
}

/** The log's entries as CSV: the chain fields, the event, then every other field as JSON in `data`. */
export function toCsv(entries: readonly AuditEntry[]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = entries.map(({ seq, at, prev, hash, event, ...data }) => [String(seq), at, event, JSON.stringify(data), prev, hash].map(cell).join(','));
  return `${['seq', 'at', 'event', 'data', 'prev', 'hash'].join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new AuditError(`cannot read the audit log ${file}: ${(e as Error).message}`);
  }
}
