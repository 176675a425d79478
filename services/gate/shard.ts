import { sha256 } from '../toolchain/policy-sources';
import { GateError, LoadedStack } from './model';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard i/n` (1-based, i ≤ n ≤ 1000). */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw new GateError(`--shard: expected i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4), received "${spec}"`);
  return { index, count };
}

/**
 * The stacks of one shard. A stack's shard depends only on its name (a hash), so adding or removing
 * a tenant never moves other stacks between CI jobs, and every job computes the same split.
 */
export function selectShard(stacks: readonly LoadedStack[], shard: Shard): LoadedStack[] {
  return stacks.filter((s) => parseInt(sha256(s.doc.stack.name).slice(0, 8), 16) % shard.count === shard.index - 1);
}
