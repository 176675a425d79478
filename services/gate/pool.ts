import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/** One evaluation: an entrypoint of the bundle over an input document, UTF-8 JSON in pieces. */
export interface Job {
  readonly entrypoint: string;
  readonly input: readonly Uint8Array[];
}

export type Outcome = { readonly result: unknown } | { readonly error: string };

export interface Evaluated {
  /** One per job, in job order. */
  readonly outcomes: Outcome[];
  /** How many jobs the second thread evaluated (0 when the run stayed on the calling thread). */
  readonly onSecondThread: number;
}

/**
 * Below this much input a run stays on the calling thread: starting the second evaluator (a thread,
 * its wasm instance) costs more than it saves on a few stacks, such as a CDK app's validation.
 */
const PARALLEL_BYTES = 4 << 20;
// The SDK aborts with a bare error and no message on runtime errors such as rule conflicts.
const errorText = (message: string | undefined) => message || 'the policy aborted (a rule raised a runtime error)';

/** Indices of the counters shared with services/gate/eval-worker.js: jobs done (by either thread), and whether it stopped. */
const [DONE, STOPPED] = [0, 1];
/** A job handed to the second thread is one SharedArrayBuffer: its claim word (0 free, 1 taken), then its input from this offset. */
const INPUT_AT = 8;

const lengthOf = (job: Job) => job.input.reduce((n, p) => n + p.length, 0);

/** The pieces one after the other into `into` from `offset`. */
function copyInto(into: Uint8Array, offset: number, pieces: readonly Uint8Array[]): void {
  for (const p of pieces) {
    into.set(p, offset);
    offset += p.length;
  }
}

/**
 * Evaluates jobs submitted one at a time: on the calling thread and, once the input submitted is
 * large and the machine has a second core, on a second thread that starts on each job as soon as it
 * is submitted, while the caller goes on preparing the next ones. `finish` evaluates on the calling
 * thread, from the last, every job the second thread has not taken, waits for the ones it has, and
 * returns the outcomes in submission order, so the report never depends on which thread ran what.
 * Synchronous (the caller blocks in Atomics.wait), so the gate stays usable from CDK's synchronous
 * validation plugins. `evaluateHere` evaluates on the calling thread's instance.
 */
export class EvaluationPool {
  private readonly jobs: Job[] = [];
  /** Per job handed to the second thread, its claim word: whichever thread sets it first evaluates the job. */
  private readonly claims: (Int32Array | undefined)[] = [];
  private readonly control = new SharedArrayBuffer(8);
  private readonly channel = new MessageChannel();
  private worker?: Worker;
  private bytes = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.MemoryDescriptor,
    private readonly evaluateHere: (entrypoint: string, input: ArrayBuffer) => unknown,
    private readonly parallelBytes: number = PARALLEL_BYTES,
  ) {}

  submit(job: Job): void {
    this.jobs.push(job);
    this.bytes += lengthOf(job);
    if (!this.worker && this.bytes >= this.parallelBytes && this.jobs.length > 1 && os.cpus().length > 1) {
      this.worker = new Worker(path.join(__dirname, 'eval-worker.js'), { workerData: { wasmModule: this.module, memory: this.memory, port: this.channel.port2, control: this.control }, transferList: [this.channel.port2] });
      this.worker.unref();
      // Its failures reach the caller as jobs without a result; an unhandled 'error' event would crash the process later.
      this.worker.on('error', () => undefined);
      this.jobs.forEach((_, i) => this.hand(i));
    } else if (this.worker) this.hand(this.jobs.length - 1);
  }

  /** Copies a job's input where the second thread can read it, and tells it: it takes the job unless the caller has. */
  private hand(i: number): void {
    const length = lengthOf(this.jobs[i]);
    const bytes = new SharedArrayBuffer(INPUT_AT + length);
    copyInto(new Uint8Array(bytes), INPUT_AT, this.jobs[i].input);
    this.claims[i] = new Int32Array(bytes, 0, 1);
    this.channel.port1.postMessage({ i, entrypoint: this.jobs[i].entrypoint, length, bytes });
  }

  finish(onProgress?: (done: number, total: number) => void): Evaluated {
    const total = this.jobs.length;
    const counters = new Int32Array(this.control);
    const outcomes: (Outcome | undefined)[] = new Array(total);
    let onSecondThread = 0;
    try {
      for (let i = total - 1; i >= 0; i--) {
        const claim = this.claims[i];
        if (claim && Atomics.compareExchange(claim, 0, 0, 1) !== 0) continue; // the second thread has it
        const input = new Uint8Array(lengthOf(this.jobs[i]));
        copyInto(input, 0, this.jobs[i].input);
        try {
          outcomes[i] = { result: this.evaluateHere(this.jobs[i].entrypoint, input.buffer) };
        } catch (e) {
          outcomes[i] = { error: errorText((e as Error)?.message) };
        }
        const done = Atomics.add(counters, DONE, 1) + 1; // not inside onProgress?.(): that skips its arguments
        onProgress?.(done, total);
      }
      if (this.worker) {
        for (let done = Atomics.load(counters, DONE); done < total && !Atomics.load(counters, STOPPED); done = Atomics.load(counters, DONE)) {
          Atomics.wait(counters, DONE, done, 100); // timed: a stop signalled just before the wait is still seen
          onProgress?.(Atomics.load(counters, DONE), total);
        }
      }
      for (let m = receiveMessageOnPort(this.channel.port1); m; m = receiveMessageOnPort(this.channel.port1)) {
        const { i, ...outcome } = m.message as { i: number } & Outcome;
        outcomes[i] = 'error' in outcome ? { error: errorText(outcome.error) } : outcome;
        onSecondThread++;
      }
    } finally {
      this.channel.port1.close();
      void this.worker?.terminate();
    }
    return { outcomes: outcomes.map((o) => o ?? { error: 'the evaluator thread returned no result' }), onSecondThread };
  }
}

/** Every job of a list at once (see EvaluationPool). */
export function evaluateJobs(
  module: WebAssembly.Module,
  memory: WebAssembly.MemoryDescriptor,
  jobs: readonly Job[],
  evaluateHere: (entrypoint: string, input: ArrayBuffer) => unknown,
  onProgress?: (done: number, total: number) => void,
  parallelBytes?: number,
): Evaluated {
  const pool = new EvaluationPool(module, memory, evaluateHere, parallelBytes);
  jobs.forEach((j) => pool.submit(j));
  return pool.finish(onProgress);
}
