import * as fs from 'fs';
import * as path from 'path';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { runGate } from '../../services/gate/gate';
import { loadInputs } from '../../services/gate/inputs';
import { loadPolicyBundle } from '../../services/gate/policy';
import { evaluateJobs, Job } from '../../services/gate/pool';
import { ENTRYPOINT } from '../../services/toolchain/build-bundle';
import { BUNDLE_DIR } from '../../services/toolchain/paths';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies');
const MEMORY = { initial: 256 };
const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(BUNDLE_DIR, 'policy.wasm')));
const here = loadPolicySync(wasmModule, MEMORY);
const evaluateHere = (entrypoint: string, input: ArrayBuffer) => here.evaluate(input, entrypoint);
const pause = new Int32Array(new SharedArrayBuffer(4));
/** The calling thread's share, slowed down so the second thread surely takes jobs of its own. */
const slowHere = (entrypoint: string, input: ArrayBuffer) => {
  Atomics.wait(pause, 0, 0, 100);
  return evaluateHere(entrypoint, input);
};

const stacks = loadInputs(['enc/aws-stores-fail.json', 'enc/gcp-stores-fail.tf.json', 'net/net-aws-fail.json', 'net/net-gcp-fail.tf.json', 'net/net5-aws-fail', 'ret/aws-retention-fail.json', 'ret/gcp-retention-pass'].map((f) => path.join(FIXTURES, f)));
const jobs: Job[] = stacks.map((s) => ({ entrypoint: ENTRYPOINT, input: JSON.stringify(s.doc) }));

describe('parallel evaluation', () => {
  test('the second thread evaluates jobs, and every outcome equals the calling thread alone', () => {
    const alone = evaluateJobs(wasmModule, MEMORY, jobs, evaluateHere, undefined, Infinity);
    const shared = evaluateJobs(wasmModule, MEMORY, jobs, slowHere, undefined, 0);
    expect(alone.onSecondThread).toBe(0);
    expect(shared.onSecondThread).toBeGreaterThan(0);
    expect(shared.outcomes).toEqual(alone.outcomes);
    expect(alone.outcomes.some((o) => 'result' in o && JSON.stringify(o.result).includes('"rule"'))).toBe(true);
  });

  test('progress counts every job, whichever thread ran it', () => {
    const seen: number[] = [];
    evaluateJobs(wasmModule, MEMORY, jobs, slowHere, (done, total) => {
      expect(total).toBe(jobs.length);
      seen.push(done);
    }, 0);
    expect(Math.max(...seen)).toBe(jobs.length);
  });

  test('a job that fails on the second thread comes back as an error, never as a missing result', () => {
    const bad: Job[] = jobs.map((j) => ({ ...j, entrypoint: 'cordon/no/such/entrypoint' }));
    const { outcomes, onSecondThread } = evaluateJobs(wasmModule, MEMORY, bad, slowHere, undefined, 0);
    expect(onSecondThread).toBeGreaterThan(0);
    expect(outcomes.every((o) => 'error' in o)).toBe(true);
  });

  test('the gate reports the same findings in parallel as on one thread', () => {
    const bundle = loadPolicyBundle();
    const one = runGate(stacks, bundle, { parallelBytes: Infinity, today: '2026-01-01' });
    const two = runGate(stacks, bundle, { parallelBytes: 0, today: '2026-01-01' });
    expect(one.findings.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });
});
