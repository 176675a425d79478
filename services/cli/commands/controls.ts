import * as fs from 'fs';
import { parseArgs } from 'util';
import { GateError } from '../../gate/model';
import { loadPolicyBundle } from '../../gate/policy';
import { terraformTypesOf } from '../../gate/terraform-aws';
import { loadControls } from '../../toolchain/controls';
import { ControlView, controlViews, controlsMarkdown, controlsTable } from '../../toolchain/controls-catalog';
import { BUNDLE_DIR } from '../../toolchain/paths';
import { Io } from '../io';

export const CONTROLS_USAGE = `usage: cordon controls [--format table|markdown|json] [--out FILE]

  Lists every trust-center control (policies/controls.yaml) with the rules that prove it, the
  resource types they read on each cloud (and the Terraform AWS types judged as those
  CloudFormation types), severity, level and scope, from the compiled bundle's metadata; markdown adds the trust centers' own words and what is not covered yet. A cloud where a control applies but no rule covers it is shown as a GAP.
  docs/controls.md is this command's markdown output.`;

export function controls(args: string[], io: Io): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${CONTROLS_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({ args, strict: true, options: { format: { type: 'string', default: 'table' }, out: { type: 'string' }, bundle: { type: 'string', default: BUNDLE_DIR } } });
  const render = { table: controlsTable, markdown: controlsMarkdown, json: (v: readonly ControlView[]) => `${JSON.stringify(v, null, 2)}\n` }[values.format as 'table'];
  if (!render) throw new GateError(`--format: unknown "${values.format}"; expected table | markdown | json`);
  const text = render(controlViews(loadControls(), [...loadPolicyBundle(values.bundle).rules.values()], terraformTypesOf));
  if (values.out) fs.writeFileSync(values.out, text);
  else io.stdout(text);
  return 0;
}
