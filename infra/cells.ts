import { PLATFORM, platformStackName } from './platform';
import { Environment, LlmSubprocessor, Tenant } from './registry/tenant';

/** The LLM profile of a no-LLM tenant. */
export const NO_LLM = 'none';

/**
 * A tenant's LLM profile: its sub-processors sorted and joined by `-` (`anthropic`, `anthropic-openai`),
 * `none` for a no-LLM workflow. Pooled tenants share a cell only with tenants of the same profile, so
 * a cell's egress allows exactly what each of its tenants chose (TEN-3).
 */
export function llmProfile(subprocessors: readonly LlmSubprocessor[]): string {
  return subprocessors.length === 0 ? NO_LLM : [...subprocessors].sort().join('-');
}

/**
 * What a cell's names add to its region: nothing for the no-LLM cell, which keeps the names of the
 * single cell per region that came before it, `-<profile>` otherwise (`cordon-cell-prod-us-east-1-openai`).
 */
export function cellSuffix(profile: string): string {
  return profile === NO_LLM ? '' : `-${profile}`;
}

/**
 * The same in the short form GCP resource names need (a service account id has at most 30 characters):
 * one letter per sub-processor (PLATFORM.llmCodes), `-a`, `-o`, `-ao`.
 */
export function cellShortSuffix(subprocessors: readonly LlmSubprocessor[]): string {
  return subprocessors.length === 0 ? '' : `-${[...subprocessors].sort().map((s) => PLATFORM.llmCodes[s]).join('')}`;
}

/** A pooled cell's stack, on both clouds: `cordon-cell-<env>-<region>[-<profile>]`. */
export function cellStackName(env: Environment, region: string, subprocessors: readonly LlmSubprocessor[]): string {
  return platformStackName('cell', env, `${region}${cellSuffix(llmProfile(subprocessors))}`);
}

/** One pooled cell of an environment: a region and an LLM profile. */
export interface PooledCell {
  readonly region: string;
  /** The sub-processors every tenant of the cell chose, sorted. */
  readonly llm: readonly LlmSubprocessor[];
  readonly profile: string;
  /** Its pooled tenants whose data sits in it (active, offboarding, or offboarded and being deleted): the cell stays while there is one. */
  readonly tenants: readonly Tenant[];
  /** Its active tenants: only they get its egress and edge. */
  readonly serving: readonly Tenant[];
}

/** The key of a pooled tenant's cell in its environment: region and LLM profile. */
export const cellKey = (t: Pick<Tenant, 'region' | 'llm'>) => `${t.region}/${llmProfile(t.llm.subprocessors)}`;

/**
 * The pooled cells of one cloud's tenants in an environment, by `cellKey`, ordered by region then
 * profile: one per region and LLM profile with a pooled tenant that is not offboarded, or whose stacks
 * are being deleted (`deleting`, AppBuild: their data sits in the cell until then).
 */
export function pooledCells(tenants: readonly Tenant[], environment: Environment, deleting: ReadonlySet<string> = new Set()): Map<string, PooledCell> {
  const pooled = tenants.filter((t) => t.tier === 'pooled' && (t.status !== 'offboarded' || deleting.has(t.id)) && t.environments.includes(environment));
  const cells = new Map<string, { region: string; llm: LlmSubprocessor[]; profile: string; tenants: Tenant[]; serving: Tenant[] }>();
  for (const t of [...pooled].sort((a, b) => cellKey(a).localeCompare(cellKey(b)) || a.id.localeCompare(b.id))) {
    const key = cellKey(t);
    if (!cells.has(key)) cells.set(key, { region: t.region, llm: [...t.llm.subprocessors].sort(), profile: llmProfile(t.llm.subprocessors), tenants: [], serving: [] });
    const cell = cells.get(key)!;
    cell.tenants.push(t);
    if (t.status === 'active') cell.serving.push(t);
  }
  return cells;
}

/** Refuses a tenant of another region or LLM profile in a cell: its egress would then allow what that tenant did not choose. */
export function checkCellTenants(stack: string, region: string, llm: readonly LlmSubprocessor[], tenants: readonly Tenant[]): void {
  const profile = llmProfile(llm);
  const strangers = tenants.filter((t) => t.region !== region || llmProfile(t.llm.subprocessors) !== profile);
  if (strangers.length > 0) {
    throw new Error(`${stack}: tenants: only tenants of region ${region} with LLM profile ${profile} (received ${strangers.map((t) => `${t.id}: ${t.region}, ${llmProfile(t.llm.subprocessors)}`).join('; ')})`);
  }
}
