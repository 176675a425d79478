// The WebAssembly global's types (webassembly.d.ts) are referenced where they are used, so that
// this file compiles in a program of its imports alone (the Pulumi CLI type-checks plugins/pulumi so).
/// <reference path="./webassembly.d.ts" />
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import type { Evaluation } from './evaluate-pieces';

/** One evaluation: an entrypoint of the bundle over an input document, UTF-8 JSON in pieces. */
export interface Job {
  readonly entrypoint: string;
  readonly input: readonly Uint8Array[];
  /** Further evaluations over the same input, parsed once: the job's result is then every result set, its own first (evaluate-pieces.js). */
  readonly also?: readonly Evaluation[];
}

/** How a thread evaluates a job (evaluate-pieces.js evaluateJob on its instance). */
export type EvaluateHere = (entrypoint: string, input: readonly Uint8Array[], length: number, also?: readonly Evaluation[]) => unknown;

export type Outcome = { readonly result: unknown } | { readonly error: string };

export interface Evaluated {
  /** One per job, in job order. */
  readonly outcomes: Outcome[];
  /** How many jobs the second thread evaluated (0 when the run stayed on the calling thread). */
  readonly onSecondThread: number;
}

/**
 * Below this much input a run stays on the calling thread: starting the second evaluator (a thread,
 * its wasm instance) costs more than it saves on a few stacks, such as a CDK app's validation, or the
 * example estate (1 to 4 MiB: 115 ms alone, 135 ms with a second thread). From 2 MiB rather than 4,
 * the second thread starts sooner on the 1,000-tenant estate while it is still read (~5% faster).
 */
const PARALLEL_BYTES = 2 << 20;
// The SDK aborts with a bare error and no message on runtime errors such as rule conflicts.
const errorText = (message: string | undefined) => message || 'the policy aborted (a rule raised a runtime error)';

/**
 * A counted job this large (one stack of 16 MiB or more, such as a large plan):
 * - the second thread evaluates it, the first such job of a run, while the calling thread takes the
 *   rest, collects its garbage and builds the report's parts: the calling thread's instance then
 *   stays small, so it is neither collected after the evaluations nor made again (the 42 MB plan:
 *   two full collections of ~0.3 s each were on its critical path);
 * - the garbage of the read is collected before the calling thread evaluates: the job's wasm heap,
 *   ~17 times its size, comes on top of what the JS heap holds then, and V8 had not yet collected
 *   the parsed plan nor the strings the documents were encoded from (the 42 MB plan: ~200 MB of its
 *   peak RSS, for ~0.3 s).
 */
const LARGE_BYTES = 16 << 20;

/** A full garbage collection, as `--expose-gc` gives it, taken the way jest's leak detector does, without the flag. */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  gc();
}

/** Indices of the counters shared with services/gate/eval-worker.js: jobs done (by either thread), and whether it stopped. */
const [DONE, STOPPED] = [0, 1];
/** A job handed to the second thread has a shared buffer of its own: its claim word (0 free, 1 taken), then the job's pieces that were not in shared memory. */
const CLAIM_BYTES = 4;

/** The length of an input in pieces (a job's, a stack document's). */
export const lengthOf = ({ input }: { readonly input: readonly Uint8Array[] }) => input.reduce((n, p) => n + p.length, 0);

/** A short text that jobs repeat (brackets, commas) in shared memory of its own, so it never has to be copied for the second thread. */
export function sharedConstant(text: string): Buffer {
  const bytes = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(text)));
  bytes.write(text);
  return bytes;
}

/** How many bytes a chunk of SharedText holds (a longer text gets a chunk of its own). */
const CHUNK_BYTES = 4 << 20;

/**
 * UTF-8 text in memory the second thread can read too (chunks of shared memory, filled in turn), so
 * a job made of it is handed over as where its pieces lie, never copied.
 */
export class SharedText {
  private chunk: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  private used = 0;

  encode(text: string): Buffer {
    return this.encodeAll([text]).bytes;
  }

  /**
   * The texts encoded one after another into one view, with where each ends in it: a large document
   * written in parts (a stack's resources) without first joining them into a string as large.
   */
  encodeAll(texts: readonly string[]): { bytes: Buffer; ends: number[] } {
    const length = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    if (this.used + length > this.chunk.length) [this.chunk, this.used] = [Buffer.from(new SharedArrayBuffer(Math.max(CHUNK_BYTES, length))), 0];
    const bytes = this.chunk.subarray(this.used, this.used + length);
    let at = 0;
    const ends = texts.map((t) => (at += bytes.write(t, at)));
    this.used += length;
    return { bytes, ends };
  }
}

/**
 * Evaluates jobs submitted one at a time: on the calling thread and, once the input submitted is
 * large and the machine has a second core, on a second thread that starts on each job as soon as it
 * is submitted, while the caller goes on preparing the next ones. `finish` evaluates on the calling
 * thread, from the last, every job the second thread has not taken (but the LARGE_BYTES job set
 * aside for it, unless that thread stopped first), waits for the ones it has, and
 * returns the outcomes in submission order, so the report never depends on which thread ran what.
 * Synchronous (the caller blocks in Atomics.wait), so the gate stays usable from CDK's synchronous
 * validation plugins. `evaluateHere` evaluates on the calling thread's instance.
 */
export class EvaluationPool {
  private readonly jobs: Job[] = [];
  /** Per job handed to the second thread, its claim word: whichever thread sets it first evaluates the job. */
  private readonly claims: (Int32Array | undefined)[] = [];
  /** The shared buffers the second thread has been given, by id. */
  private readonly ids = new Map<ArrayBufferLike, number>();
  private readonly control = new SharedArrayBuffer(8);
  private readonly channel = new MessageChannel();
  private worker?: Worker;
  private bytes = 0;
  /** How many of the jobs submitted count towards starting the second thread, and the largest one's length. */
  private counted = 0;
  private largest = 0;
  /** The job set aside for the second thread (LARGE_BYTES), if any: the calling thread takes it only if that thread stops first. */
  private reserved = -1;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.MemoryDescriptor,
    private readonly evaluateHere: EvaluateHere,
    private readonly parallelBytes: number = PARALLEL_BYTES,
  ) {}

  /**
   * `counts`: whether the job's input counts towards starting the second thread (the estate documents,
   * made of the stack documents' bytes, do not: if those did not warrant a second thread, nor do they).
   * The second thread starts once two counted jobs are submitted, or one of LARGE_BYTES, which it
   * then evaluates alone. Beside a single smaller one it would evaluate only uncounted jobs made of
   * the same bytes, in a wasm heap of its own (the 42 MB plan on both threads: 1.85 GB, against
   * 1.45 GB on one).
   */
  submit(job: Job, counts = true): void {
    this.jobs.push(job);
    if (counts) [this.bytes, this.counted, this.largest] = [this.bytes + lengthOf(job), this.counted + 1, Math.max(this.largest, lengthOf(job))];
    const parallel = this.bytes >= this.parallelBytes && os.cpus().length > 1;
    if (parallel && counts && this.reserved < 0 && lengthOf(job) >= LARGE_BYTES) this.reserved = this.jobs.length - 1;
    if (!this.worker && parallel && (this.counted > 1 || this.reserved >= 0)) {
      this.worker = new Worker(path.join(__dirname, 'eval-worker.js'), {
        workerData: { wasmModule: this.module, memory: this.memory, port: this.channel.port2, control: this.control },
        transferList: [this.channel.port2],
        // Plain JavaScript: it needs none of the caller's Node options (under ts-node, `-r ts-node/register` took ~100 ms of its start).
        execArgv: [],
      });
      this.worker.unref();
      // Its failures reach the caller as jobs without a result; an unhandled 'error' event would crash the process later.
      this.worker.on('error', () => undefined);
      this.jobs.forEach((_, i) => this.hand(i));
    } else if (this.worker) this.hand(this.jobs.length - 1);
  }

  /**
   * Tells the second thread where a job's pieces lie in shared memory (pieces outside it, such as a
   * batch's brackets, are copied into the job's own shared buffer): it takes the job unless the caller has.
   */
  private hand(i: number): void {
    const { entrypoint, input, also } = this.jobs[i];
    const own = Buffer.from(new SharedArrayBuffer(CLAIM_BYTES + input.reduce((n, p) => (p.buffer instanceof SharedArrayBuffer ? n : n + p.length), 0)));
    let at = CLAIM_BYTES;
    const ranges: number[] = []; // (buffer id, offset, length), adjacent ones merged
    for (const p of input) {
      let [buffer, offset] = [p.buffer, p.byteOffset];
      if (!(buffer instanceof SharedArrayBuffer)) {
        own.set(p, at);
        [buffer, offset, at] = [own.buffer, at, at + p.length];
      }
      const id = this.idOf(buffer);
      const last = ranges.length - 3;
      if (last >= 0 && ranges[last] === id && ranges[last + 1] + ranges[last + 2] === offset) ranges[last + 2] += p.length;
      else ranges.push(id, offset, p.length);
    }
    this.claims[i] = new Int32Array(own.buffer, 0, 1);
    const rangeList = Int32Array.from(ranges);
    this.channel.port1.postMessage({ i, entrypoint, also, length: lengthOf(this.jobs[i]), claim: this.idOf(own.buffer), ranges: rangeList }, [rangeList.buffer]);
  }

  /** The id of a shared buffer for the second thread, given to it the first time. */
  private idOf(buffer: ArrayBufferLike): number {
    let id = this.ids.get(buffer);
    if (id === undefined) {
      this.ids.set(buffer, (id = this.ids.size));
      this.channel.port1.postMessage({ id, buffer });
    }
    return id;
  }

  /** Stops the second thread without waiting for anything: the jobs are given up (the caller failed while making them). */
  abort(): void {
    this.channel.port1.close();
    void this.worker?.terminate();
  }

  finish(onProgress?: (done: number, total: number) => void): Evaluated {
    const total = this.jobs.length;
    const counters = new Int32Array(this.control);
    const outcomes: (Outcome | undefined)[] = new Array(total);
    let onSecondThread = 0;
    if (this.largest >= LARGE_BYTES) collectGarbage();
    try {
      /** Evaluates job i here unless the second thread has it. */
      const here = (i: number) => {
        const claim = this.claims[i];
        if (claim && Atomics.compareExchange(claim, 0, 0, 1) !== 0) return; // the second thread has it
        try {
          const { entrypoint, input, also } = this.jobs[i];
          outcomes[i] = { result: this.evaluateHere(entrypoint, input, lengthOf(this.jobs[i]), also) };
        } catch (e) {
          outcomes[i] = { error: errorText((e as Error)?.message) };
        }
        const done = Atomics.add(counters, DONE, 1) + 1; // not inside onProgress?.(): that skips its arguments
        onProgress?.(done, total);
      };
      for (let i = total - 1; i >= 0; i--) if (i !== this.reserved) here(i);
      if (this.worker) {
        for (let done = Atomics.load(counters, DONE); done < total && !Atomics.load(counters, STOPPED); done = Atomics.load(counters, DONE)) {
          Atomics.wait(counters, DONE, done, 100); // timed: a stop signalled just before the wait is still seen
          onProgress?.(Atomics.load(counters, DONE), total);
        }
      }
      // The second thread stopped before it took the job set aside for it.
      if (this.reserved >= 0) here(this.reserved);
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
  evaluateHere: EvaluateHere,
  onProgress?: (done: number, total: number) => void,
  parallelBytes?: number,
): Evaluated {
  const pool = new EvaluationPool(module, memory, evaluateHere, parallelBytes);
  jobs.forEach((j) => pool.submit(j));
  return pool.finish(onProgress);
}
