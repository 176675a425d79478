import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../toolchain/policy-sources';
import { DeployError } from './errors';

/** What became of one stack in a run. `planned`: gated and recorded by `--plan-only`, not deployed. */
export type StackOutcome = 'deployed' | 'failed' | 'not-attempted' | 'planned';

/** How a run ended. `refused`: the gate did not pass; `declined`: nobody confirmed; `interrupted`: the process died. */
export type RunOutcome = 'succeeded' | 'failed' | 'refused' | 'declined' | 'planned' | 'interrupted';

export interface StackRecord {
  readonly name: string;
  readonly cloud: 'aws' | 'gcp';
  /** sha256 of the artifact the gate judged and the deployer handed over: template or saved plan. */
  readonly sha256: string;
  /** AWS: the template's key-sorted JSON digest, which `drift` compares with what CloudFormation holds. */
  readonly templateDigest?: string;
}

/** The entries of the deployment record; every run is a `start`, its `stack` entries, and an `end`. */
export type RecordEntry =
  | {
      readonly event: 'start';
      readonly run: string;
      readonly who: string;
      readonly clouds: readonly string[];
      readonly selection: { readonly tenants: readonly string[]; readonly env: string | null };
      readonly bundleSha256: string;
      readonly reportSha256: string;
      readonly report: string;
      readonly passed: boolean;
      readonly planOnly: boolean;
      readonly stacks: readonly StackRecord[];
    }
  | {
      readonly event: 'stack';
      readonly run: string;
      readonly stack: StackRecord;
      readonly outcome: StackOutcome;
      readonly outputs?: Record<string, string>;
      readonly error?: string;
    }
  | { readonly event: 'end'; readonly run: string; readonly outcome: RunOutcome; readonly deployed: readonly string[]; readonly failed: readonly string[]; readonly notAttempted: readonly string[] };

/** An entry as stored: its place in the chain, the time, and the hash binding it to every entry before it. */
export type StoredEntry = RecordEntry & { readonly seq: number; readonly at: string; readonly prev: string; readonly hash: string };

const GENESIS = '0'.repeat(64);

/**
 * The deployment record: an append-only JSON Lines file in which each entry carries the sha256 of
 * the one before it, so an edited, removed or reordered line breaks the chain and the next run
 * refuses to go on (tamper-evident, not tamper-proof: keep a copy where deployers cannot write).
 * A lock file admits one deploy at a time per record.
 */
export class DeploymentRecord {
  private constructor(
    readonly file: string,
    private readonly entries: StoredEntry[],
    private readonly lock: string,
    private readonly now: () => Date,
  ) {}

  /** Opens (or creates) the record at `file`, verifies its chain and takes its lock. */
  static open(file: string, now: () => Date = () => new Date()): DeploymentRecord {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    takeLock(lock);
    try {
      return new DeploymentRecord(file, readChain(file), lock, now);
    } catch (e) {
      fs.rmSync(lock, { force: true });
      throw e;
    }
  }

  /** Reads and verifies the record without taking the lock (for `drift` and tests). */
  static read(file: string): readonly StoredEntry[] {
    return readChain(file);
  }

  get all(): readonly StoredEntry[] {
    return this.entries;
  }

  /** Appends one entry, durably (fsync), chained to the last. */
  append(entry: RecordEntry): StoredEntry {
    const last = this.entries[this.entries.length - 1];
    const body = { seq: (last?.seq ?? 0) + 1, at: this.now().toISOString(), prev: last?.hash ?? GENESIS, ...entry };
    const stored = { ...body, hash: entryHash(body) } as StoredEntry;
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(stored)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.entries.push(stored);
    return stored;
  }

  /**
   * Closes every run that started and never ended (its process was killed) with an `interrupted`
   * end naming the stacks it had deployed. Returns the runs closed.
   */
  closeInterrupted(): string[] {
    const ended = new Set(this.entries.filter((e) => e.event === 'end').map((e) => e.run));
    const open = this.entries.filter((e) => e.event === 'start' && !ended.has(e.run));
    for (const start of open) {
      const mine = this.entries.filter((e): e is StoredEntry & { event: 'stack' } => e.event === 'stack' && e.run === start.run);
      const named = (o: StackOutcome) => mine.filter((e) => e.outcome === o).map((e) => e.stack.name);
      const seen = new Set(mine.map((e) => e.stack.name));
      const stacks = start.event === 'start' ? start.stacks : [];
      this.append({ event: 'end', run: start.run, outcome: 'interrupted', deployed: named('deployed'), failed: named('failed'), notAttempted: stacks.filter((s) => !seen.has(s.name)).map((s) => s.name) });
    }
    return open.map((e) => e.run);
  }

  /** Releases the lock. */
  close(): void {
    fs.rmSync(this.lock, { force: true });
  }
}

/** The last artifact each stack was deployed with, over the whole record (what `drift` compares against). */
export function lastDeployed(entries: readonly StoredEntry[]): Map<string, StackRecord & { readonly run: string; readonly at: string }> {
  const last = new Map<string, StackRecord & { run: string; at: string }>();
  for (const e of entries) if (e.event === 'stack' && e.outcome === 'deployed') last.set(e.stack.name, { ...e.stack, run: e.run, at: e.at });
  return last;
}

function entryHash(body: object): string {
  return sha256(JSON.stringify(body));
}

function readChain(file: string): StoredEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DeployError(`cannot read the deployment record ${file}: ${(e as Error).message}`);
  }
  const entries: StoredEntry[] = [];
  const lines = text.split('\n');
  // A line cut short by a crash mid-write: never repaired silently, a person decides.
  if (lines[lines.length - 1] !== '') throw new DeployError(`deployment record ${file}: the last line is incomplete (a write was cut short); inspect it and remove that line`);
  lines.pop();
  lines.forEach((line, i) => {
    let entry: StoredEntry;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new DeployError(`deployment record ${file}, line ${i + 1}: not valid JSON; the record has been altered`);
    }
    const { hash, ...body } = entry;
    const prev = entries[i - 1]?.hash ?? GENESIS;
    if (body.prev !== prev || body.seq !== i + 1 || entryHash(body) !== hash) {
      throw new DeployError(`deployment record ${file}, line ${i + 1}: the hash chain is broken (the line or one before it was edited, removed or reordered)`);
    }
    entries.push(entry);
  });
  return entries;
}

function takeLock(lock: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lock, 'utf8'));
      if (alive(pid)) throw new DeployError(`another deploy (pid ${pid}) holds ${lock}; wait for it to finish`);
      // Its holder died (kill -9): the lock is stale, and that run is closed as interrupted.
      fs.rmSync(lock, { force: true });
    }
  }
  throw new DeployError(`cannot take the lock ${lock}`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
