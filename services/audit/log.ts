import * as fs from 'fs';
import * as path from 'path';
import { takeLock } from '../store/lock';
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

/** Where a chain (or the part of it being read) starts: after entry `seq`, whose hash is `hash`. */
export interface ChainStart {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Verifies a log's text: every entry's own hash, its sequence number and its link to the entry
 * before. Returns the entries, or the first break with its kind and line. `start` verifies a tail
 * read after a known entry. (A log rewritten from the first entry on with fresh hashes verifies:
 * compare `head` with a copy kept elsewhere.)
 */
export function verifyChain(text: string, start: ChainStart = { seq: 0, hash: GENESIS }): { readonly entries: AuditEntry[]; readonly head: string; readonly broken?: ChainBreak } {
  const at = (i: number) => start.seq + i + 1;
  const lines = text === '' ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] !== '') return { entries: [], head: start.hash, broken: { kind: 'unreadable', line: at(lines.length - 1), detail: 'the last line is incomplete (a write was cut short)' } };
  lines.pop();
  const entries: AuditEntry[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      entries.push(JSON.parse(line));
    } catch {
      return { entries: [], head: start.hash, broken: { kind: 'unreadable', line: at(i), detail: 'not valid JSON' } };
    }
  }
  const broken = (kind: ChainBreak['kind'], i: number, detail: string) => ({ entries, head: start.hash, broken: { kind, line: at(i), detail } });
  const edited = entries.findIndex(({ hash, ...body }) => entryHash(body) !== hash);
  if (edited >= 0) return broken('edited', edited, `entry ${entries[edited].seq}'s content does not match its hash`);
  const seqs = entries.map((e) => e.seq);
  const complete = [...seqs].sort((a, b) => a - b).every((s, i) => s === at(i));
  for (let i = 0; i < entries.length; i++) {
    const prev = i === 0 ? start.hash : entries[i - 1].hash;
    if (entries[i].seq === at(i) && entries[i].prev === prev) continue;
    if (complete) return broken('reordered', i, `entry ${entries[i].seq} stands where entry ${at(i)} belongs`);
    if (entries[i].seq > at(i) && !seqs.includes(at(i))) return broken('deleted', i, `entries ${at(i)}–${entries[i].seq - 1} are missing before this line`);
    return broken('inserted', i, `entry ${entries[i].seq} does not follow from the entry before it`);
  }
  return { entries, head: entries.length > 0 ? entries[entries.length - 1].hash : start.hash };
}

/**
 * An append-only, hash-chained JSON Lines log: each entry carries the sha256 of the one before, so
 * an edited, removed, inserted or reordered line is found and named. Opening verifies the whole
 * chain. Several writers may hold it open (a deploy, an approval): each append takes the log's
 * lock, verifies what others appended since it last looked, chains onto the true last entry and
 * fsyncs, so the chain never forks.
 */
export class AuditLog {
  private constructor(
    readonly file: string,
    private readonly entries: AuditEntry[],
    /** Bytes of the file verified so far. */
    private size: number,
    private readonly now: () => Date,
  ) {}

  /** Opens (or creates) the log at `file`, refusing a broken chain. */
  static open(file: string, now: () => Date = () => new Date()): AuditLog {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = readText(file);
    return new AuditLog(file, [...verified(file, text)], Buffer.byteLength(text), now);
  }

  /** Reads and verifies the log; a broken chain is an AuditError naming the line. */
  static read(file: string): readonly AuditEntry[] {
    return verified(file, readText(file));
  }

  get all(): readonly AuditEntry[] {
    return this.entries;
  }

  /** Appends one entry, durably, chained to the last entry of the file. */
  append<B extends AuditBody>(body: B): AuditEntry<B> {
    return this.appendUnless(body, () => false) as AuditEntry<B>;
  }

  /**
   * Appends one entry unless the log already holds one that `same` matches (judged under the lock,
   * after taking in what others appended), which it returns: a step done again after a crash is
   * recorded once.
   */
  appendUnless<B extends AuditBody>(body: B, same: (e: AuditEntry) => boolean): AuditEntry {
    const lock = takeLock(`${this.file}.lock`, 'audit log writer', 10_000);
    try {
      this.catchUp();
      const there = this.entries.find(same);
      if (there) return there;
      const last = this.entries[this.entries.length - 1];
      const chained = { seq: (last?.seq ?? 0) + 1, at: this.now().toISOString(), prev: last?.hash ?? GENESIS, ...body };
      const entry = { ...chained, hash: entryHash(chained) } as AuditEntry<B>;
      const line = `${JSON.stringify(entry)}\n`;
      const fd = fs.openSync(this.file, 'a');
      try {
        fs.writeSync(fd, line);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      this.entries.push(entry);
      this.size += Buffer.byteLength(line);
      return entry;
    } finally {
      lock.release();
    }
  }

  /** Verifies and takes in what other writers appended since this log last read the file. */
  private catchUp(): void {
    const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    if (size === this.size) return;
    if (size < this.size) throw new AuditError(`${this.file}: the log shrank from ${this.size} to ${size} bytes while open; it has been altered`);
    const fd = fs.openSync(this.file, 'r');
    const tail = Buffer.alloc(size - this.size);
    try {
      fs.readSync(fd, tail, 0, tail.length, this.size);
    } finally {
      fs.closeSync(fd);
    }
    const last = this.entries[this.entries.length - 1];
    const { entries, broken } = verifyChain(tail.toString('utf8'), { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS });
    if (broken) throw new AuditError(`${this.file}, line ${broken.line}: ${broken.kind}: ${broken.detail}; the log has been altered or damaged`);
    this.entries.push(...entries);
    this.size = size;
  }
}

function verified(file: string, text: string): AuditEntry[] {
  const { entries, broken } = verifyChain(text);
  if (broken) throw new AuditError(`${file}, line ${broken.line}: ${broken.kind}: ${broken.detail}; the log has been altered or damaged`);
  return entries;
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
