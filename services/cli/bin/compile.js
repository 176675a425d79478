'use strict';
// Compiles cordon's TypeScript (services/, infra/, constructs/) into .build/ so the CLI starts
// without ts-node (about 0.4 s instead of 4 s). Each file is transpiled on its own
// (`isolatedModules` holds in tsconfig.json; types are checked by `npm test`), and only files newer
// than their output are redone, so the check on every start is a walk of mtimes.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(ROOT, '.build');
const SOURCE_DIRS = ['services', 'infra', 'constructs'];
/** Read at run time by path relative to a compiled module (package.json: the version in reports). */
const COPIED = ['package.json'];

/** Every source under the compiled folders of `root`: .ts to transpile (not .d.ts), .js to copy. */
function sources(root) {
  const out = [...COPIED];
  const walk = (rel) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if ((e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) || e.name.endsWith('.js')) out.push(r);
    }
  };
  SOURCE_DIRS.forEach(walk);
  return out;
}

const outputOf = (root, rel) => path.join(root, '.build', rel.endsWith('.ts') ? `${rel.slice(0, -3)}.js` : rel);
/**
 * A transpiled file's source map, written after its JavaScript: infra/sources.ts maps the frames
 * where constructs are created back to TypeScript lines with it. Node never reads it otherwise.
 * Its time is what says whether a .ts file is up to date, so outputs from before maps are redone.
 */
const mapOf = (root, rel) => `${outputOf(root, rel)}.map`;
const upToDateMarker = (root, rel) => (rel.endsWith('.ts') ? mapOf(root, rel) : outputOf(root, rel));

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Writes beside, then renames: a concurrent start sees the old file or the new one, never half. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Brings `root`/.build/ up to date; returns the number of files redone. */
function compile(root = ROOT) {
  // An output as new as its source may predate an edit made within the clock's resolution: redone.
  const stale = sources(root).filter((rel) => mtime(upToDateMarker(root, rel)) <= mtime(path.join(root, rel)));
  if (stale.length === 0) return 0;
  const ts = require('typescript');
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true, isolatedModules: true, sourceMap: true };
  for (const rel of stale) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    if (!rel.endsWith('.ts')) {
      writeAtomic(outputOf(root, rel), text);
      continue;
    }
    const out = ts.transpileModule(text, { compilerOptions: options, fileName: rel, reportDiagnostics: true });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      const d = errors[0];
      const where = d.file && d.start !== undefined ? `:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      throw new Error(`cannot compile ${rel}${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
    writeAtomic(outputOf(root, rel), out.outputText);
    writeAtomic(mapOf(root, rel), out.sourceMapText);
  }
  return stale.length;
}

module.exports = { compile, OUT };
