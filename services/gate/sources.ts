import * as fs from 'fs';
import * as path from 'path';
import { SOURCES_FILE } from '../../infra/synth';
import { SourceLocation } from './model';

/** Larger than any estate's side file (a 1,000-tenant AWS estate's is a few MB); a bigger one is not read. */
const MAX_SOURCES_BYTES = 64 * 1024 * 1024;

/** `file:line`, the file a relative path inside the repository (no `..`, no absolute path, no control character). */
const LOCATION = /^(?!\/)(?!(?:.*\/)?\.\.(?:\/|$))([^\u0000-\u001f]+):([1-9]\d{0,8})$/;

/**
 * The side file of a synthesized output (SOURCES_FILE, written by infra/synth.ts): construct path ->
 * where cordon's code created it. Only a pointer for people reading findings, so it never fails a
 * run or changes a verdict: missing, not a regular file, too large or not the expected JSON, it is
 * treated as absent; an entry that is not `file:line` is left out. Read at the first lookup, so a run
 * without findings does not read it (the 1,000-tenant estate: ~0.15 s).
 */
export function readSources(dir: string): Pick<ReadonlyMap<string, SourceLocation>, 'get'> {
  let sources: ReadonlyMap<string, SourceLocation> | undefined;
  return { get: (construct) => (sources ??= load(path.join(dir, SOURCES_FILE))).get(construct) };
}

function load(file: string): ReadonlyMap<string, SourceLocation> {
  const sources = new Map<string, SourceLocation>();
  let constructs: unknown;
  try {
    // Checked before reading: a FIFO would block.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > MAX_SOURCES_BYTES) return sources;
    constructs = JSON.parse(fs.readFileSync(file, 'utf8'))?.constructs;
  } catch {
    return sources;
  }
  if (!constructs || typeof constructs !== 'object' || Array.isArray(constructs)) return sources;
  for (const [construct, where] of Object.entries(constructs)) {
    const m = typeof where === 'string' ? LOCATION.exec(where) : null;
    if (m) sources.set(construct, { file: m[1], line: Number(m[2]) });
  }
  return sources;
}
