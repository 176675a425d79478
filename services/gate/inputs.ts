import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../toolchain/policy-sources';
import { parseCloudFormationYaml } from './cloudformation-yaml';
import { parseStrictJson } from './strict-json';
import { hclToJson } from './hcl';
import { GateError, LoadedStack } from './model';
import { normalizeCloudFormation } from './normalize-cloudformation';
import { normalizePlan } from './normalize-plan';
import { normalizeTerraform } from './normalize-terraform';
import { readSources } from './sources';

const rel = (p: string) => path.relative(process.cwd(), p) || p;

/**
 * Files a folder walk picks up; anything else in a folder (READMEs, scripts) is not an input. Case
 * does not matter to CloudFormation, so `X.JSON` is read; Terraform reads only lower-case `.tf`.
 */
const isInputFile = (f: string) => /\.(json|ya?ml|template)$/i.test(f) || f.endsWith('.tf');
/** The start of a top-level HCL block: `resource "t" "n" {`, `terraform {`, ... */
const HCL_BLOCK = /^\s*(resource|data|provider|terraform|module|variable|output|locals)(\s+"[^"]*")*\s*\{/m;

interface TextFile {
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
}

/** Largest input read: a JavaScript string holds at most ~512 MiB, far above the largest real plan (150 MB). */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

function readText(file: string): TextFile {
  let text: string;
  try {
    // Checked before reading: a FIFO or device (/dev/zero) would block or never end.
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new GateError(`${rel(file)}: not a regular file (a folder, FIFO or device); give files or folders of templates`);
    if (stat.size > MAX_INPUT_BYTES) throw new GateError(`${rel(file)}: ${stat.size} bytes, over the ${MAX_INPUT_BYTES}-byte input limit`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof GateError) throw e;
    throw new GateError(`cannot read ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.trim() === '') throw new GateError(`${rel(file)}: file is empty`);
  return { file, text, sha256: sha256(text) };
}

function parseJson({ file, text }: TextFile): Record<string, any> {
  let parsed: unknown;
  try {
    parsed = parseStrictJson(text);
  } catch (e) {
    throw new GateError(`${rel(file)}: not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new GateError(`${rel(file)}: expected a JSON object at the top level`);
  return parsed as Record<string, any>;
}

const isCloudFormation = (doc: Record<string, unknown>) => 'Resources' in doc || 'AWSTemplateFormatVersion' in doc;

/**
 * Where a nested stack's template is, given its `AWS::CloudFormation::Stack` resource: a local file,
 * or undefined when the inputs do not hold it.
 */
type NestedTemplates = (resource: Record<string, any>) => string | undefined;

/** CDK's asset metadata (`aws:asset:path`, relative to the template's folder), when it was enabled at synthesis. */
const assetPathIn = (dir: string): NestedTemplates => (r) => {
  const p = r.Metadata?.['aws:asset:path'];
  return typeof p === 'string' ? path.join(dir, p) : undefined;
};

/**
 * A CloudFormation template and its nested stacks' templates, each gated as a stack of its own
 * (named after the parent and the resource). A nested stack whose template is not among the inputs
 * is refused: what CloudFormation would deploy from it cannot be judged.
 */
function loadCloudFormation(doc: Record<string, any>, t: TextFile, name: string, nested: NestedTemplates): LoadedStack[] {
  const f = rel(t.file);
  const macro = ': CloudFormation expands the macro at deploy time, so what it deploys cannot be judged from this template; gate the processed template (aws cloudformation get-template --template-stage Processed)';
  if (doc.Transform !== undefined) throw new GateError(`${f}: uses Transform ${JSON.stringify(doc.Transform)}${macro}`);
  const inner = fnTransformIn(doc.Resources, 'Resources');
  if (inner) throw new GateError(`${f}: ${inner.at} uses Fn::Transform ${JSON.stringify(inner.name)}${macro}`);
  const out: LoadedStack[] = [{ doc: normalizeCloudFormation(doc, name, f), file: f, sha256: t.sha256 }];
  for (const [id, r] of Object.entries<Record<string, any>>(doc.Resources ?? {})) {
    if (r?.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = nested(r);
    if (!file || !fs.existsSync(file)) {
      throw new GateError(`${f}: nested stack ${id} (AWS::CloudFormation::Stack): its template is not among the inputs, so what it deploys cannot be judged; gate the CDK assembly that holds it (cdk.out)`);
    }
    out.push(...loadDocument(readText(file), `${name}/${id}`, nested));
  }
  return out;
}

/**
 * The first `Fn::Transform` (AWS::Include or another macro) inside `value`, with where it is. The
 * path is joined only once found: building it at every node of every template cost more than the search.
 */
function fnTransformIn(value: unknown, at: string): { at: string; name: unknown } | undefined {
  const found = fnTransformPath(value);
  return found && { at: [at, ...found.path.reverse()].join('.'), name: found.name };
}

/** The first `Fn::Transform` inside `value`, its path from `value` innermost first. */
function fnTransformPath(value: unknown): { path: string[]; name: unknown } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && Object.hasOwn(value, 'Fn::Transform')) return { path: [], name: (value as Record<string, any>)['Fn::Transform']?.Name ?? null };
  for (const k of Object.keys(value)) {
    const found = fnTransformPath((value as Record<string, unknown>)[k]);
    if (found) {
      found.path.push(k);
      return found;
    }
  }
  return undefined;
}

/** Decides by content, not by file name, what a JSON or YAML document is, and normalizes it. */
function loadDocument(t: TextFile, name: string, nested: NestedTemplates = assetPathIn(path.dirname(t.file))): LoadedStack[] {
  const f = rel(t.file);
  const stack = (doc: LoadedStack['doc']): LoadedStack[] => [{ doc, file: f, sha256: t.sha256 }];
  if (t.text.trimStart().startsWith('{')) {
    const doc = parseJson(t);
    if (isCloudFormation(doc)) return loadCloudFormation(doc, t, name, nested);
    if ('planned_values' in doc || 'resource_changes' in doc) return stack(normalizePlan(doc, name, f));
    if ('resource' in doc || 'terraform' in doc || 'provider' in doc || 'module' in doc) return stack(normalizeTerraform(doc, name, f, path.dirname(t.file)));
    throw new GateError(`${f}: unknown input format: not a CloudFormation template (Resources), Terraform JSON (resource) or a Terraform plan (planned_values)`);
  }
  let doc: unknown;
  try {
    doc = parseCloudFormationYaml(t.text);
  } catch (e) {
    throw new GateError(`${f}: neither JSON, Terraform HCL nor valid YAML (${(e as Error).message})`);
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && isCloudFormation(doc as Record<string, unknown>)) {
    return loadCloudFormation(doc as Record<string, any>, t, name, nested);
  }
  throw new GateError(`${f}: unknown input format: YAML that is not a CloudFormation template (no Resources)`);
}

/**
 * A CDK cloud assembly: every CloudFormation stack artifact and the templates of its nested stacks
 * (found through the asset manifests: a NestedStack's TemplateURL names its asset's object key),
 * descending into nested assemblies (Stages).
 */
function* loadCdkAssembly(dir: string, manifest: Record<string, any>, sources = readSources(dir)): Generator<LoadedStack> {
  // Read only when a nested stack is met: most assemblies have none, and gating reads no asset manifest then.
  let byObjectKey: Map<string, string> | undefined;
  const assets = () => {
    byObjectKey = new Map();
    for (const a of Object.values<Record<string, any>>(manifest.artifacts ?? {})) {
      if (a.type !== 'cdk:asset-manifest') continue;
      for (const asset of Object.values<Record<string, any>>(parseJson(readText(path.join(dir, a.properties?.file ?? ''))).files ?? {})) {
        for (const d of Object.values<Record<string, any>>(asset.destinations ?? {})) {
          if (typeof d.objectKey === 'string' && typeof asset.source?.path === 'string') byObjectKey.set(d.objectKey, path.join(dir, asset.source.path));
        }
      }
    }
    return byObjectKey;
  };
  const nested: NestedTemplates = (r) => {
    const url = JSON.stringify(r.Properties?.TemplateURL ?? null);
    return [...(byObjectKey ?? assets())].find(([key]) => url.includes(key))?.[1] ?? assetPathIn(dir)(r);
  };
  for (const [id, a] of Object.entries<Record<string, any>>(manifest.artifacts ?? {})) {
    if (a.type === 'aws:cloudformation:stack') {
      yield* withSources(loadDocument(readText(path.join(dir, a.properties?.templateFile ?? '')), a.properties?.stackName ?? id, nested), sources);
    } else if (a.type === 'cdk:cloud-assembly') {
      const nested = path.join(dir, a.properties?.directoryName ?? '');
      yield* loadCdkAssembly(nested, parseJson(readText(path.join(nested, 'manifest.json'))), sources);
    }
  }
}

/** A cdktf output folder: one Terraform JSON file per stack, listed in manifest.json. */
function* loadCdktfOut(dir: string, manifest: Record<string, any>): Generator<LoadedStack> {
  const sources = readSources(dir);
  for (const [name, s] of Object.entries<Record<string, any>>(manifest.stacks)) yield* withSources(loadDocument(readText(path.join(dir, s.synthesizedStackPath ?? '')), s.name ?? name), sources);
}

/** The stacks of a synthesized output, each given the output's side file of where constructs were created. */
const withSources = (stacks: LoadedStack[], sources: LoadedStack['sources']): LoadedStack[] => stacks.map((s) => ({ ...s, sources }));

/** HCL files found by a walk, set aside: they are converted together, one stack per folder. */
type HclFiles = { file: string; stackName: string }[];

function* loadDirectory(dir: string, hcl: HclFiles): Generator<LoadedStack> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = parseJson(readText(manifestFile));
    if (manifest.artifacts && typeof manifest.artifacts === 'object') return yield* loadCdkAssembly(dir, manifest);
    if (manifest.stacks && typeof manifest.stacks === 'object') return yield* loadCdktfOut(dir, manifest);
  }
  // A synthesized output read file by file would pass whatever part of it is left: without its manifest it is incomplete.
  if (/^(cdk|cdktf)\.out/.test(path.basename(path.resolve(dir))) || fs.existsSync(path.join(dir, 'tree.json'))) {
    throw new GateError(`${rel(dir)}: a synthesized output without its manifest.json, so incomplete (an interrupted synthesis or copy?); synthesize it again`);
  }
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => isInputFile(f) && fs.statSync(path.join(dir, f)).isFile()).sort();
  if (files.length === 0) throw new GateError(`${rel(dir)}: nothing to check (no CDK assembly, cdktf output or template: *.json, *.yaml, *.yml, *.template, *.tf)`);
  for (const f of files) yield* loadFile(path.join(dir, f), f, hcl);
}

/**
 * A plain template's stack name is its path below the folder given (or its file name), less the
 * extension. Terraform HCL files form one stack per folder, as Terraform reads them.
 */
function* loadFile(file: string, name: string, hcl: HclFiles): Generator<LoadedStack> {
  if (file.endsWith('.tf')) {
    hcl.push({ file, stackName: path.dirname(name) === '.' ? path.basename(path.dirname(path.resolve(file))) : path.dirname(name) });
    return;
  }
  const t = readText(file);
  if (!t.text.trimStart().startsWith('{') && HCL_BLOCK.test(t.text)) {
    hcl.push({ file, stackName: name.replace(/\.[^./]*$/, '') });
    return;
  }
  yield* loadDocument(t, name.replace(/(\.template)?(\.tf|\.plan)?\.(json|ya?ml|template)$/i, ''));
}

/** Converts the HCL files in one batch and merges each folder's files into one Terraform stack. */
function loadHcl(hcl: HclFiles): LoadedStack[] {
  const texts = hcl.map((h) => readText(h.file));
  const converted = hclToJson(texts.map((t) => ({ name: rel(t.file), text: t.text })));
  const byStack = new Map<string, { files: TextFile[]; resource: Record<string, Record<string, unknown>>; data: Record<string, Record<string, unknown>>; provider: Record<string, unknown[]>; module: Record<string, unknown>; owners: Map<string, string> }>();
  hcl.forEach((h, i) => {
    const entry = byStack.get(h.stackName) ?? { files: [], resource: {}, data: {}, provider: {}, module: {}, owners: new Map<string, string>() };
    if (entry.files.some((f) => path.resolve(f.file) === path.resolve(h.file))) throw new GateError(`${rel(h.file)} is given more than once (directly and inside a folder?); gate it once`);
    entry.files.push(texts[i]);
    const f = rel(h.file);
    // What Terraform would apply differently from a plain merge of the files is refused, never guessed.
    if (/(^|_)override\.tf(\.json)?$/.test(path.basename(h.file))) throw new GateError(`${f}: an override file, which Terraform merges into other files' blocks; gate the plan (terraform show -json) instead`);
    for (const [name, call] of Object.entries<unknown>((converted[i].module as Record<string, unknown>) ?? {})) {
      if (entry.owners.has(`module.${name}`)) throw new GateError(`${f}: module ${name} is also declared in ${entry.owners.get(`module.${name}`)}; Terraform refuses a duplicate module call`);
      entry.owners.set(`module.${name}`, f);
      entry.module[name] = call;
    }
    for (const [type, byName] of Object.entries<Record<string, unknown>>((converted[i].resource as Record<string, Record<string, unknown>>) ?? {})) {
      for (const name of Object.keys(byName)) {
        const other = entry.owners.get(`${type}.${name}`);
        if (other) throw new GateError(`${f}: resource ${type}.${name} is also declared in ${other}; Terraform refuses a duplicate resource`);
        entry.owners.set(`${type}.${name}`, f);
      }
      entry.resource[type] = { ...entry.resource[type], ...byName };
    }
    // Data sources: what a resource reads from outside the stack (a key stack's alias) can be named.
    for (const [type, byName] of Object.entries<Record<string, unknown>>((converted[i].data as Record<string, Record<string, unknown>>) ?? {})) entry.data[type] = { ...entry.data[type], ...byName };
    // Provider configurations (their default_tags are every resource's tags); hcl2json writes each as a list of blocks.
    for (const [name, blocks] of Object.entries<unknown>((converted[i].provider as Record<string, unknown>) ?? {})) entry.provider[name] = [...(entry.provider[name] ?? []), ...(Array.isArray(blocks) ? blocks : [blocks])];
    byStack.set(h.stackName, entry);
  });
  return [...byStack].map(([name, { files, resource, data, provider, module }]) => {
    const file = files.length === 1 ? rel(files[0].file) : rel(path.dirname(files[0].file));
    const digest = files.length === 1 ? files[0].sha256 : sha256(files.map((f) => `${rel(f.file)}:${f.sha256}`).sort().join('\n'));
    const config = Object.keys(module).length > 0 ? { resource, data, provider, module } : { resource, data, provider };
    return { doc: normalizeTerraform(config, name, file, path.dirname(files[0].file)), file, sha256: digest };
  });
}

const GLOB = /[*?[]/;

/** Expands `dir/**\/*.yaml`-style patterns (`**` any folders, `*` and `?` within a name). */
function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const first = parts.findIndex((p) => GLOB.test(p));
  const base = parts.slice(0, first).join('/') || '.';
  const rest = parts.slice(first).join('/');
  const regex = new RegExp(
    `^${rest
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*\*\//g, '\u0000')
      .replace(/\*\*/g, '.*')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
      .replace(/\u0000/g, '(.*/)?')}$`,
  );
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(base, { recursive: true, encoding: 'utf8' });
  } catch {
    // a missing base folder matches nothing, reported below
  }
  const matches = entries.map((e) => e.split(path.sep).join('/')).filter((e) => regex.test(e)).sort();
  if (matches.length === 0) throw new GateError(`${pattern}: the pattern matches no file`);
  return matches.map((m) => path.join(base, m));
}

/**
 * Reads every stack under `paths` (files, folders or glob patterns), each parsed once, one at a
 * time as they are read (HCL files last: one stack per folder), so a gate can start on the first
 * while the next are read. Any unreadable or unknown input aborts the whole read when it is met: a
 * partial read is never a pass. Stack names must be unique because findings are fingerprinted by stack.
 */
export function* readInputs(paths: readonly string[]): Generator<LoadedStack> {
  if (paths.length === 0) throw new GateError('no input paths given');
  const hcl: HclFiles = [];
  const seen = new Map<string, string>();
  const unique = function* (stacks: Iterable<LoadedStack>): Generator<LoadedStack> {
    for (const s of stacks) {
      const other = seen.get(s.doc.stack.name);
      if (other) throw new GateError(`stack name "${s.doc.stack.name}" appears in both ${other} and ${s.file}; gate them separately`);
      seen.set(s.doc.stack.name, s.file);
      yield s;
    }
  };
  for (const p of paths.flatMap((x) => (GLOB.test(x) && !fs.existsSync(x) ? expandGlob(x) : [x]))) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new GateError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    yield* unique(stat.isDirectory() ? loadDirectory(p, hcl) : loadFile(p, path.basename(p), hcl));
  }
  yield* unique(loadHcl(hcl));
  if (seen.size === 0) throw new GateError(`nothing to check: ${paths.join(', ')} hold no stacks`);
}

/** The items of `items` as they are iterated, each also pushed onto `into` (what a streamed read has read so far). */
export function* collecting<T>(items: Iterable<T>, into: T[]): Generator<T> {
  for (const item of items) {
    into.push(item);
    yield item;
  }
}

/** Every stack under `paths`, read before it returns (see readInputs). */
export function loadInputs(paths: readonly string[]): LoadedStack[] {
  return [...readInputs(paths)];
}
