'use strict';
// The second evaluator of a parallel gate run (services/gate/pool.ts). Plain JavaScript, so the
// thread starts without ts-node. It evaluates each job the calling thread hands it, in order, with
// its own instance of the compiled module, unless the calling thread claimed the job first, and
// posts each raw result back.
const { workerData } = require('worker_threads');

const { wasmModule, memory, port, control } = workerData;
const counters = new Int32Array(control);
const [DONE, STOPPED] = [0, 1];
const INPUT_AT = 8;
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
port.on('message', ({ i, entrypoint, length, bytes }) => {
  if (Atomics.compareExchange(new Int32Array(bytes, 0, 1), 0, 0, 1) !== 0) return; // the calling thread took it
  let message;
  try {
    if (loadError) throw loadError;
    const input = new Uint8Array(length);
    input.set(new Uint8Array(bytes, INPUT_AT, length));
    message = { i, result: policy.evaluate(input.buffer, entrypoint) };
  } catch (e) {
    message = { i, error: e && e.message }; // the caller words a missing message
  }
  port.postMessage(message);
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
});
