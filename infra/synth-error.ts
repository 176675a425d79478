/** A synthesis refused before it started, or that could not write its output (exit 2): one line, never a trace. */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}
