import * as fs from 'fs';
import * as path from 'path';
import { PolicyPack } from '@pulumi/policy';
import { loadRegistry } from '../../infra/registry/load';
import { loadPolicyBundle } from '../../services/gate/policy';
import { loadWaivers, utcToday } from '../../services/gate/waivers';
import { cordonPolicies } from '../../services/plugins/pulumi-pack';
import { TOOL } from '../../services/gate/outputs/tool';
import { BUNDLE_DIR, DEFAULT_WAIVERS, POLICIES_DIR, ROOT } from '../../services/toolchain/paths';

/*
 * The cordon gate as a Pulumi CrossGuard policy pack: `pulumi preview --policy-pack plugins/pulumi`.
 * Constructing the PolicyPack starts the analyzer's gRPC server, so this file only reads its
 * settings and constructs it; the policies are services/plugins/pulumi-pack.ts. Settings come from
 * the environment (Pulumi runs the pack as a child process of the CLI, in this folder, not where
 * `pulumi` was run: a relative path is of the cordon checkout, as the defaults are):
 *   CORDON_REGISTRY  tenant registry folder (default infra/tenants); "none" for no registry
 *   CORDON_WAIVERS   waiver file (default policies/waivers.yaml)
 *   CORDON_BUNDLE    compiled bundle (default .tools/policy; build it with `npm run tools`)
 */
const setting = (name: string): string | undefined => (process.env[name] ? path.resolve(ROOT, process.env[name]!) : undefined);
const bundle = loadPolicyBundle(setting('CORDON_BUNDLE') ?? BUNDLE_DIR, POLICIES_DIR);
const today = utcToday();
const registry = process.env.CORDON_REGISTRY === 'none' ? [] : loadRegistry(setting('CORDON_REGISTRY'));
const waiverFile = setting('CORDON_WAIVERS') ?? (fs.existsSync(DEFAULT_WAIVERS) ? DEFAULT_WAIVERS : undefined);
const waivers = waiverFile ? loadWaivers(waiverFile, new Set([...bundle.rules.values()].map((r) => r.id)), today) : [];

new PolicyPack('cordon', {
  description: `cordon ${TOOL.version}: the compiled policy bundle ${bundle.manifest.wasmSha256.slice(0, 12)} over the stack's AWS and GCP resources`,
  policies: cordonPolicies({ bundle, registry, waivers, today }),
});
