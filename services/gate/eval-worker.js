'use strict';
// The second evaluator of a parallel gate run (services/gate/pool.ts). Plain JavaScript, so the
// thread starts without ts-node. It takes jobs from the counter it shares with the main thread,
// evaluates them with its own instance of the compiled module, and posts each raw result back.
const { workerData } = require('worker_threads');

const { wasmModule, memory, port, control, inputs, jobs } = workerData;
const counters = new Int32Array(control);
const [NEXT, DONE, STOPPED] = [0, 1, 2];
// However the thread ends, even by an error outside the loop's own handling, the caller stops
// waiting for it: a job it held then has no result, which fails the run instead of hanging it.
process.on('exit', () => {
  Atomics.store(counters, STOPPED, 1);
  Atomics.notify(counters, DONE);
});
let policy;
let loadError;
try {
  policy = require('@open-policy-agent/opa-wasm').loadPolicySync(wasmModule, memory);
} catch (e) {
  loadError = e;
}
for (;;) {
  const next = Atomics.add(counters, NEXT, 1);
  if (next >= jobs.length) break;
  const { job: i, entrypoint, length, ranges } = jobs[next];
  let message;
  try {
    if (loadError) throw loadError;
    // The input is put together from its (offset, length) ranges of the shared bytes.
    const input = new Uint8Array(length);
    for (let k = 0, at = 0; k < ranges.length; at += ranges[k + 1], k += 2) input.set(new Uint8Array(inputs, ranges[k], ranges[k + 1]), at);
    message = { i, result: policy.evaluate(input.buffer, entrypoint) };
  } catch (e) {
    message = { i, error: e && e.message }; // the caller words a missing message
  }
  port.postMessage(message);
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
}
port.close();
