import * as fs from 'fs';
import { DEFAULT_FAIL_ON, parseFailOn } from '../gate/fail-on';
import { loadPolicyBundle, PolicyBundle } from '../gate/policy';
import { gateDay, loadWaivers, Waiver } from '../gate/waivers';
import { BUNDLE_DIR, DEFAULT_WAIVERS, POLICIES_DIR } from '../toolchain/paths';

/** The options every gating command shares (`check`, `deploy`), for parseArgs. */
export const GATE_OPTIONS = {
  'fail-on': { type: 'string', default: DEFAULT_FAIL_ON.join(',') },
  'allow-unverifiable': { type: 'boolean', default: false },
  waivers: { type: 'string' },
  bundle: { type: 'string', default: BUNDLE_DIR },
  policies: { type: 'string', default: POLICIES_DIR },
} as const;

/**
 * `--today`, for the commands that gate on the spot (`check`, `deploy`): the date the run is judged
 * on, for reproducible runs. The request gates of `serve` and `tenant` use the onboarding clock.
 */
export const TODAY_OPTION = { today: { type: 'string' } } as const;

export interface GateSettings {
  readonly bundle: PolicyBundle;
  readonly failOn: string[];
  readonly waivers: Waiver[];
  readonly today: string;
}

/** Loads the bundle, `--fail-on`, `--today` and the waivers, each validated before any work is done. */
export function gateSettings(values: { 'fail-on'?: string; 'allow-unverifiable'?: boolean; waivers?: string; bundle?: string; policies?: string; today?: string }): GateSettings {
  const failOn = parseFailOn(values['fail-on']!, values['allow-unverifiable']);
  const today = gateDay(values.today, '--today');
  const bundle = loadPolicyBundle(values.bundle, values.policies);
  const waiverFile = values.waivers ?? (fs.existsSync(DEFAULT_WAIVERS) ? DEFAULT_WAIVERS : undefined);
  const waivers = waiverFile ? loadWaivers(waiverFile, new Set([...bundle.rules.values()].map((r) => r.id)), today) : [];
  return { bundle, failOn, waivers, today };
}
