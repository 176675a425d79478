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
  return readResult(policy, policy.wasmInstance.exports.opa_eval(0, policy.entrypoints[entrypoint], policy.dataAddr, inputAddr, length, inputAddr + length, 0));
}

/** A result: NUL-terminated JSON in the instance's memory. */
function readResult(policy, addr) {
  const out = new Uint8Array(policy.mem.buffer);
  return JSON.parse(new TextDecoder().decode(out.subarray(addr, out.indexOf(0, addr))));
}

/**
 * Evaluates several entrypoints over one input parsed once: parsing, the largest part of evaluating
 * a large document (the 42 MB plan: ~0.8 s of each of its three evaluations), is not repeated. Each
 * evaluation is over the input itself or, given a `frame` (a JSON object, in pieces), over the frame
 * with the input placed at the path `at` in it. The heap is reset to just after the parsed input
 * between evaluations, so each starts as if it were the only one. The SDK's own steps of an
 * evaluation (ABI 1.0: opa_eval_ctx_*, eval), with the parsed value as input.
 * @param {object} policy a LoadedPolicy of @open-policy-agent/opa-wasm
 * @param {Uint8Array[]} pieces
 * @param {number} length the pieces' total length
 * @param {{entrypoint: string, frame?: Uint8Array[], at?: string[]}[]} evaluations
 * @returns {unknown[]} each evaluation's result set, in order
 */
function evaluateParsedOnce(policy, pieces, length, evaluations) {
  const x = policy.wasmInstance.exports;
  for (const { entrypoint } of evaluations) if (!Object.prototype.hasOwnProperty.call(policy.entrypoints, entrypoint)) throw new Error(`entrypoint ${entrypoint} is not valid in this instance`);
  x.opa_heap_ptr_set(policy.dataHeapPtr);
  const input = parseJson(policy, pieces, length);
  const parsed = x.opa_heap_ptr_get();
  let top = parsed;
  const results = evaluations.map(({ entrypoint, frame, at }) => {
    x.opa_heap_ptr_set(parsed);
    let value = input;
    if (frame) {
      value = parseJson(policy, frame, frame.reduce((n, p) => n + p.length, 0));
      const path = Buffer.from(JSON.stringify(at));
      if (x.opa_value_add_path(value, parseJson(policy, [path], path.length), input) !== 0) throw new Error(`the input cannot be placed at ${path} of its frame`);
    }
    const ctx = x.opa_eval_ctx_new();
    x.opa_eval_ctx_set_input(ctx, value);
    x.opa_eval_ctx_set_data(ctx, policy.dataAddr);
    x.opa_eval_ctx_set_entrypoint(ctx, policy.entrypoints[entrypoint]);
    // As opa_eval does: a non-zero return is a failed evaluation, whose result must not be read.
    if (x.eval(ctx) !== 0) throw new Error('eval failed');
    const result = readResult(policy, x.opa_json_dump(x.opa_eval_ctx_get_result(ctx)));
    top = Math.max(top, x.opa_heap_ptr_get());
    return result;
  });
  // Left at the highest any evaluation reached: heapTop tells how much memory they touched.
  x.opa_heap_ptr_set(top);
  return results;
}

/** The address of the JSON in pieces parsed into the instance's heap. */
function parseJson(policy, pieces, length) {
  const x = policy.wasmInstance.exports;
  const addr = x.opa_malloc(length);
  // Taken after opa_malloc, which may have grown the memory (a new buffer).
  const memory = new Uint8Array(policy.mem.buffer);
  let at = addr;
  for (const p of pieces) {
    memory.set(p, at);
    at += p.length;
  }
  const value = x.opa_json_parse(addr, length);
  if (!value) throw new Error('the input is not valid JSON');
  return value;
}

/**
 * A job of the evaluation pool (pool.ts): its entrypoint over its input, and with `also`, those
 * evaluations too over the input parsed once, their result sets in a list after the entrypoint's own.
 * @param {object} policy a LoadedPolicy of @open-policy-agent/opa-wasm
 * @param {string} entrypoint
 * @param {Uint8Array[]} pieces
 * @param {number} length the pieces' total length
 * @param {{entrypoint: string, frame?: Uint8Array[], at?: string[]}[] | undefined} also
 */
function evaluateJob(policy, entrypoint, pieces, length, also) {
  return also ? evaluateParsedOnce(policy, pieces, length, [{ entrypoint }, ...also]) : evaluatePieces(policy, entrypoint, pieces, length);
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

module.exports = { evaluateJob, evaluatePieces, evaluateParsedOnce, heapTop };
