import * as fs from 'fs';
import * as path from 'path';
import { buildBundle } from '../../services/toolchain/build-bundle';
import { frameworkBundle, TEST_CACHE } from '../helpers';

/**
 * The framework bundle with one policy tightened (AWS keys must rotate every 30 days instead of
 * 90), as when a new rule lands before the estate is fixed: every AWS key stack fails the gate.
 */
export function strictBundle(): { bundle: string; policies: string } {
  const base = path.join(TEST_CACHE, 'strict-bundle');
  const policies = path.join(base, 'policies');
  fs.rmSync(policies, { recursive: true, force: true });
  fs.cpSync(frameworkBundle().policies, policies, { recursive: true });
  const rule = path.join(policies, 'rules', 'enc_2_aws_key_rotation.rego');
  const text = fs.readFileSync(rule, 'utf8');
  if (!text.includes('max_days := 90')) throw new Error(`${rule}: the threshold this helper tightens moved`);
  fs.writeFileSync(rule, text.replace('max_days := 90', 'max_days := 30'));
  const bundle = path.join(base, 'bundle');
  buildBundle({ policiesDir: policies, outDir: bundle });
  return { bundle, policies };
}
