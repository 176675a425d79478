import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ToolchainError } from './opa';
import { ROOT } from './paths';

/*
 * The Pulumi CLI for the end-to-end test of the CrossGuard pack (test/plugins/pulumi-cli.test.ts),
 * built from its Go module at @pulumi/pulumi's version, never downloaded as a binary. Git-ignored
 * under .tools/pulumi:
 *   bin/pulumi                          the CLI (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
 *   bin/pulumi-analyzer-policy-nodejs   how the CLI starts a Node.js policy pack when no Node
 *                                       language host is installed: node on @pulumi/pulumi's
 *                                       run-policy-pack, in the pack's folder (as the host does)
 *   src/                                the throwaway Go module it is built in
 * The Node language host (pulumi-language-nodejs) is a Go module of its own that the module proxy
 * does not serve at this version, so it is not installed: programs are run for the CLI through
 * `--client` (test/support/pulumi-program.ts).
 */

/** @pulumi/pulumi's version (package.json pins it; a test checks they agree). */
export const PULUMI_VERSION = '3.248.0';
export const PULUMI_MODULE = 'github.com/pulumi/pulumi/pkg/v3';
export const PULUMI_DIR = path.join(ROOT, '.tools', 'pulumi');

export const pulumiBinDir = (dir: string = PULUMI_DIR): string => path.join(dir, 'bin');

/** Version the CLI at `bin` reports (`pulumi version` prints `v3.248.0`), or undefined when missing or broken. */
function installedVersion(bin: string): string | undefined {
  if (!fs.existsSync(bin)) return undefined;
  const out = spawnSync(bin, ['version'], { encoding: 'utf8', env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: '1' } });
  return /^v(\S+)/.exec(out.stdout?.trim() ?? '')?.[1];
}

/** The analyzer launcher: run-policy-pack resolved from the pack's folder, given the engine's address and the pack. */
const ANALYZER_LAUNCHER = `#!/bin/sh
# Written by services/toolchain/pulumi-cli.ts. The Pulumi CLI starts this in the policy pack's folder
# with the engine's address and the pack's path when no Node.js language host is installed.
set -e
run=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")
exec node "$run" "$@"
`;

/** The `replace` directives of a go.mod to a remote module (pkg/v3 replaces a dependency), one a line; not those to a folder. */
export function remoteReplaces(goMod: string): string[] {
  const out: string[] = [];
  let block = false;
  for (const line of goMod.split('\n').map((l) => l.replace(/\/\/.*$/, '').trim())) {
    if (/^replace\s*\($/.test(line)) block = true;
    else if (block && line === ')') block = false;
    else if ((block && line.includes('=>')) || /^replace\s/.test(line)) {
      const directive = block ? `replace ${line}` : line;
      if (!/=>\s*\.{0,2}\//.test(directive)) out.push(directive);
    }
  }
  return out;
}

/**
 * Makes sure `.tools/pulumi/bin` has the pinned CLI and the analyzer launcher, building the CLI
 * with Go when it is missing or another version (minutes, at low priority). Near-instant when it is
 * already there.
 */
export function ensurePulumiCli(log: (line: string) => void = () => undefined, dir: string = PULUMI_DIR): string {
  const binDir = pulumiBinDir(dir);
  const bin = path.join(binDir, 'pulumi');
  fs.mkdirSync(binDir, { recursive: true });
  const launcher = path.join(binDir, 'pulumi-analyzer-policy-nodejs');
  if (!fs.existsSync(launcher) || fs.readFileSync(launcher, 'utf8') !== ANALYZER_LAUNCHER) fs.writeFileSync(launcher, ANALYZER_LAUNCHER, { mode: 0o755 });
  if (installedVersion(bin) === PULUMI_VERSION) return bin;

  const src = path.join(dir, 'src');
  const env = { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false -mod=mod`.trim() };
  const go = (args: string[], what: string): string => {
    // Low priority: the build takes minutes of every core it is given.
    const res = spawnSync('nice', ['-n', '19', 'go', ...args], { cwd: src, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    if (res.error || res.status !== 0) throw new ToolchainError(`${what} failed:\n${res.error?.message ?? res.stderr}`);
    return res.stdout;
  };
  const probe = spawnSync('go', ['version'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) throw new ToolchainError(`cannot build the pulumi CLI v${PULUMI_VERSION}: 'go' is not on PATH (install Go 1.25 or newer, then re-run)`);
  log(`building pulumi v${PULUMI_VERSION} with ${probe.stdout.trim()} into ${path.relative(process.cwd(), binDir) || binDir} (first run only; minutes)`);
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'go.mod'), `module cordon.local/pulumi-cli\n\ngo 1.25\n\nrequire ${PULUMI_MODULE} v${PULUMI_VERSION}\n`);
  // `go install module@version` refuses a module with replace directives, so it is built from a
  // module of our own that requires it and repeats its replaces of remote modules.
  const info = JSON.parse(go(['mod', 'download', '-json', `${PULUMI_MODULE}@v${PULUMI_VERSION}`], `go mod download ${PULUMI_MODULE}@v${PULUMI_VERSION}`)) as { GoMod: string };
  fs.appendFileSync(path.join(src, 'go.mod'), `\n${remoteReplaces(fs.readFileSync(info.GoMod, 'utf8')).join('\n')}\n`);
  fs.writeFileSync(path.join(src, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${PULUMI_MODULE}/cmd/pulumi"\n`);
  go(['mod', 'tidy'], 'go mod tidy');
  const tmp = `${bin}.tmp-${process.pid}`;
  go(['build', '-trimpath', '-ldflags', `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}`, '-o', tmp, `${PULUMI_MODULE}/cmd/pulumi`], `go build ${PULUMI_MODULE}/cmd/pulumi`);
  fs.renameSync(tmp, bin);
  const got = installedVersion(bin);
  if (got !== PULUMI_VERSION) throw new ToolchainError(`built pulumi reports version ${got ?? 'nothing'}, expected ${PULUMI_VERSION}`);
  return bin;
}
