import { spawnSync } from 'child_process';
import { GateError } from './model';

// @cdktf/hcl2json is asynchronous (Go compiled to wasm); the gate is synchronous so that the CDK
// validation plugin can call it. So every HCL file of a run is converted in one child process.
const CHILD = `
const { parse } = require('@cdktf/hcl2json');
const files = JSON.parse(require('fs').readFileSync(0, 'utf8'));
Promise.all(files.map(([name, text]) => parse(name, text).then((json) => ({ json }), (e) => ({ error: String(e && e.message || e) }))))
  .then((out) => process.stdout.write(JSON.stringify(out)));
`;

/** Converts Terraform HCL texts to Terraform JSON, in order; a file that does not parse is an error naming it. */
export function hclToJson(files: readonly { name: string; text: string }[]): Record<string, unknown>[] {
  if (files.length === 0) return [];
  const res = spawnSync(process.execPath, ['-e', CHILD], {
    input: JSON.stringify(files.map((f) => [f.name, f.text])),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    cwd: __dirname,
  });
  if (res.status !== 0) throw new GateError(`cannot convert Terraform HCL (${files.map((f) => f.name).join(', ')}): ${res.stderr.trim().split('\n').pop()}`);
  const out = JSON.parse(res.stdout) as { json?: Record<string, unknown>; error?: string }[];
  return out.map((r, i) => {
    if (r.error !== undefined) throw new GateError(`${files[i].name}: not valid Terraform HCL: ${r.error.split('\n')[0]}`);
    return r.json!;
  });
}
