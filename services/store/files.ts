import * as fs from 'fs';
import * as path from 'path';

/** A file written beside its place and not yet in it: `commit` renames it in, `discard` removes it. */
export interface StagedFile {
  commit(): void;
  /** As `commit`, but only where `file` does not exist yet: false (and the staged file discarded) when it does. */
  commitIfAbsent(): boolean;
  discard(): void;
}

/**
 * Writes `text` to a temporary file beside `file`, fsynced. Committing renames it over `file` and
 * fsyncs the folder so the rename itself survives a crash: `file` is absent/old or complete, never
 * partial. Several staged files committed together are all-or-none for any failure while writing.
 */
export function stageFile(file: string, text: string): StagedFile {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return {
    commit() {
      try {
        fs.renameSync(tmp, file);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      fsyncFolderOf(file);
    },
    commitIfAbsent() {
      // A hard link is made whole or not at all, and never over an existing name (a rename would replace it).
      try {
        fs.linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        return false;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      fsyncFolderOf(file);
      return true;
    },
    discard: () => fs.rmSync(tmp, { force: true }),
  };
}

function fsyncFolderOf(file: string): void {
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

/** Writes `file` so that it is either absent/old or complete, never partial. */
export function writeFileAtomic(file: string, text: string): void {
  stageFile(file, text).commit();
}

/** Writes `file` as writeFileAtomic does, but only where it does not exist yet: false (nothing written) when it does. */
export function createFileAtomic(file: string, text: string): boolean {
  return stageFile(file, text).commitIfAbsent();
}
