import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pulumiBinDir, PULUMI_VERSION, remoteReplaces } from '../../services/toolchain/pulumi-cli';
import { ROOT } from '../../services/toolchain/paths';

/*
 * The CrossGuard pack under the real Pulumi CLI: `pulumi preview --policy-pack plugins/pulumi` on
 * each example program (examples/pulumi/<cloud>), as written and with one setting broken. Offline:
 * a local backend in a temporary folder, the stand-in provider package and plugin of
 * test/support/pulumi-provider.ts, and the program served to the CLI over `--client`
 * (test/support/pulumi-program.ts). The CLI is built by plugins/pulumi/install-cli.ts (minutes);
 * without it, this suite is skipped and says so.
 */

const CLI = path.join(pulumiBinDir(), 'pulumi');
const TS_NODE = path.join(ROOT, 'node_modules', 'ts-node', 'register', 'transpile-only');
const present = fs.existsSync(CLI);
if (!present) {
  const bar = '!'.repeat(100);
  console.warn(`${bar}\nSKIPPED test/plugins/pulumi-cli.test.ts: no Pulumi CLI at ${CLI}.\nInstall it (builds pulumi v${PULUMI_VERSION} from Go, minutes): node -r ts-node/register/transpile-only plugins/pulumi/install-cli.ts\n${bar}`);
}

describe('the Pulumi CLI install (plugins/pulumi/install-cli.ts)', () => {
  // .ci/run installs the CLI: in CI, the suite below never passes by being skipped.
  test('is there in CI', () => {
    if (process.env.CI === 'true') expect(fs.existsSync(CLI) ? CLI : 'absent').toBe(CLI);
  });

  test("its version is @pulumi/pulumi's, which the pack and the programs run on", () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies['@pulumi/pulumi']).toBe(PULUMI_VERSION);
  });

  test("pkg/v3's replaces of remote modules are repeated in the module it is built in, its local ones not", () => {
    const goMod = 'module github.com/pulumi/pulumi/pkg/v3\n\ngo 1.25\n\nreplace github.com/pulumi/pulumi/sdk/v3 => ../sdk\n\nreplace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e\n';
    expect(remoteReplaces(goMod)).toEqual(['replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e']);
    expect(remoteReplaces('replace (\n\ta/b => ./b\n\tc/d v1.0.0 => e/f v1.2.0 // pinned\n)\n')).toEqual(['replace c/d v1.0.0 => e/f v1.2.0']);
  });
});

/** A preview's exit status, output, and policy violations (from its engine events), each `POLICY LEVEL RESOURCE-NAME: RULE ADDRESS ATTRIBUTE`. */
interface Preview {
  readonly status: number | null;
  readonly output: string;
  readonly violations: string[];
}

(present ? describe : describe.skip)(`pulumi v${PULUMI_VERSION} preview --policy-pack plugins/pulumi`, () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const launcher = path.join(pulumiBinDir(), 'pulumi-analyzer-policy-nodejs');
    if (!fs.existsSync(launcher)) throw new Error(`the pulumi CLI is installed without ${launcher}: run node -r ts-node/register/transpile-only plugins/pulumi/install-cli.ts`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-pulumi-'));
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    for (const cloud of ['aws', 'gcp']) {
      // The provider plugin the CLI starts for the cloud's resources, and the provider package the program imports.
      fs.writeFileSync(path.join(bin, `pulumi-resource-${cloud}`), `#!/bin/sh\nTS_NODE_PROJECT=${ROOT}/tsconfig.json exec node -r ${TS_NODE} ${ROOT}/test/support/pulumi-provider.ts ${cloud} "$@"\n`, { mode: 0o755 });
      const pkg = path.join(tmp, 'node_modules', '@pulumi', cloud);
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: `@pulumi/${cloud}`, version: '0.0.0-standin', main: 'index.js' }));
      fs.writeFileSync(path.join(pkg, 'index.js'), `module.exports = require(${JSON.stringify(path.join(ROOT, 'test', 'support', 'pulumi-provider.ts'))}).customResourcePackage(${JSON.stringify(cloud)});\n`);
    }
    fs.mkdirSync(path.join(tmp, 'state'));
    env = {
      ...process.env,
      PATH: [bin, pulumiBinDir(), process.env.PATH].join(path.delimiter),
      PULUMI_HOME: path.join(tmp, 'home'),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, 'state')}`,
      PULUMI_CONFIG_PASSPHRASE: 'cordon-test',
      PULUMI_SKIP_UPDATE_CHECK: '1',
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    };
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Serves the program in `dir` to the CLI (test/support/pulumi-program.ts); resolves its port. */
  async function serveProgram(dir: string): Promise<{ child: ChildProcess; port: string }> {
    const child = spawn(process.execPath, ['-r', TS_NODE, path.join(ROOT, 'test', 'support', 'pulumi-program.ts'), dir], {
      cwd: dir,
      env: { ...env, NODE_PATH: path.join(tmp, 'node_modules'), TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (d) => resolve(String(d).trim()));
      child.once('exit', (code) => reject(new Error(`the program server exited ${code}: ${stderr}`)));
    });
    return { child, port };
  }

  /**
   * `pulumi preview --policy-pack plugins/pulumi` on a copy of examples/pulumi/<cloud> in stack
   * `stack`, with `edit` ([text, replacement], the text found exactly once) applied to its index.ts,
   * and `settings` in the CLI's environment (which the CLI passes on to the pack).
   */
  async function preview(cloud: 'aws' | 'gcp', stack: string, edit?: readonly [string, string], settings: NodeJS.ProcessEnv = {}): Promise<Preview> {
    const dir = fs.mkdtempSync(path.join(tmp, `${cloud}-`));
    for (const f of ['Pulumi.yaml', 'package.json', 'index.ts']) fs.copyFileSync(path.join(ROOT, 'examples', 'pulumi', cloud, f), path.join(dir, f));
    if (edit) {
      const file = path.join(dir, 'index.ts');
      const source = fs.readFileSync(file, 'utf8');
      expect(source.split(edit[0])).toHaveLength(2);
      fs.writeFileSync(file, source.replace(edit[0], edit[1]));
    }
    const init = spawnSync(CLI, ['stack', 'select', '--create', stack, '--non-interactive'], { cwd: dir, env, encoding: 'utf8' });
    expect({ status: init.status, stderr: init.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const { child, port } = await serveProgram(dir);
    const events = path.join(dir, 'events.jsonl');
    try {
      // (PULUMI_DEBUG_COMMANDS enables --event-log, as the Automation API sets it.)
      const run = spawnSync(CLI, ['preview', '--non-interactive', '--color', 'never', '--stack', stack, '--client', `127.0.0.1:${port}`, '--policy-pack', path.join(ROOT, 'plugins', 'pulumi'), '--event-log', events], {
        cwd: dir,
        env: { ...env, ...settings, PULUMI_DEBUG_COMMANDS: 'true' },
        encoding: 'utf8',
        timeout: 240_000,
      });
      const violations = fs
        .readFileSync(events, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l))
        .filter((e) => e.policyEvent)
        .map(({ policyEvent: p }) => `${p.policyName} ${p.enforcementLevel} ${p.resourceUrn?.split('::').pop() ?? '-'}: ${String(p.message).trim().split('\n').pop()!.split(':')[0]}`);
      return { status: run.status, output: `${run.stdout}${run.stderr}`, violations };
    } finally {
      child.kill();
    }
  }

  test('GIVEN the AWS example as written THEN the preview passes, the pack loaded and silent', async () => {
    const { status, output, violations } = await preview('aws', 'stark-staging');
    expect({ status, violations }).toEqual({ status: 0, violations: [] });
    expect(output).toMatch(/✅ cordon@v0\.1\.0/);
  }, 300_000);

  test('GIVEN the AWS key without rotation THEN the preview fails with exactly ENC-2-AWS, mandatory, at the key', async () => {
    const { status, output, violations } = await preview('aws', 'stark-staging', ['enableKeyRotation: true', 'enableKeyRotation: false']);
    expect(violations).toEqual(['ENC-2-AWS mandatory logs-key: ENC-2-AWS aws_kms_key.logs-key enable_key_rotation']);
    expect(status).not.toBe(0);
    expect(output).toMatch(/\[mandatory\].*ENC-2-AWS\s+\(aws:kms\/key:Key: logs-key\)/);
  }, 300_000);

  test("GIVEN the key without rotation and a waiver of it in CORDON_WAIVERS THEN the preview passes: the CLI passes the pack its environment", async () => {
    const file = path.join(tmp, 'waivers.yaml');
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    fs.writeFileSync(file, `waivers:\n  - rule: ENC-2-AWS\n    scope: { stack: docs/stark-staging, resource: aws_kms_key.logs-key }\n    reason: Rotation is off while the key material is re-imported for the audit.\n    approver: security@example.com\n    expires: ${expires}\n`);
    const { status, violations } = await preview('aws', 'stark-staging', ['enableKeyRotation: true', 'enableKeyRotation: false'], { CORDON_WAIVERS: file });
    expect({ status, violations }).toEqual({ status: 0, violations: [] });
  }, 300_000);

  test('GIVEN the GCP example as written THEN the preview passes', async () => {
    const { status, violations } = await preview('gcp', 'acme-staging');
    expect({ status, violations }).toEqual({ status: 0, violations: [] });
  }, 300_000);

  test('GIVEN the GCP key rotated yearly THEN the preview fails with exactly ENC-2-GCP at the key', async () => {
    const { status, violations } = await preview('gcp', 'acme-staging', ["rotationPeriod: '7776000s'", "rotationPeriod: '31536000s'"]);
    expect(violations).toEqual(['ENC-2-GCP mandatory logs-key: ENC-2-GCP google_kms_crypto_key.logs-key rotation_period']);
    expect(status).not.toBe(0);
  }, 300_000);
});
