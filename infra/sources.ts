import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';
import { IConstruct, Node } from 'constructs';
import { REPO_ROOT } from './root';

/** Where cordon's code created each resource construct: construct path -> `file:line`, the file relative to the repository root. */
export type SourceIndex = Record<string, string>;

/**
 * Frames kept above the resource class's constructor call: first a few, enough when cordon's code
 * creates the resource itself (all of GCP's); then, when an L2 construct of the library creates it,
 * enough for that L2's own frames and decorators.
 */
const FRAMES = [4, 30] as const;

// Taken at load: the GCP build replaces Error.captureStackTrace with a no-op while it runs (infra/gcp-app.ts).
const captureStackTrace = Error.captureStackTrace;
const callSites = (_: unknown, sites: NodeJS.CallSite[]) => sites;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const ROOT = REPO_ROOT + path.sep;
const BUILD = path.join(REPO_ROOT, '.build') + path.sep;

/** The private method of `constructs` every construct's creation goes through (`new Construct(scope, id)` adds it to its scope). */
type AddChild = (this: Node, child: IConstruct, name: string) => void;
const proto = Node.prototype as unknown as { addChild: AddChild };

/**
 * Runs `build` and records, for each construct `isResource` picks (the resources findings are on),
 * the innermost frame of its creation in the repository outside node_modules: the line in
 * constructs/ or infra/ where a fix goes. The capture is structured (V8 call sites, never formatted
 * text) and mapped to TypeScript lines once per distinct frame, so it costs little per resource.
 * The hook on `constructs` is in place only while `build` runs, also on failure.
 */
export function recordingSources<T>(isResource: (c: IConstruct) => boolean, build: () => T): { readonly value: T; readonly sources: () => SourceIndex } {
  const created: [IConstruct, string][] = [];
  const mapped = new Map<string, string | null>();
  const addChild = proto.addChild;
  proto.addChild = function (this: Node, child: IConstruct, name: string) {
    addChild.call(this, child, name);
    if (!isResource(child)) return;
    const where = creationSite(child.constructor, mapped);
    if (where) created.push([child, where]);
  };
  let value: T;
  try {
    value = build();
  } finally {
    proto.addChild = addChild;
  }
  // Paths are read once the tree is built (a construct's node does not exist yet while it is added);
  // in creation order, which the same code and registry always repeat.
  return { value, sources: () => Object.fromEntries(created.map(([c, where]) => [c.node.path, where])) };
}

/**
 * The innermost repository frame below the call of `resourceClass` (the constructor that made the
 * resource: the frames above it are the library's) as `file:line`, or null when there is none within FRAMES.
 */
function creationSite(resourceClass: Function, mapped: Map<string, string | null>): string | null {
  const { prepareStackTrace, stackTraceLimit } = Error;
  for (const frames of FRAMES) {
    const holder: { stack?: unknown } = {};
    let sites: NodeJS.CallSite[];
    try {
      Error.prepareStackTrace = callSites;
      Error.stackTraceLimit = frames;
      captureStackTrace(holder, resourceClass);
      sites = holder.stack as NodeJS.CallSite[];
    } finally {
      Error.prepareStackTrace = prepareStackTrace;
      Error.stackTraceLimit = stackTraceLimit;
    }
    for (const site of sites) {
      const file = site.getFileName();
      if (!file || !file.startsWith(ROOT) || file.includes(NODE_MODULES)) continue;
      const key = `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
      let where = mapped.get(key);
      if (where === undefined) mapped.set(key, (where = sourceLine(file, site, prepareStackTrace)));
      return where;
    }
  }
  return null;
}

const sourceMaps = new Map<string, SourceMap | null>();

/**
 * A frame's place in the TypeScript source. Compiled JavaScript (.build/, services/cli/bin/compile.js)
 * has a source map beside it; under ts-node or jest the file is the .ts source but the line is the
 * transpiled code's, which the source-map support they install maps (its `prepareStackTrace`,
 * given the one frame). Null when no mapping is known: a wrong line is worse than none.
 */
function sourceLine(file: string, site: NodeJS.CallSite, installed: typeof Error.prepareStackTrace): string | null {
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (line === null || column === null) return null;
  if (file.startsWith(BUILD)) {
    let map = sourceMaps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      sourceMaps.set(file, map);
    }
    const entry = map?.findEntry(line - 1, column - 1) as { originalLine?: number } | undefined;
    const source = path.relative(BUILD, file).replace(/\.js$/, '.ts');
    return entry?.originalLine === undefined ? null : `${toPosix(source)}:${entry.originalLine + 1}`;
  }
  const source = toPosix(path.relative(REPO_ROOT, file));
  if (!file.endsWith('.ts')) return `${source}:${line}`;
  if (!installed) return null;
  const text = String(installed(new Error(), [site]));
  const mappedLine = /:(\d+):\d+\)?$/.exec(text)?.[1];
  return mappedLine ? `${source}:${mappedLine}` : null;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
