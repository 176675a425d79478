import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Io } from '../services/cli/io';
import { main } from '../services/cli/main';
import { buildBundle } from '../services/toolchain/build-bundle';
import { POLICIES_DIR, ROOT } from '../services/toolchain/paths';

/**
 * The date tests gate the example estate on (`--today`, the gate's `today`): within every soft-delete
 * window of the example registry and of the tests' offboarding records (2026-12-01 to 2026-12-31),
 * so no result depends on the calendar.
 */
export const EXAMPLE_TODAY = '2026-12-15';

/** Runs the cordon CLI in-process and captures what it printed. */
export function cordon(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (typeof code !== 'number') throw new Error(`cordon ${args[0]} is asynchronous: use cordonAsync`);
  return { code, stdout, stderr };
}

/** `cordon` for the commands that return a promise (deploy, drift); `io` may add `ask`. */
export async function cordonAsync(args: string[], io: Partial<Io> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...io });
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed after the test file. Call at file or describe level (it registers afterAll). */
export function tmpDir(prefix = 'cordon-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
export const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, JSON.stringify(value, null, 1));

/**
 * Where tests keep what outlives a run (the bundles below, built incrementally): in the git-ignored
 * tools folder, since the temporary folder is the run's own and removed after it (global-setup.ts).
 */
export const TEST_CACHE = path.join(ROOT, '.tools', 'test-cache');

/**
 * A bundle of the four original ENC rules only (ENC-1/ENC-2 on both clouds), built once per
 * machine (the build is incremental): for tests of the gate's product features (inputs, outputs,
 * waivers, shards), whose expected findings must not change whenever the catalog grows.
 */
export function frameworkBundle(): { bundle: string; policies: string } {
  const base = path.join(TEST_CACHE, 'framework-bundle');
  const policies = path.join(base, 'policies');
  fs.mkdirSync(path.join(policies, 'lib'), { recursive: true });
  fs.mkdirSync(path.join(policies, 'rules'), { recursive: true });
  const copy = (from: string, to: string) => {
    const text = fs.readFileSync(from);
    if (!fs.existsSync(to) || !fs.readFileSync(to).equals(text)) fs.writeFileSync(to, text);
  };
  for (const f of ['main.rego', 'controls.yaml']) copy(path.join(POLICIES_DIR, f), path.join(policies, f));
  for (const f of fs.readdirSync(path.join(POLICIES_DIR, 'lib')).filter((n) => !n.endsWith('_test.rego'))) copy(path.join(POLICIES_DIR, 'lib', f), path.join(policies, 'lib', f));
  for (const f of FRAMEWORK_RULES) copy(path.join(POLICIES_DIR, 'rules/enc', `${f}.rego`), path.join(policies, 'rules', `${f}.rego`));
  const bundle = path.join(base, 'bundle');
  buildBundle({ policiesDir: policies, outDir: bundle });
  return { bundle, policies };
}

const FRAMEWORK_RULES = ['enc_1_aws_bucket_kms', 'enc_1_gcp_bucket_cmek', 'enc_2_aws_key_rotation', 'enc_2_gcp_key_rotation'];

/** `cordon check` against the framework bundle: the same four rules whatever the catalog holds. */
export function checkWithFrameworkRules(...args: string[]): { code: number; stdout: string; stderr: string } {
  const { bundle, policies } = frameworkBundle();
  return cordon('check', ...args, '--bundle', bundle, '--policies', policies);
}

/**
 * Gates hand-written fixture files with the full catalog and lists the findings of rules whose id
 * starts with `prefix`, as `RULE stack resource` (plus the property path `withPath`, and ` (unverifiable)`), sorted. The area's own
 * rules only: other areas' rules judge the same resources by their own promises.
 */
export function areaFindings(prefix: string, files: readonly string[], extra: readonly string[] = [], { withPath = false } = {}): string[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-area-')), 'r.json');
  try {
    const res = cordon('check', ...files, ...extra, '--format', `json=${out}`);
    if (res.code !== 0 && res.code !== 1) throw new Error(res.stderr);
    return readJson(out)
      .findings.filter((f: any) => f.rule.startsWith(prefix))
      .map((f: any) => `${f.rule} ${f.stack} ${f.resource}${withPath ? ` ${f.path}` : ''}${f.level === 'unverifiable' ? ' (unverifiable)' : ''}`)
      .sort();
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}
