import * as os from 'os';
import { ROOT } from '../services/toolchain/paths';

/**
 * Makes a synthesized template stable across machines and runs: absolute paths (the checkout, the
 * temp folder) and content hashes (asset hashes, CDK's hex-encoded ids) become placeholders; each
 * resource's `aws:cdk:path` metadata (its construct path, for findings) is left out.
 */
export function normalizeForSnapshot<T>(doc: T): T {
  const text = JSON.stringify(doc, (key, value) => (key === 'Metadata' && value && typeof value === 'object' && 'aws:cdk:path' in value ? withoutPath(value) : value))
    .split(ROOT).join('<root>')
    .split(os.tmpdir()).join('<tmp>')
    .replace(/\b[0-9a-f]{32,64}\b/g, '<hash>');
  return JSON.parse(text) as T;
}

function withoutPath(metadata: Record<string, unknown>): Record<string, unknown> | undefined {
  const { 'aws:cdk:path': _path, ...rest } = metadata;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
