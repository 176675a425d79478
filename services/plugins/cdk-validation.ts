import * as path from 'path';
import type { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { DEFAULT_FAIL_ON, fails } from '../gate/fail-on';
import { runGate } from '../gate/gate';
import { loadInputs } from '../gate/inputs';
import { loadPolicyBundle } from '../gate/policy';
import { TOOL } from '../gate/outputs/tool';
import { BUNDLE_DIR, POLICIES_DIR } from '../toolchain/paths';

export interface CordonValidationPluginProps {
  /** @default the repository's compiled bundle (.tools/policy) */
  readonly bundleDir?: string;
  /** @default the repository's policies/ (the bundle must have been built from them) */
  readonly policiesDir?: string;
  /** `--fail-on` terms. @default ['mandatory'] */
  readonly failOn?: readonly string[];
}

/**
 * The cordon gate as a CDK policy validation plugin: `Validations.of(app).addPlugins(new
 * CordonValidationPlugin())` makes plain `cdk synth` fail with CDK's own report when a stack,
 * including stacks nested in Stages, breaks a rule. CDK calls plugins synchronously, which is why
 * the bundle loads with opa-wasm's `loadPolicySync`.
 */
export class CordonValidationPlugin implements IPolicyValidationPluginBeta1 {
  readonly name = 'cordon';
  readonly version = TOOL.version;
  private readonly props: CordonValidationPluginProps;

  constructor(props: CordonValidationPluginProps = {}) {
    this.props = props;
  }

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const bundle = loadPolicyBundle(this.props.bundleDir ?? BUNDLE_DIR, this.props.policiesDir ?? POLICIES_DIR);
    const failOn = this.props.failOn ?? DEFAULT_FAIL_ON;
    const report = runGate(loadInputs(context.templatePaths), bundle, { failOn });
    const byRule = new Map<string, PolicyViolationBeta1>();
    for (const f of report.findings.filter((x) => fails(x, failOn))) {
      const v = byRule.get(f.rule) ?? { ruleName: f.rule, description: f.title, fix: f.remediation, severity: f.severity, ruleMetadata: { controls: f.controls.join(','), level: f.level }, violatingResources: [] };
      (v.violatingResources as { resourceLogicalId: string; templatePath: string; locations: string[] }[]).push({ resourceLogicalId: f.resource, templatePath: path.resolve(f.file), locations: [`${f.path}: ${f.message}`] });
      byRule.set(f.rule, v);
    }
    if (!report.summary.passed) {
      // The CDK CLI (2.1148) synthesizes with @aws-cdk/core:failSynthOnValidationErrors=false, and
      // then `cdk synth` exits 0 on a failed validation (aws/aws-cdk#26844). Fail the process ourselves.
      process.exitCode = 1;
      const lines = report.findings.filter((f) => fails(f, failOn)).map((f) => `  ${f.rule} ${f.stack} ${f.resource} ${f.path}: ${f.message}`);
      process.stderr.write(`cordon: ${report.summary.failing} failing finding(s) in the synthesized stacks (--fail-on ${failOn.join(',')}); synth fails\n${lines.join('\n')}\n`);
    }
    return { success: report.summary.passed, violations: [...byRule.values()], pluginVersion: TOOL.version, metadata: { bundle: report.bundle.wasmSha256 } };
  }
}
