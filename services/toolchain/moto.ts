import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ToolchainError } from './opa';
import { ROOT } from './paths';
import { sha256 } from './policy-sources';

/** moto's AWS API server, the local AWS the deploy tests and bench run against (PyPI; every package pinned). */
export const MOTO_VERSION = '5.2.5';
export const MOTO_DIR = path.join(ROOT, '.tools', 'moto');
const REQUIREMENTS = path.join(ROOT, 'services', 'toolchain', 'moto-requirements.txt');
/** Records which requirements the venv was made from, so a changed pin rebuilds it. */
const STAMP = 'cordon-requirements.sha256';

/** The venv's python; moto is importable from it once `ensureMoto` has run. */
export const motoPython = (dir: string = MOTO_DIR): string => path.join(dir, 'bin', 'python');

function installedVersion(python: string): string | undefined {
  if (!fs.existsSync(python)) return undefined;
  const out = spawnSync(python, ['-c', 'import importlib.metadata as m, flask_cors; print(m.version("moto"))'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

const requirementsDigest = () => sha256(fs.readFileSync(REQUIREMENTS));
const stampOf = (dir: string) => (fs.existsSync(path.join(dir, STAMP)) ? fs.readFileSync(path.join(dir, STAMP), 'utf8') : undefined);

/**
 * Makes sure `.tools/moto` is a Python venv holding `moto[server]` at the pinned version, creating
 * it with the machine's python3 when missing or another version (about a minute, first run only).
 */
export function ensureMoto(log: (line: string) => void = () => undefined, dir: string = MOTO_DIR): string {
  const python = motoPython(dir);
  if (stampOf(dir) === requirementsDigest() && installedVersion(python) === MOTO_VERSION) return python;
  const run = (cmd: string, args: string[], what: string) => {
    const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (res.error || res.status !== 0) throw new ToolchainError(`${what} failed: ${(res.error?.message ?? res.stderr).trim().split('\n').slice(-3).join(' ')}`);
  };
  log(`installing moto[server] ${MOTO_VERSION} into ${path.relative(process.cwd(), dir) || dir} (first run only)`);
  fs.rmSync(dir, { recursive: true, force: true });
  run('python3', ['-m', 'venv', dir], 'python3 -m venv (Python 3.9 or newer with venv is needed for the local AWS API)');
  run(path.join(dir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--no-deps', '-r', REQUIREMENTS], `pip install -r ${path.basename(REQUIREMENTS)}`);
  const got = installedVersion(python);
  if (got !== MOTO_VERSION) throw new ToolchainError(`installed moto reports version ${got ?? 'nothing'}, expected ${MOTO_VERSION}`);
  fs.writeFileSync(path.join(dir, STAMP), requirementsDigest());
  return python;
}
