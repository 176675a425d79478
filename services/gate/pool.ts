import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/** One evaluation: an entrypoint of the bundle over an input document, UTF-8 JSON in pieces. */
export interface Job {
  readonly entrypoint: string;
  readonly input: readonly Uint8Array[];
}

/**
 * Copies the bytes the jobs' pieces view into one SharedArrayBuffer, each stretch of an underlying
 * buffer once, and sets each job's `ranges` (offset, length pairs, adjacent ones merged) to its input there.
 */
function share(jobs: readonly Job[], meta: { ranges: number[] }[]): SharedArrayBuffer {
  const spans = new Map<ArrayBufferLike, { start: number; end: number; at: number }>();
  for (const p of jobs.flatMap((j) => j.input)) {
    const span = spans.get(p.buffer);
    if (!span) spans.set(p.buffer, { start: p.byteOffset, end: p.byteOffset + p.length, at: 0 });
    else [span.start, span.end] = [Math.min(span.start, p.byteOffset), Math.max(span.end, p.byteOffset + p.length)];
  }
  let size = 0;
  for (const span of spans.values()) [span.at, size] = [size, size + span.end - span.start];
  const shared = new SharedArrayBuffer(size);
  const bytes = new Uint8Array(shared);
  for (const [buffer, { start, end, at }] of spans) bytes.set(new Uint8Array(buffer, start, end - start), at);
  jobs.forEach((j, i) => {
    const ranges = meta[i].ranges;
    for (const p of j.input) {
      const span = spans.get(p.buffer)!;
      const offset = span.at + p.byteOffset - span.start;
      const last = ranges.length - 2;
      if (last >= 0 && ranges[last] + ranges[last + 1] === offset) ranges[last + 1] += p.length;
      else ranges.push(offset, p.length);
    }
  });
  return shared;
}

/** The pieces one after the other into `into` from `offset`. */
function copyInto(into: Uint8Array, offset: number, pieces: readonly Uint8Array[]): void {
  for (const p of pieces) {
    into.set(p, offset);
    offset += p.length;
  }
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

/** Indices of the counters shared with services/gate/eval-worker.js. */
const [NEXT, DONE, STOPPED] = [0, 1, 2];

/**
 * Evaluates every job, in parallel on a second thread when the input is large and the machine has a
 * second core, and returns the outcomes in job order, so the report never depends on which thread
 * ran what. Synchronous (the caller blocks in Atomics.wait), so the gate stays usable from CDK's
 * synchronous validation plugins. `evaluateHere` evaluates on the calling thread's instance.
 */
export function evaluateJobs(
  module: WebAssembly.Module,
  memory: WebAssembly.MemoryDescriptor,
  jobs: readonly Job[],
  evaluateHere: (entrypoint: string, input: ArrayBuffer) => unknown,
  onProgress?: (done: number, total: number) => void,
  parallelBytes: number = PARALLEL_BYTES,
): Evaluated {
  const lengths = jobs.map((j) => j.input.reduce((n, p) => n + p.length, 0));
  const parallel = lengths.reduce((a, b) => a + b, 0) >= parallelBytes && os.cpus().length > 1 && jobs.length > 1;
  const meta = jobs.map((j, i) => ({ job: i, entrypoint: j.entrypoint, length: lengths[i], ranges: [] as number[] }));
  // In parallel, the inputs' bytes are copied into memory both threads can read, each byte once
  // however many documents share it (the estate documents are views of the stack documents).
  const inputs = parallel ? share(jobs, meta) : undefined;
  // Largest first (the estate documents), so neither thread is left with a long job at the end.
  if (parallel) meta.sort((a, b) => b.length - a.length || a.job - b.job);
  const inputOf = ({ job, length }: (typeof meta)[number]): ArrayBuffer => {
    const bytes = new Uint8Array(length);
    copyInto(bytes, 0, jobs[job].input);
    return bytes.buffer;
  };

  const control = new SharedArrayBuffer(12);
  const counters = new Int32Array(control);
  const outcomes: (Outcome | undefined)[] = new Array(jobs.length);
  let onSecondThread = 0;
  const channel = new MessageChannel();
  const worker = parallel
    ? new Worker(path.join(__dirname, 'eval-worker.js'), { workerData: { wasmModule: module, memory, port: channel.port2, control, inputs, jobs: meta }, transferList: [channel.port2] })
    : undefined;
  worker?.unref();
  // Its failures reach the caller as jobs without a result; an unhandled 'error' event would crash the process later.
  worker?.on('error', () => undefined);
  try {
    for (;;) {
      const next = Atomics.add(counters, NEXT, 1);
      if (next >= jobs.length) break;
      const job = meta[next];
      try {
        outcomes[job.job] = { result: evaluateHere(job.entrypoint, inputOf(job)) };
      } catch (e) {
        outcomes[job.job] = { error: errorText((e as Error)?.message) };
      }
      const done = Atomics.add(counters, DONE, 1) + 1; // not inside onProgress?.(): that skips its arguments
      onProgress?.(done, jobs.length);
    }
    for (let done = Atomics.load(counters, DONE); done < jobs.length && !Atomics.load(counters, STOPPED); done = Atomics.load(counters, DONE)) {
      Atomics.wait(counters, DONE, done, 100); // timed: a stop signalled just before the wait is still seen
      onProgress?.(Atomics.load(counters, DONE), jobs.length);
    }
    for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) {
      const { i, ...outcome } = m.message as { i: number } & Outcome;
      outcomes[i] = 'error' in outcome ? { error: errorText(outcome.error) } : outcome;
      onSecondThread++;
    }
  } finally {
    channel.port1.close();
    void worker?.terminate();
  }
  return { outcomes: outcomes.map((o) => o ?? { error: 'the evaluator thread returned no result' }), onSecondThread };
}
