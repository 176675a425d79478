import * as fs from 'fs';
import * as path from 'path';
import { PolicyPack } from '@pulumi/policy';
import { loadRegistry } from '../../infra/registry/load';
import { loadPolicyBundle } from '../../services/gate/policy';
import { loadWaivers, utcToday } from '../../services/gate/waivers';
import { cordonPolicies } from '../../services/plugins/pulumi-pack';
import { TOOL } from '../../services/gate/outputs/tool';
import { BUNDLE_DIR, DEFAULT_WAIVERS, POLICIES_DIR } from '../../services/toolchain/paths';

/*
 * The cordon gate as a Pulumi CrossGuard policy pack: `pulumi preview --policy-pack plugins/pulumi`.
 * Constructing the PolicyPack starts the analyzer's gRPC server, so this file only reads its
 * settings and constructs it; the policies are services/plugins/pulumi-pack.ts. Settings come from
 * the environment (Pulumi runs the pack as a child process of the CLI):
 *   CORDON_REGISTRY  tenant registry folder (default infra/tenants); "none" for no registry
 *   CORDON_WAIVERS   waiver file (default policies/waivers.yaml)
 *   CORDON_BUNDLE    compiled bundle (default .tools/policy; build it with `npm run tools`)
 */
const bundle = loadPolicyBundle(process.env.CORDON_BUNDLE ?? BUNDLE_DIR, POLICIES_DIR);
const today = utcToday();
const registryDir = process.env.CORDON_REGISTRY;
const registry = registryDir === 'none' ? [] : loadRegistry(registryDir ? path.resolve(registryDir) : undefined);
const waiverFile = process.env.CORDON_WAIVERS ?? (fs.existsSync(DEFAULT_WAIVERS) ? DEFAULT_WAIVERS : undefined);
const waivers = waiverFile ? loadWaivers(waiverFile, new Set([...bundle.rules.values()].map((r) => r.id)), today) : [];

new PolicyPack('cordon', {
  description: `cordon ${TOOL.version}: the compiled policy bundle ${bundle.manifest.wasmSha256.slice(0, 12)} over the stack's AWS and GCP resources`,
  policies: cordonPolicies({ bundle, registry, waivers, today }),
});
