import { LEVELS, SEVERITIES } from '../toolchain/catalog';
import { Finding, GateError } from './model';

/** Mandatory violations, and what a mandatory rule could not verify (fail closed). */
export const DEFAULT_FAIL_ON: readonly string[] = ['mandatory', 'unverifiable'];
const TERMS = [...LEVELS, 'unverifiable', ...SEVERITIES, 'none'];

/**
 * Parses `--fail-on`: a comma-separated list of terms, any of which makes an open finding fail.
 * `mandatory` matches violations of mandatory rules; `unverifiable` what a mandatory rule could not
 * verify (a value known only at deploy time, or a link to a resource outside the input); `advisory`
 * every finding; a severity is a threshold (`high` = high or critical); `none` fails on nothing
 * (report-only). `unverifiable` is always added unless `allowUnverifiable` (`--allow-unverifiable`)
 * names the choice to pass what was not verified: leaving it out of a list must not lose it silently.
 */
export function parseFailOn(spec: string, allowUnverifiable = false): string[] {
  const terms = spec.split(',').map((t) => t.trim());
  const bad = terms.filter((t) => !TERMS.includes(t));
  if (bad.length > 0 || terms.length === 0) throw new GateError(`--fail-on: unknown term "${bad.join(',') || spec}"; expected a comma-separated list of ${TERMS.join(' | ')}`);
  if (terms.includes('none') && terms.length > 1) throw new GateError(`--fail-on: "none" cannot be combined with other terms, received "${spec}"`);
  if (allowUnverifiable && terms.includes('unverifiable')) throw new GateError(`--allow-unverifiable contradicts --fail-on "${spec}", which names unverifiable`);
  return terms.includes('none') || allowUnverifiable || terms.includes('unverifiable') ? terms : [...terms, 'unverifiable'];
}

/** Whether an open finding fails the run under the given terms. Waived findings never fail. */
export function fails(f: Pick<Finding, 'status' | 'level' | 'severity'>, failOn: readonly string[]): boolean {
  if (f.status !== 'open') return false;
  return failOn.some((term) => {
    if (term === 'mandatory' || term === 'unverifiable') return f.level === term;
    if (term === 'advisory') return true;
    const threshold = SEVERITIES.indexOf(term as (typeof SEVERITIES)[number]);
    return threshold >= 0 && SEVERITIES.indexOf(f.severity) <= threshold;
  });
}
