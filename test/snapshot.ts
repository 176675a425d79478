import * as os from 'os';
import { ROOT } from '../services/toolchain/paths';

/**
 * Makes a synthesized template stable across machines and runs: absolute paths (the checkout, the
 * temp folder) and content hashes (asset hashes, CDK's hex-encoded ids) become placeholders.
 */
export function normalizeForSnapshot<T>(doc: T): T {
  const text = JSON.stringify(doc)
    .split(ROOT).join('<root>')
    .split(os.tmpdir()).join('<tmp>')
    .replace(/\b[0-9a-f]{32,64}\b/g, '<hash>');
  return JSON.parse(text) as T;
}
