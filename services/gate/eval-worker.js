'use strict';
// The second evaluator of a parallel gate run (services/gate/pool.ts). Plain JavaScript, so the
// thread starts without ts-node. It takes jobs from the counter it shares with the main thread,
// evaluates them with its own instance of the compiled module, and posts each raw result back.
const { workerData } = require('worker_threads');
const { loadPolicySync } = require('@open-policy-agent/opa-wasm');

const { wasmModule, memory, port, control, inputs, jobs } = workerData;
const counters = new Int32Array(control);
const [NEXT, DONE] = [0, 1];
let policy;
try {
  policy = loadPolicySync(wasmModule, memory);
} catch (e) {
  policy = e;
}
for (;;) {
  const next = Atomics.add(counters, NEXT, 1);
  if (next >= jobs.length) break;
  const { job: i, entrypoint, offset, length } = jobs[next];
  let message;
  try {
    if (policy instanceof Error) throw policy;
    message = { i, result: policy.evaluate(new Uint8Array(inputs, offset, length).slice().buffer, entrypoint) };
  } catch (e) {
    // The SDK aborts with a bare error and no message on runtime errors such as rule conflicts.
    message = { i, error: (e && e.message) || 'the policy aborted (a rule raised a runtime error)' };
  }
  port.postMessage(message);
  Atomics.add(counters, DONE, 1);
  Atomics.notify(counters, DONE);
}
port.close();
