import * as readline from 'readline';

/** Where a command writes; injected so tests run commands in-process and read what they printed. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A person watches stderr (a TTY, not CI): progress may be drawn there. */
  readonly interactive?: boolean;
  /** stdout is a terminal (and NO_COLOR is unset): the table may use colour. */
  readonly color?: boolean;
  /** Asks a person a question on the terminal and resolves with the answer; absent when nobody can answer. */
  readonly ask?: (question: string) => Promise<string>;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  ask:
    process.stdin.isTTY && process.stderr.isTTY && !process.env.CI
      ? (question) => {
          const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
          return new Promise((resolve) => rl.question(question, (answer) => (rl.close(), resolve(answer))));
        }
      : undefined,
};
