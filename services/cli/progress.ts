import { Io } from './io';

/** Redraws at most this often, so a fast run costs nothing and a slow one still moves. */
const INTERVAL_MS = 100;

export interface Progress {
  /** Reports a phase, optionally with a count done of a total. */
  update(phase: string, done?: number, total?: number): void;
  /** Clears the line before the report is printed. */
  done(): void;
}

/** A one-line progress display on stderr for interactive runs; silent in CI and when piped. */
export function progress(io: Io, now: () => number = Date.now): Progress {
  if (!io.interactive) return { update: () => undefined, done: () => undefined };
  let last = -Infinity;
  let drawn = false;
  return {
    update(phase, done, total) {
      const t = now();
      if (t - last < INTERVAL_MS && done !== total) return;
      last = t;
      drawn = true;
      io.stderr(`\r\x1b[2Kcordon: ${phase}${total ? ` ${done}/${total}` : ''}`);
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}
