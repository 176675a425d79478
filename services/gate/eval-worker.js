'use strict';
// The second evaluator of a parallel gate run (services/gate/pool.ts). Plain JavaScript, so the
// thread starts without ts-node. It is given shared buffers, then jobs as where their pieces lie in
// them; it evaluates each job, in order, with its own instance of the compiled module unless the
// calling thread claimed the job first, and posts each raw result back.
const { workerData } = require('worker_threads');
const { evaluateJob } = require('./evaluate-pieces');

const { wasmModule, memory, port, control } = workerData;
const counters = new Int32Array(control);
const [DONE, STOPPED] = [0, 1];
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
const buffers = new Map();
port.on('message', (m) => {
  if (m.buffer) {
    buffers.set(m.id, new Uint8Array(m.buffer));
    return;
  }
  const { i, entrypoint, also, length, claim, ranges } = m;
  if (Atomics.compareExchange(new Int32Array(buffers.get(claim).buffer, 0, 1), 0, 0, 1) !== 0) return; // the calling thread took it
  let message;
  try {
    if (loadError) throw loadError;
    const pieces = [];
    for (let k = 0; k < ranges.length; k += 3) pieces.push(buffers.get(ranges[k]).subarray(ranges[k + 1], ranges[k + 1] + ranges[k + 2]));
    message = { i, result: evaluateJob(policy, entrypoint, pieces, length, also) };
  } catch (e) {
    message = { i, error: e && e.message }; // the caller words a missing message
  }
  port.postMessage(message);
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
});
