'use strict';
// Evaluates an entrypoint of a policy loaded by @open-policy-agent/opa-wasm over an input given as
// UTF-8 JSON in pieces, each written straight into the instance's memory. The SDK's evaluate() takes
// the input as one ArrayBuffer, which cost a copy of every input (about 130 MB on the 1,000-tenant
// estate) before its own copy into memory. This is the SDK's ABI 1.2 fast path (opa-wasm 1.10.0,
// pinned; test/gate/pool.test.ts compares the two): an instance without it gets one ArrayBuffer.
// Plain JavaScript, shared by the gate and its second thread (services/gate/eval-worker.js).

/**
 * @param {object} policy a LoadedPolicy of @open-policy-agent/opa-wasm
 * @param {string} entrypoint
 * @param {Uint8Array[]} pieces
 * @param {number} length the pieces' total length
 */
function evaluatePieces(policy, entrypoint, pieces, length) {
  if (!(policy.minorVersion >= 2) || !Object.prototype.hasOwnProperty.call(policy.entrypoints, entrypoint)) {
    const whole = new Uint8Array(length);
    let at = 0;
    for (const p of pieces) {
      whole.set(p, at);
      at += p.length;
    }
    return policy.evaluate(whole.buffer, entrypoint);
  }
  const inputAddr = policy.dataHeapPtr;
  const missing = inputAddr + length - policy.mem.buffer.byteLength;
  if (missing > 0) policy.mem.grow(Math.ceil(missing / 65536));
  const memory = new Uint8Array(policy.mem.buffer);
  let at = inputAddr;
  for (const p of pieces) {
    memory.set(p, at);
    at += p.length;
  }
  const result = policy.wasmInstance.exports.opa_eval(0, policy.entrypoints[entrypoint], policy.dataAddr, inputAddr, length, inputAddr + length, 0);
  // The result is NUL-terminated JSON in the instance's memory.
  const out = new Uint8Array(policy.mem.buffer);
  const end = out.indexOf(0, result);
  return JSON.parse(new TextDecoder().decode(out.subarray(result, end)));
}

/**
 * The top of the instance's heap (the SDK's policy), where its last evaluation left it: how much of its
 * memory that evaluation touched, and so keeps resident (wasm memory never shrinks).
 * @param {object} policy a LoadedPolicy of @open-policy-agent/opa-wasm
 * @returns {number}
 */
function heapTop(policy) {
  return policy.wasmInstance.exports.opa_heap_ptr_get();
}

module.exports = { evaluatePieces, heapTop };
