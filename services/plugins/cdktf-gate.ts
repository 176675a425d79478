import type { App } from 'cdktf';
import { DEFAULT_FAIL_ON } from '../gate/fail-on';
import { runGate } from '../gate/gate';
import { loadInputs } from '../gate/inputs';
import { GateError } from '../gate/model';
import { renderTable } from '../gate/outputs/table';
import { loadPolicyBundle } from '../gate/policy';
import { BUNDLE_DIR, POLICIES_DIR } from '../toolchain/paths';

/**
 * Synthesizes a cdktf app and gates what it wrote; throws (so `cdktf synth` fails) with the
 * report when anything fails, the same verdict `cordon check` would give. cdktf has no validation
 * hook that sees the synthesized JSON, so the gate runs right after synth, in the same process.
 */
export function synthAndGate(app: App, failOn: readonly string[] = DEFAULT_FAIL_ON, bundle = { dir: BUNDLE_DIR, policies: POLICIES_DIR }): void {
  app.synth();
  const report = runGate(loadInputs([app.outdir]), loadPolicyBundle(bundle.dir, bundle.policies), { failOn });
  if (!report.summary.passed) throw new GateError(`cordon gate failed after cdktf synth:\n${renderTable(report)}`);
}
