// Types of evaluate-pieces.js, plain JavaScript shared with the second thread (eval-worker.js).
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';

/** The policy's result set for the entrypoint over the input, UTF-8 JSON in pieces totalling `length` bytes. */
export function evaluatePieces(policy: LoadedPolicy, entrypoint: string, pieces: readonly Uint8Array[], length: number): unknown;

/** The top of the instance's heap after its last evaluation: how much of its memory stays resident. */
export function heapTop(policy: LoadedPolicy): number;
