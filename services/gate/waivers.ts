import * as fs from 'fs';
import { parseDocument } from 'yaml';
import { isDate } from '../../infra/registry/fields';
import { GateError } from './model';

/** Days ahead a waiver may expire at most, unless the file sets `maxDays`. */
export const DEFAULT_WAIVER_HORIZON_DAYS = 90;
/** A reason must be a sentence a reviewer can judge, not "n/a". */
export const MIN_REASON_LENGTH = 20;

export interface WaiverScope {
  readonly tenant?: string;
  readonly stack?: string;
  /** A resource address; only with `stack`, since the same address exists in many stacks. */
  readonly resource?: string;
}

export interface Waiver {
  readonly rule: string;
  readonly scope: WaiverScope;
  readonly reason: string;
  readonly approver: string;
  /** Last day (UTC, YYYY-MM-DD) on which the waiver still waives. */
  readonly expires: string;
}

/** A waiver as the report shows it after the run. */
export interface WaiverResult extends Waiver {
  /** `active` waived at least one finding; `expired` waives nothing any more; `unused` matched nothing. */
  readonly status: 'active' | 'expired' | 'unused';
  readonly matched: number;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DAY_MS = 86_400_000;

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Reads and validates a waiver file. Every problem is reported at once (exit 2), with the entry and
 * field: an unknown rule, a scope matching everything, a short reason, a missing approver, an
 * expiry that is not a date or lies beyond the horizon. Expired waivers load (they are reported);
 * `today` is the UTC date the run is judged on.
 */
export function loadWaivers(file: string, ruleIds: ReadonlySet<string>, today: string): Waiver[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new GateError(`cannot read waivers ${file}: ${(e as Error).message}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new GateError(`${file}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const unknown = (obj: Record<string, unknown>, allowed: string[], where: string) =>
    Object.keys(obj).filter((k) => !allowed.includes(k)).forEach((k) => problems.push(`${where}: unknown field "${k}"; expected ${allowed.join(', ')}`));

  if (typeof raw !== 'object' || Array.isArray(raw)) throw new GateError(`${file}: expected a mapping with "waivers" (and optionally "maxDays")`);
  unknown(raw, ['maxDays', 'waivers'], file);
  const horizon = raw.maxDays ?? DEFAULT_WAIVER_HORIZON_DAYS;
  if (!Number.isInteger(horizon) || (horizon as number) < 1 || (horizon as number) > 365) problems.push(`${file}: maxDays: expected an integer from 1 to 365, received ${JSON.stringify(raw.maxDays)}`);
  const list = raw.waivers ?? [];
  if (!Array.isArray(list)) throw new GateError(`${file}: waivers: expected a list, received ${JSON.stringify(list)}`);

  const waivers: Waiver[] = [];
  list.forEach((w: any, i: number) => {
    const where = `${file}: waivers[${i}]`;
    const before = problems.length;
    if (w === null || typeof w !== 'object' || Array.isArray(w)) {
      problems.push(`${where}: expected a mapping with rule, scope, reason, approver, expires`);
      return;
    }
    unknown(w, ['rule', 'scope', 'reason', 'approver', 'expires'], where);
    if (!ruleIds.has(w.rule)) problems.push(`${where}.rule: expected a rule id of the bundle (e.g. ${[...ruleIds][0]}), received ${JSON.stringify(w.rule)}`);
    const scope = w.scope ?? {};
    if (typeof scope !== 'object' || Array.isArray(scope)) problems.push(`${where}.scope: expected a mapping of tenant, stack, resource`);
    else {
      unknown(scope, ['tenant', 'stack', 'resource'], `${where}.scope`);
      const set = ['tenant', 'stack', 'resource'].filter((k) => scope[k] !== undefined);
      if (set.length === 0) problems.push(`${where}.scope: expected at least one of tenant, stack, resource (a waiver never covers a whole rule), received none`);
      for (const k of set) if (typeof scope[k] !== 'string' || scope[k].trim() === '') problems.push(`${where}.scope.${k}: expected a non-empty string, received ${JSON.stringify(scope[k])}`);
      if (scope.resource !== undefined && scope.stack === undefined) problems.push(`${where}.scope.resource: expected a stack beside it (the same address exists in many stacks)`);
    }
    if (typeof w.reason !== 'string' || w.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`${where}.reason: expected a sentence of at least ${MIN_REASON_LENGTH} characters, received ${JSON.stringify(w.reason)}`);
    }
    if (typeof w.approver !== 'string' || !EMAIL.test(w.approver)) problems.push(`${where}.approver: expected the approver's email address, received ${JSON.stringify(w.approver)}`);
    const expires = w.expires instanceof Date ? w.expires.toISOString().slice(0, 10) : w.expires;
    if (!isDate(expires)) problems.push(`${where}.expires: expected a date YYYY-MM-DD, received ${JSON.stringify(w.expires)}`);
    else if (Number.isInteger(horizon) && days(today, expires) > (horizon as number)) {
      problems.push(`${where}.expires: expected a date at most ${horizon} days after ${today}, received ${expires} (${days(today, expires)} days)`);
    }
    if (problems.length === before) waivers.push({ rule: w.rule, scope: { ...scope }, reason: w.reason.trim(), approver: w.approver, expires });
  });
  if (problems.length > 0) throw new GateError(`waivers are invalid (nothing was checked):\n  ${problems.join('\n  ')}`);
  return waivers;
}

/** Whether a waiver still waives on `today`: its expiry day included. */
export const isExpired = (w: Waiver, today: string) => days(today, w.expires) < 0;

/** Whether the waiver's scope covers a finding of its rule. */
export function covers(w: Waiver, f: { rule: string; stack: string; tenant: string | null; resource: string }): boolean {
  return (
    w.rule === f.rule &&
    (w.scope.tenant === undefined || w.scope.tenant === f.tenant) &&
    (w.scope.stack === undefined || w.scope.stack === f.stack) &&
    (w.scope.resource === undefined || w.scope.resource === f.resource)
  );
}

/** Today's date in UTC as YYYY-MM-DD. */
export const utcToday = () => new Date().toISOString().slice(0, 10);

/**
 * The UTC date a run is judged on: `value` when given (`--today`, or a caller's fixed date for a
 * reproducible run), else the real clock. `name` is what the error names.
 */
export function gateDay(value: string | undefined, name: string): string {
  if (value === undefined) return utcToday();
  if (!isDate(value)) throw new GateError(`${name}: expected a UTC date YYYY-MM-DD, received ${JSON.stringify(value)}`);
  return value;
}
