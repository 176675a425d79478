import { stackInfo, stringEntries } from './labels';
import { GateError, Resource, StackDoc } from './model';
import { translateAws } from './terraform-aws';
import { expandLocalModules, TerraformConfig } from './terraform-modules';

// `type.name` inside `${...}`; types have a provider prefix (google_, aws_), which keeps var./local./each. out.
const INTERPOLATION = /\$\{([^}]*)\}/g;
const ADDRESS = /\b(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

function collectReferences(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    // Most values are literals: the test spares them the regex iterator (a tenth of reading a cdktf estate).
    if (value.includes('${')) for (const m of value.matchAll(INTERPOLATION)) for (const a of m[1].matchAll(ADDRESS)) out.add(`${a[1] ?? ''}${a[2]}.${a[3]}`);
  } else if (Array.isArray(value)) for (const v of value) collectReferences(v, out);
  else if (value && typeof value === 'object') for (const k in value) collectReferences((value as Record<string, unknown>)[k], out);
}

/**
 * Normalizes Terraform JSON (cdktf output, hand-written `*.tf.json`, or HCL converted by hcl2json) into a stack document.
 * Managed resources only: data sources read, they do not create, and share type names with resources.
 * Local modules are expanded from `dir`, the folder the configuration was read from (terraform-modules.ts);
 * a configuration that comes from no folder (a Pulumi stack) has no module to expand.
 */
export function normalizeTerraform(tf: Record<string, unknown>, name: string, file: string, dir?: string): StackDoc {
  if (tf.module !== undefined && dir === undefined) throw new GateError(`${file}: module blocks, but no folder to read their sources from`);
  const expanded = tf.module === undefined ? undefined : expandLocalModules(tf as TerraformConfig, dir!, file);
  const raw = expanded?.resource ?? tf.resource ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new GateError(`${file}: Terraform "resource" must be an object of types`);
  const resources: Record<string, Resource> = {};
  for (const [type, byName] of Object.entries(raw as Record<string, unknown>)) {
    if (!byName || typeof byName !== 'object' || Array.isArray(byName)) throw new GateError(`${file}: resource type ${type} must map names to blocks`);
    for (const [resName, written] of Object.entries(byName as Record<string, any>)) {
      // HCL converted to JSON writes each block as a one-element list.
      const block = Array.isArray(written) && written.length === 1 ? written[0] : written;
      if (!block || typeof block !== 'object' || Array.isArray(block)) throw new GateError(`${file}: resource ${type}.${resName} must be an object`);
      const { '//': meta, ...properties } = block;
      const refs = new Set<string>();
      collectReferences(properties, refs);
      const labels = properties.labels ?? properties.tags;
      resources[`${type}.${resName}`] = {
        type,
        properties,
        references: [...refs].sort(),
        labels: labels && typeof labels === 'object' ? stringEntries(Object.entries(labels)) : {},
        path: typeof meta?.metadata?.path === 'string' ? meta.metadata.path : null,
        ...(expanded?.addresses[`${type}.${resName}`] && { address: expanded.addresses[`${type}.${resName}`] }),
      };
    }
  }
  const translated = translateAws(resources, undefined, expanded?.data ?? tf.data, tf.provider);
  return { stack: stackInfo(name, 'terraform', translated), tenant: null, resources: translated };
}
