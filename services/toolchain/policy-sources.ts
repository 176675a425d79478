import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OPA_VERSION } from './opa';
import { POLICIES_DIR, SDK_CAPABILITIES } from './paths';

/** Every non-test `.rego` file under `dir`, sorted, as absolute paths. Test files never enter the bundle. */
export function policySources(dir: string = POLICIES_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rego') && !e.name.endsWith('_test.rego')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Digest of everything a bundle is built from: the pinned OPA version, the SDK's capabilities and
 * each source's path and content. The gate recomputes it to refuse a bundle built from other sources.
 */
export function sourcesDigest(dir: string = POLICIES_DIR): string {
  const h = createHash('sha256');
  h.update(`opa ${OPA_VERSION}\0`).update(fs.readFileSync(SDK_CAPABILITIES)).update('\0');
  for (const f of policySources(dir)) h.update(path.relative(dir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex');
}
