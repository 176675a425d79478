import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TOOLS_BIN } from './paths';

/** The pinned OPA release; the CLI is built from its Go module, never downloaded as a binary. */
export const OPA_VERSION = '1.22.2';
export const OPA_MODULE = 'github.com/open-policy-agent/opa';

export class ToolchainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolchainError';
  }
}

export const opaPath = (): string => path.join(TOOLS_BIN, 'opa');

/** Version of the opa binary at `bin`, or undefined when it is missing or does not run. */
function installedVersion(bin: string): string | undefined {
  if (!fs.existsSync(bin)) return undefined;
  const out = spawnSync(bin, ['version'], { encoding: 'utf8' });
  return /^Version:\s*(\S+)/m.exec(out.stdout ?? '')?.[1];
}

/**
 * Makes sure `.tools/bin/opa` is the pinned version, building it with `go install` when it is
 * missing or another version. Near-instant when it is already there.
 */
export function ensureOpa(log: (line: string) => void = () => undefined, binDir: string = TOOLS_BIN): string {
  const bin = path.join(binDir, 'opa');
  if (installedVersion(bin) === OPA_VERSION) return bin;
  // One environment for the probe and the build, so both find the same `go`.
  const env = { ...process.env, GOBIN: binDir, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() };
  const go = spawnSync('go', ['version'], { encoding: 'utf8', env });
  if (go.error || go.status !== 0) {
    throw new ToolchainError(`cannot build the opa CLI v${OPA_VERSION}: 'go' is not on PATH (install Go 1.24 or newer, then re-run)`);
  }
  log(`building opa v${OPA_VERSION} with ${go.stdout.trim()} into ${path.relative(process.cwd(), binDir) || binDir} (first run only)`);
  fs.mkdirSync(binDir, { recursive: true });
  const res = spawnSync('go', ['install', `${OPA_MODULE}@v${OPA_VERSION}`], { encoding: 'utf8', env });
  if (res.error || res.status !== 0) throw new ToolchainError(`go install ${OPA_MODULE}@v${OPA_VERSION} failed:\n${res.error?.message ?? res.stderr}`);
  const got = installedVersion(bin);
  if (got !== OPA_VERSION) throw new ToolchainError(`built opa reports version ${got ?? 'nothing'}, expected ${OPA_VERSION}`);
  return bin;
}

/** Runs the pinned opa with `args`; throws with opa's own output when it fails. */
export function runOpa(args: string[], what: string): string {
  const res = spawnSync(opaPath(), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error) throw new ToolchainError(`${what}: ${res.error.message}`);
  if (res.status !== 0) throw new ToolchainError(`${what} failed:\n${(res.stdout + res.stderr).trim()}`);
  return res.stdout;
}
