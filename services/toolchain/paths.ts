import * as path from 'path';
import { REPO_ROOT } from '../../infra/root';

/** Repository root, resolved from the sources' place so commands work from any working directory. */
export const ROOT = REPO_ROOT;
export const POLICIES_DIR = path.join(ROOT, 'policies');
export const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');
/** Build output of `policies/`: policy.wasm, catalog.json, manifest.json. Git-ignored. */
export const BUNDLE_DIR = path.join(ROOT, '.tools', 'policy');
/** The wasm SDK's builtins; its package `exports` hide the file, so resolve it beside the entry point. */
export const SDK_CAPABILITIES = path.join(path.dirname(require.resolve('@open-policy-agent/opa-wasm')), '..', 'capabilities.json');
/** Waivers kept in git beside the policies; not part of the bundle, so editing one needs no rebuild. */
export const DEFAULT_WAIVERS = path.join(POLICIES_DIR, 'waivers.yaml');
