// Types of evaluate-pieces.js, plain JavaScript shared with the second thread (eval-worker.js).
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';

/** The policy's result set for the entrypoint over the input, UTF-8 JSON in pieces totalling `length` bytes. */
export function evaluatePieces(policy: LoadedPolicy, entrypoint: string, pieces: readonly Uint8Array[], length: number): unknown;

/** A further evaluation over an input parsed once: over the input itself, or over `frame` (a JSON object in pieces) with the input at the path `at`. */
export interface Evaluation {
  readonly entrypoint: string;
  readonly frame?: readonly Uint8Array[];
  readonly at?: readonly string[];
}

/** Each evaluation's result set over the input, UTF-8 JSON in pieces, parsed once for all of them. */
export function evaluateParsedOnce(policy: LoadedPolicy, pieces: readonly Uint8Array[], length: number, evaluations: readonly Evaluation[]): unknown[];

/** A job of the evaluation pool: evaluatePieces, or with `also`, evaluateParsedOnce of the entrypoint and those. */
export function evaluateJob(policy: LoadedPolicy, entrypoint: string, pieces: readonly Uint8Array[], length: number, also: readonly Evaluation[] | undefined): unknown;

/** The top of the instance's heap after its last evaluation: how much of its memory stays resident. */
export function heapTop(policy: LoadedPolicy): number;
