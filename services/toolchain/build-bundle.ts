import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { catalogFromInspect, RuleMeta } from './catalog';
import { loadControls, unknownControls } from './controls';
import { ensureOpa, OPA_VERSION, runOpa, ToolchainError } from './opa';
import { BUNDLE_DIR, POLICIES_DIR, ROOT, SDK_CAPABILITIES } from './paths';
import { policySources, sha256, sourcesDigest } from './policy-sources';

/** Per stack: every rule's `deny` set, each finding tagged with its rule package. */
export const ENTRYPOINT = 'cordon/main/findings';
/** Per batch of stacks (`{"stacks": [...]}`): each stack's findings as ENTRYPOINT gives them, in order. */
export const BATCH_ENTRYPOINT = 'cordon/main/batch';
/** The entrypoint of an estate rule package, evaluated once per run over the estate document. */
export const estateEntrypoint = (pkg: string) => `cordon/rules/${pkg}/deny_estate`;

/** Packages under cordon.rules that define `deny_estate`, read from the sources before the build. */
function estatePackages(sources: readonly string[]): string[] {
  return sources.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    const pkg = /^package cordon\.rules\.([A-Za-z0-9_]+)\s*$/m.exec(text)?.[1];
    return pkg && /^deny_estate contains\b/m.test(text) ? [pkg] : [];
  });
}

export interface BundleManifest {
  readonly opaVersion: string;
  readonly entrypoint: string;
  readonly sourcesSha256: string;
  readonly wasmSha256: string;
  readonly catalogSha256: string;
}

export interface BuiltBundle {
  readonly dir: string;
  readonly manifest: BundleManifest;
  readonly rebuilt: boolean;
}

/** Reads a file from an in-memory .tar (ustar) by name; `opa build` writes `/policy.wasm`. */
function readTarEntry(tar: Buffer, wanted: string): Buffer | undefined {
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const name = (field(345, 155) ? `${field(345, 155)}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (name.replace(/^\/+/, '') === wanted) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/**
 * The SDK's capabilities (its builtins and wasm ABI versions) plus the language features of the
 * pinned OPA, which the SDK file predates. Building against it makes a builtin the SDK lacks a
 * compile error rather than a runtime failure in CI.
 */
function buildCapabilities(): string {
  const sdk = JSON.parse(fs.readFileSync(SDK_CAPABILITIES, 'utf8'));
  const current = JSON.parse(runOpa(['capabilities', '--current'], 'opa capabilities'));
  return JSON.stringify({ ...sdk, features: current.features, future_keywords: current.future_keywords });
}

function readManifest(dir: string): BundleManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Compiles `policies/` to `.tools/policy/` (policy.wasm, catalog.json, manifest.json) unless the
 * bundle there was built from exactly these sources. Writes into a temporary folder and renames it
 * into place, so an interrupted build never leaves a mixed bundle.
 */
export function buildBundle(opts: { policiesDir?: string; outDir?: string; log?: (line: string) => void } = {}): BuiltBundle {
  const policiesDir = opts.policiesDir ?? POLICIES_DIR;
  const outDir = opts.outDir ?? BUNDLE_DIR;
  const digest = sourcesDigest(policiesDir);
  const existing = readManifest(outDir);
  if (existing && existing.sourcesSha256 === digest && fs.existsSync(path.join(outDir, 'policy.wasm'))) {
    if (sha256(fs.readFileSync(path.join(outDir, 'policy.wasm'))) === existing.wasmSha256) {
      return { dir: outDir, manifest: existing, rebuilt: false };
    }
  }

  ensureOpa(opts.log);
  // Staged beside the output so the final rename stays on one filesystem and is atomic.
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(outDir), '.bundle-'));
  try {
    const sources = policySources(policiesDir);
    const caps = path.join(work, 'capabilities.json');
    fs.writeFileSync(caps, buildCapabilities());
    const tarball = path.join(work, 'bundle.tar.gz');
    const entrypoints = [ENTRYPOINT, BATCH_ENTRYPOINT, ...estatePackages(sources).map(estateEntrypoint)].flatMap((e) => ['-e', e]);
    runOpa(['build', '-t', 'wasm', ...entrypoints, '--capabilities', caps, '-o', tarball, ...sources], 'opa build');
    const wasm = readTarEntry(gunzipSync(fs.readFileSync(tarball)), 'policy.wasm');
    if (!wasm) throw new ToolchainError('opa build produced no policy.wasm');

    // Inspecting the built bundle, not the sources, ties the catalog to exactly what was compiled.
    const inspect = JSON.parse(runOpa(['inspect', '-a', '-f', 'json', tarball], 'opa inspect'));
    const catalog: RuleMeta[] = catalogFromInspect(
      inspect,
      (f) => path.relative(ROOT, path.resolve('/', f)),
      (f) => fs.readFileSync(path.resolve('/', f), 'utf8'),
    );
    const unknown = unknownControls(catalog, loadControls(path.join(policiesDir, 'controls.yaml')));
    if (unknown.length > 0) throw new ToolchainError(`policy metadata names unknown controls:\n  ${unknown.join('\n  ')}`);
    const catalogJson = JSON.stringify(catalog, null, 2);
    const manifest: BundleManifest = {
      opaVersion: OPA_VERSION,
      entrypoint: ENTRYPOINT,
      sourcesSha256: digest,
      wasmSha256: sha256(wasm),
      catalogSha256: sha256(catalogJson),
    };
    const staged = path.join(work, 'out');
    fs.mkdirSync(staged);
    fs.writeFileSync(path.join(staged, 'policy.wasm'), wasm);
    fs.writeFileSync(path.join(staged, 'catalog.json'), catalogJson);
    fs.writeFileSync(path.join(staged, 'manifest.json'), JSON.stringify(manifest, null, 2));
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(staged, outDir);
    opts.log?.(`built ${path.relative(process.cwd(), outDir) || outDir}: ${catalog.length} rules, ${wasm.length} bytes of wasm`);
    return { dir: outDir, manifest, rebuilt: true };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
