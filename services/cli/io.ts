/** Where a command writes; injected so tests run commands in-process and read what they printed. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A person watches stderr (a TTY, not CI): progress may be drawn there. */
  readonly interactive?: boolean;
  /** stdout is a terminal (and NO_COLOR is unset): the table may use colour. */
  readonly color?: boolean;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};
