import * as fs from 'fs';
import * as path from 'path';
import { hclToJson } from './hcl';
import { GateError } from './model';
import { parseStrictJson } from './strict-json';

type Blocks = Record<string, Record<string, unknown>>;

/** The parts of a Terraform configuration the gate reads, as Terraform JSON (hcl2json writes each block as a one-element list). */
export interface TerraformConfig {
  resource?: Blocks;
  data?: Blocks;
  provider?: Record<string, unknown>;
  module?: Record<string, unknown>;
  variable?: Record<string, unknown>;
  output?: Record<string, unknown>;
}

/** A configuration with its local modules' resources flattened into it. */
export interface ExpandedConfig {
  readonly resource: Blocks;
  readonly data: Blocks;
  /** Flattened address (`aws_kms_key.kms__docs`) -> Terraform's own (`module.kms.aws_kms_key.docs`). */
  readonly addresses: Readonly<Record<string, string>>;
}

/** How deep modules may call modules; deeper is refused (and a cycle reaches it). */
const MAX_DEPTH = 8;
/** Joins a module's name to the names of what it declares, so they live beside the root's. */
const SEPARATOR = '__';

const one = (block: unknown): Record<string, unknown> | undefined => {
  const b = Array.isArray(block) && block.length === 1 ? block[0] : block;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : undefined;
};

/**
 * Expands the local modules (`source = "./x"`) a configuration calls, as Terraform would: each
 * module's resources and data sources join the caller's under `<module>__<name>` (findings name
 * them `module.<module>.<type>.<name>`), references inside it are renamed alike, `var.X` takes the
 * argument the call passes (else the variable's default; else it stays unknown), and
 * `${module.M.O}` in the caller takes the module's output. A module from a registry or git, or one
 * called with count or for_each, cannot be expanded here: refused (gate the plan instead).
 */
export function expandLocalModules(config: TerraformConfig, dir: string, file: string, depth = 0): ExpandedConfig {
  const resource: Blocks = { ...(config.resource ?? {}) };
  const data: Blocks = { ...(config.data ?? {}) };
  const addresses: Record<string, string> = {};
  const outputs = new Map<string, unknown>();
  for (const [name, raw] of Object.entries(config.module ?? {})) {
    const call = one(raw);
    const source = call?.source;
    const where = `${file}: module "${name}"`;
    if (typeof source !== 'string' || !/^\.\.?\//.test(source)) {
      throw new GateError(`${where} has source ${JSON.stringify(source ?? null)}, not a local folder: cordon expands only local modules, so its resources cannot be judged here; gate the plan (terraform show -json) instead`);
    }
    if (call!.count !== undefined || call!.for_each !== undefined) throw new GateError(`${where} is called with ${call!.count !== undefined ? 'count' : 'for_each'}: its instances are known only to a plan; gate the plan (terraform show -json) instead`);
    if (depth >= MAX_DEPTH) throw new GateError(`${where}: modules nested deeper than ${MAX_DEPTH} (a module that calls itself?)`);
    const moduleDir = path.resolve(dir, source);
    const child = readModule(moduleDir, `${file} → module "${name}" (${source})`);
    const expanded = expandLocalModules(child, moduleDir, `${file} → module "${name}"`, depth + 1);
    const rename = renamer(name, expanded);
    const args = Object.fromEntries(Object.entries(call!).filter(([k]) => !['source', 'version', 'providers', 'depends_on'].includes(k)));
    const defaults = Object.fromEntries(Object.entries(child.variable ?? {}).flatMap(([k, v]) => (one(v) && 'default' in one(v)! ? [[k, one(v)!.default]] : [])));
    const bind = (value: unknown) => withVariables(rename(value), { ...defaults, ...args });
    for (const [kind, into] of [['resource', resource], ['data', data]] as const) {
      for (const [type, byName] of Object.entries(expanded[kind])) {
        for (const [resName, block] of Object.entries(byName)) {
          const flat = `${name}${SEPARATOR}${resName}`;
          if (into[type]?.[flat] !== undefined) throw new GateError(`${where}: ${kind} ${type}.${flat} would be declared twice (the caller declares it too); rename one`);
          into[type] = { ...into[type], [flat]: bind(block) };
          if (kind === 'resource') addresses[`${type}.${flat}`] = `module.${name}.${expanded.addresses[`${type}.${resName}`] ?? `${type}.${resName}`}`;
        }
      }
    }
    for (const [out, value] of Object.entries(child.output ?? {})) outputs.set(`module.${name}.${out}`, bind(one(value)?.value));
  }
  const withOutputs = (value: unknown) => substitute(value, (ref) => outputs.get(ref));
  return {
    resource: mapBlocks(resource, withOutputs),
    data: mapBlocks(data, withOutputs),
    addresses,
  };
}

const mapBlocks = (blocks: Blocks, f: (v: unknown) => unknown): Blocks =>
  Object.fromEntries(Object.entries(blocks).map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).map(([n, b]) => [n, f(b)]))]));

/** Renames, inside `${...}`, the references to what the module declares (and only those) to their flattened names. */
function renamer(moduleName: string, expanded: ExpandedConfig): (value: unknown) => unknown {
  const declared = new Set([...Object.entries(expanded.resource).flatMap(([t, b]) => Object.keys(b).map((n) => `${t}.${n}`)), ...Object.entries(expanded.data).flatMap(([t, b]) => Object.keys(b).map((n) => `data.${t}.${n}`))]);
  const ref = /(^|[^.\w])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;
  return (value) =>
    mapStrings(value, (s) =>
      s.replace(/\$\{([^}]*)\}/g, (_whole, expr: string) =>
        `\${${expr.replace(ref, (m, lead: string, dataPrefix: string | undefined, type: string, name: string) => (declared.has(`${dataPrefix ?? ''}${type}.${name}`) ? `${lead}${dataPrefix ?? ''}${type}.${moduleName}${SEPARATOR}${name}` : m))}}`,
      ),
    );
}

/** `${var.X}` takes the bound value: whole, when the string is only that; as text inside a longer string when the value is a scalar. */
function withVariables(value: unknown, vars: Record<string, unknown>): unknown {
  return substitute(value, (ref) => (ref.startsWith('var.') && Object.hasOwn(vars, ref.slice(4)) ? vars[ref.slice(4)] : undefined));
}

/** Replaces `${ref}` by `lookup(ref)` where it names something: the whole value when the string is exactly `${ref}`, else as text for scalars. */
function substitute(value: unknown, lookup: (ref: string) => unknown): unknown {
  return mapStrings(value, (s) => {
    const whole = /^\$\{\s*([\w.-]+)\s*\}$/.exec(s);
    if (whole) {
      const v = lookup(whole[1]);
      if (v !== undefined) return v;
    }
    return s.replace(/\$\{\s*([\w.-]+)\s*\}/g, (m, ref: string) => {
      const v = lookup(ref);
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : m;
    });
  });
}

function mapStrings(value: unknown, f: (s: string) => unknown): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** A module folder's `*.tf` and `*.tf.json` files, merged as Terraform reads one module. */
function readModule(dir: string, what: string): TerraformConfig {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.tf(\.json)?$/.test(n) && fs.statSync(path.join(dir, n)).isFile()).sort();
  } catch (e) {
    throw new GateError(`${what}: cannot read the module folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (names.length === 0) throw new GateError(`${what}: the module folder ${dir} holds no .tf or .tf.json file`);
  const override = names.find((n) => /(^|_)override\.tf(\.json)?$/.test(n));
  if (override) throw new GateError(`${what}: ${override} is an override file, which Terraform merges into other files' blocks; gate the plan (terraform show -json) instead`);
  const hcl = names.filter((n) => n.endsWith('.tf'));
  const parts: TerraformConfig[] = [
    ...hclToJson(hcl.map((n) => ({ name: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }))),
    ...names.filter((n) => n.endsWith('.tf.json')).map((n) => parseStrictJson(fs.readFileSync(path.join(dir, n), 'utf8')) as TerraformConfig),
  ];
  const merged: Required<Pick<TerraformConfig, 'resource' | 'data' | 'module' | 'variable' | 'output'>> = { resource: {}, data: {}, module: {}, variable: {}, output: {} };
  for (const part of parts) {
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries(part[kind] ?? {})) {
        for (const n of Object.keys(byName)) if (merged[kind][type]?.[n] !== undefined) throw new GateError(`${what}: ${kind} ${type}.${n} is declared twice; Terraform refuses a duplicate`);
        merged[kind][type] = { ...merged[kind][type], ...byName };
      }
    }
    for (const kind of ['module', 'variable', 'output'] as const) Object.assign(merged[kind], part[kind] ?? {});
  }
  return merged;
}
