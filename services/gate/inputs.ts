import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../toolchain/policy-sources';
import { GateError, LoadedStack } from './model';
import { normalizeCloudFormation } from './normalize-cloudformation';
import { normalizeTerraform } from './normalize-terraform';

const rel = (p: string) => path.relative(process.cwd(), p) || p;

interface JsonFile {
  readonly json: Record<string, any>;
  /** sha256 of the text as read, for the evidence report. */
  readonly sha256: string;
}

function readJson(file: string): JsonFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new GateError(`cannot read ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.trim() === '') throw new GateError(`${rel(file)}: file is empty`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GateError(`${rel(file)}: not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new GateError(`${rel(file)}: expected a JSON object at the top level`);
  return { json: parsed as Record<string, unknown>, sha256: sha256(text) };
}

/** Decides by content, not by file name, whether a document is CloudFormation or Terraform JSON. */
function loadDocument({ json: doc, sha256: sha }: JsonFile, name: string, file: string): LoadedStack {
  const f = rel(file);
  if ('Resources' in doc || 'AWSTemplateFormatVersion' in doc) return { doc: normalizeCloudFormation(doc, name, f), file: f, sha256: sha };
  if ('resource' in doc || 'terraform' in doc || 'provider' in doc) return { doc: normalizeTerraform(doc, name, f), file: f, sha256: sha };
  throw new GateError(`${f}: unknown input format: neither a CloudFormation template (Resources) nor Terraform JSON (resource)`);
}

/** A CDK cloud assembly: every CloudFormation stack artifact, descending into nested assemblies (Stages). */
function loadCdkAssembly(dir: string, manifest: Record<string, any>): LoadedStack[] {
  const out: LoadedStack[] = [];
  for (const [id, a] of Object.entries<Record<string, any>>(manifest.artifacts ?? {})) {
    if (a.type === 'aws:cloudformation:stack') {
      const file = path.join(dir, a.properties?.templateFile ?? '');
      out.push(loadDocument(readJson(file), a.properties?.stackName ?? id, file));
    } else if (a.type === 'cdk:cloud-assembly') {
      const nested = path.join(dir, a.properties?.directoryName ?? '');
      out.push(...loadCdkAssembly(nested, readJson(path.join(nested, 'manifest.json')).json));
    }
  }
  return out;
}

/** A cdktf output folder: one Terraform JSON file per stack, listed in manifest.json. */
function loadCdktfOut(dir: string, manifest: Record<string, any>): LoadedStack[] {
  return Object.entries<Record<string, any>>(manifest.stacks).map(([name, s]) => {
    const file = path.join(dir, s.synthesizedStackPath ?? '');
    return loadDocument(readJson(file), s.name ?? name, file);
  });
}

function loadDirectory(dir: string): LoadedStack[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(manifestFile).json;
    if (manifest.artifacts && typeof manifest.artifacts === 'object') return loadCdkAssembly(dir, manifest);
    if (manifest.stacks && typeof manifest.stacks === 'object') return loadCdktfOut(dir, manifest);
  }
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new GateError(`${rel(dir)}: nothing to check (no CDK assembly, cdktf output or *.json template)`);
  return files.map((f) => loadFile(path.join(dir, f), f));
}

/** A plain template's stack name is its path below the folder given (or its file name), less the extension. */
function loadFile(file: string, name: string = path.basename(file)): LoadedStack {
  return loadDocument(readJson(file), name.replace(/(\.template)?(\.tf)?\.json$/, ''), file);
}

/**
 * Reads every stack under `paths` (files or folders), each parsed once. Any unreadable or unknown
 * input aborts the whole read: a partial read is never a pass. Stack names must be unique because
 * findings are fingerprinted by stack.
 */
export function loadInputs(paths: readonly string[]): LoadedStack[] {
  if (paths.length === 0) throw new GateError('no input paths given');
  const stacks: LoadedStack[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new GateError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    stacks.push(...(stat.isDirectory() ? loadDirectory(p) : [loadFile(p)]));
  }
  if (stacks.length === 0) throw new GateError(`nothing to check: ${paths.join(', ')} hold no stacks`);
  const seen = new Map<string, string>();
  for (const s of stacks) {
    const other = seen.get(s.doc.stack.name);
    if (other) throw new GateError(`stack name "${s.doc.stack.name}" appears in both ${other} and ${s.file}; gate them separately`);
    seen.set(s.doc.stack.name, s.file);
  }
  return stacks;
}
