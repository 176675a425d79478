import * as fs from 'fs';
import * as path from 'path';
import { AuditEntry, AuditLog } from '../audit/log';
import { Lock, takeLock } from '../store/lock';

/**
 * What became of one stack in a run. `planned`: gated and recorded by `--plan-only`, not deployed;
 * `removed`: a stack of an offboarding or offboarded tenant that left the estate, deleted from its cloud.
 */
export type StackOutcome = 'deployed' | 'failed' | 'not-attempted' | 'planned' | 'skipped' | 'removed';

/** How a run ended. `refused`: the gate did not pass; `declined`: nobody confirmed; `interrupted`: the process died. */
export type RunOutcome = 'succeeded' | 'failed' | 'refused' | 'declined' | 'planned' | 'interrupted';

export interface StackRecord {
  readonly name: string;
  readonly cloud: 'aws' | 'gcp';
  /** sha256 of the artifact the gate judged and the deployer handed over: template or saved plan. */
  readonly sha256: string;
  /** AWS: the template's key-sorted JSON digest, which `drift` compares with what CloudFormation holds. */
  readonly templateDigest?: string;
  /** The stack's tenant and environment, and for AWS its region: what a later run needs to remove it once it leaves the estate (absent from records written before). */
  readonly tenant?: string | null;
  readonly environment?: string | null;
  readonly region?: string;
}

/** The entries a deploy writes to the audit log; every run is a `deploy.start`, its `deploy.stack` entries, and a `deploy.end`. */
export type RecordEntry =
  | {
      readonly event: 'deploy.start';
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
      readonly event: 'deploy.stack';
      readonly run: string;
      readonly stack: StackRecord;
      readonly outcome: StackOutcome;
      readonly outputs?: Record<string, string>;
      readonly error?: string;
      /** Removed: the buckets emptied first, with how many object versions each held. */
      readonly emptied?: Record<string, number>;
    }
  | { readonly event: 'deploy.end'; readonly run: string; readonly outcome: RunOutcome; readonly deployed: readonly string[]; readonly failed: readonly string[]; readonly notAttempted: readonly string[]; readonly removed?: readonly string[] };

export type StoredEntry = AuditEntry<RecordEntry>;

/**
 * The deployment record: the `deploy.*` entries of the audit log (services/audit), a hash-chained
 * append-only JSON Lines file, so an edited, removed, inserted or reordered line is found and the
 * next run refuses to go on. A deploy lock beside the log admits one deploy at a time; other
 * writers (onboarding) append between its entries.
 */
export class DeploymentRecord {
  private constructor(
    private readonly log: AuditLog,
    private readonly lock: Lock,
  ) {}

  /** Opens (or creates) the log at `file`, verifies its chain and takes the deploy lock. */
  static open(file: string, now?: () => Date): DeploymentRecord {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lock = takeLock(`${file}.deploy.lock`, 'deploy');
    try {
      return new DeploymentRecord(AuditLog.open(file, now), lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** The deploy entries of the log at `file`, verified, without taking the lock. */
  static read(file: string): readonly StoredEntry[] {
    return deployEntries(AuditLog.read(file));
  }

  get all(): readonly StoredEntry[] {
    return deployEntries(this.log.all);
  }

  append(entry: RecordEntry): StoredEntry {
    return this.log.append(entry);
  }

  /**
   * Closes every run that started and never ended (its process was killed) with an `interrupted`
   * end naming the stacks it had deployed. Returns the runs closed.
   */
  closeInterrupted(): string[] {
    const entries = this.all;
    const ended = new Set(entries.filter((e) => e.event === 'deploy.end').map((e) => e.run));
    const open = entries.filter((e): e is StoredEntry & { event: 'deploy.start' } => e.event === 'deploy.start' && !ended.has(e.run));
    for (const start of open) {
      const mine = entries.filter((e): e is StoredEntry & { event: 'deploy.stack' } => e.event === 'deploy.stack' && e.run === start.run);
      const named = (o: StackOutcome) => mine.filter((e) => e.outcome === o).map((e) => e.stack.name);
      const seen = new Set(mine.map((e) => e.stack.name));
      this.append({ event: 'deploy.end', run: start.run, outcome: 'interrupted', deployed: named('deployed'), failed: named('failed'), notAttempted: start.stacks.filter((s) => !seen.has(s.name)).map((s) => s.name) });
    }
    return open.map((e) => e.run);
  }

  close(): void {
    this.lock.release();
  }
}

const deployEntries = (entries: readonly AuditEntry[]) => entries.filter((e) => e.event.startsWith('deploy.')) as unknown as StoredEntry[];

/** The last artifact each stack was deployed with, over the whole record (what `drift` compares against). */
export function lastDeployed(entries: readonly StoredEntry[]): Map<string, StackRecord & { readonly run: string; readonly at: string }> {
  const last = new Map<string, StackRecord & { run: string; at: string }>();
  for (const e of entries) {
    if (e.event !== 'deploy.stack') continue;
    if (e.outcome === 'deployed') last.set(e.stack.name, { ...e.stack, run: e.run, at: e.at });
    if (e.outcome === 'removed') last.delete(e.stack.name);
  }
  return last;
}
