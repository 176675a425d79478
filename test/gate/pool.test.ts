import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { loadPolicySync } from '@open-policy-agent/opa-wasm';
import { runGate } from '../../services/gate/gate';
import { loadInputs } from '../../services/gate/inputs';
import { loadPolicyBundle } from '../../services/gate/policy';
import { evaluateParsedOnce, evaluatePieces, heapTop } from '../../services/gate/evaluate-pieces';
import { EvaluationPool, evaluateJobs, Job, SharedText } from '../../services/gate/pool';
import { ENTRYPOINT } from '../../services/toolchain/build-bundle';
import { BUNDLE_DIR } from '../../services/toolchain/paths';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies');
const MEMORY = { initial: 256 };
const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(BUNDLE_DIR, 'policy.wasm')));
const here = loadPolicySync(wasmModule, MEMORY);
/** The SDK's own evaluate, over the pieces joined: the second thread writes them into its memory one by one (evaluate-pieces.js). */
const evaluateHere = (entrypoint: string, input: readonly Uint8Array[]) => here.evaluate(Uint8Array.from(Buffer.concat(input)).buffer, entrypoint);
const pause = new Int32Array(new SharedArrayBuffer(4));
/** The calling thread's share, slowed down so the second thread surely takes jobs of its own. */
const slowHere = (entrypoint: string, input: readonly Uint8Array[]) => {
  Atomics.wait(pause, 0, 0, 100);
  return evaluateHere(entrypoint, input);
};

const stacks = loadInputs(['enc/aws-stores-fail.json', 'enc/gcp-stores-fail.tf.json', 'net/net-aws-fail.json', 'net/net-gcp-fail.tf.json', 'net/net5-aws-fail', 'ret/aws-retention-fail.json', 'ret/gcp-retention-pass'].map((f) => path.join(FIXTURES, f)));
/**
 * A document in three pieces cut anywhere, the first a copy of its own and the others views of one
 * buffer: the pool must join them byte for byte.
 */
const inPieces = (text: string) => {
  const bytes = Buffer.from(text);
  const [a, b] = [Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)];
  return [Buffer.from(bytes.subarray(0, a)), bytes.subarray(a, b), bytes.subarray(b)];
};
const single: Job[] = stacks.map((s) => ({ entrypoint: ENTRYPOINT, input: inPieces(JSON.stringify(s.doc)) }));
// Every document twice, made of the same pieces: shared bytes are shared once, and read right by both jobs.
const jobs: Job[] = [...single, ...single.map((j) => ({ ...j }))];

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

  test('pieces written straight into the instance\'s memory evaluate as the SDK\'s own evaluate of the joined input', () => {
    for (const job of jobs.slice(0, 3)) {
      expect(evaluatePieces(here, job.entrypoint, job.input, Buffer.concat(job.input).length)).toEqual(evaluateHere(job.entrypoint, job.input));
    }
    // An entrypoint the module lacks fails as the SDK fails it.
    expect(() => evaluatePieces(here, 'cordon/no/such/entrypoint', jobs[0].input, Buffer.concat(jobs[0].input).length)).toThrow(/entrypoint cordon\/no\/such\/entrypoint is not valid/);
  });

  test('several entrypoints over an input parsed once: each result equals its own evaluation, also in a frame; the heap top is the highest any reached', () => {
    // A stack with a finding of its own and one of an estate rule (EDGE-2-GCP), so that both results say something.
    const [edge] = loadInputs([path.join(FIXTURES, 'edge/edge1-armor-fail.tf.json')]);
    const doc = Buffer.from(JSON.stringify(edge.doc));
    const estate = 'cordon/rules/edge_2_gcp_rate_limit/deny_estate';
    const inFrame = Buffer.from(`{"stacks":{"edge":${doc}},"tenants":{}}`);
    const separately = [evaluatePieces(here, ENTRYPOINT, [doc], doc.length), evaluatePieces(here, estate, [inFrame], inFrame.length)];
    expect(separately.map((r) => JSON.stringify(r).includes('"resource"'))).toEqual([true, true]);
    const evaluations = [{ entrypoint: ENTRYPOINT }, { entrypoint: estate, frame: [Buffer.from('{"stacks":{},"tenants":{}}')], at: ['stacks', 'edge'] }];
    expect(evaluateParsedOnce(here, inPieces(doc.toString()), doc.length, evaluations)).toEqual(separately);
    const tops = evaluations.map((e) => {
      evaluateParsedOnce(here, [doc], doc.length, [e]);
      return heapTop(here);
    });
    evaluateParsedOnce(here, [doc], doc.length, evaluations);
    expect(heapTop(here)).toBe(Math.max(...tops));
    expect(() => evaluateParsedOnce(here, [doc], doc.length, [{ entrypoint: 'cordon/no/such/entrypoint' }])).toThrow(/entrypoint cordon\/no\/such\/entrypoint is not valid/);
    expect(() => evaluateParsedOnce(here, [Buffer.from('{"a":')], 5, [{ entrypoint: ENTRYPOINT }])).toThrow(/not valid JSON/);
    expect(() => evaluateParsedOnce(here, [doc], doc.length, [{ ...evaluations[1], frame: [Buffer.from('[]')] }])).toThrow(/cannot be placed at \["stacks","edge"\]/);
  });

  test('shared text: texts encoded together lie one after another in one view, each ending where `ends` says (multi-byte characters too)', () => {
    const text = new SharedText();
    const { bytes, ends } = text.encodeAll(['{"a":', '"é"', ',', '"€"}']);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes.toString('utf8')).toBe('{"a":"é","€"}');
    expect(ends).toEqual([5, 9, 10, 16]);
  });

  test('shared text: jobs made of it reach the second thread without a copy, and evaluate the same', () => {
    const text = new SharedText();
    const sharedJobs = jobs.map((j) => ({ ...j, input: [text.encode(Buffer.concat(j.input).toString('utf8'))] }));
    expect(sharedJobs.every((j) => j.input[0].buffer instanceof SharedArrayBuffer)).toBe(true);
    const shared = evaluateJobs(wasmModule, MEMORY, sharedJobs, slowHere, undefined, 0);
    expect(shared.onSecondThread).toBeGreaterThan(0);
    expect(shared.outcomes).toEqual(evaluateJobs(wasmModule, MEMORY, jobs, evaluateHere, undefined, Infinity).outcomes);
  });

  test('input submitted as not counting (estate documents) never starts the second thread', () => {
    const size = Buffer.concat(jobs[0].input).length;
    const pool = new EvaluationPool(wasmModule, MEMORY, slowHere, size + 1);
    pool.submit(jobs[0]);
    jobs.slice(1).forEach((j) => pool.submit(j, false));
    expect(pool.finish().onSecondThread).toBe(0);
    // Counted, the same jobs pass the threshold at the second and the second thread takes some.
    const counted = new EvaluationPool(wasmModule, MEMORY, slowHere, size + 1);
    jobs.forEach((j) => counted.submit(j));
    expect(counted.finish().onSecondThread).toBeGreaterThan(0);
  });

  test('one counted job under 16 MiB (a single stack) stays on the calling thread: beside it, the second thread would only evaluate the estate documents in a heap of its own', () => {
    const pool = new EvaluationPool(wasmModule, MEMORY, slowHere, 0);
    pool.submit(jobs[0]);
    jobs.slice(1).forEach((j) => pool.submit(j, false));
    expect(pool.finish().onSecondThread).toBe(0);
  });

  test('a counted job of 16 MiB or more (a large plan) is the second thread\'s, never the calling thread\'s: the outcomes equal one thread\'s', () => {
    const doc = { ...stacks[0].doc, resources: { ...stacks[0].doc.resources, r: { type: 'x', properties: { text: 'a'.repeat(16 << 20) }, references: [], labels: {} } } };
    const large: Job = { entrypoint: ENTRYPOINT, input: [Buffer.from(JSON.stringify(doc))] };
    const ran: number[] = [];
    const pool = new EvaluationPool(wasmModule, MEMORY, (entrypoint, input) => {
      ran.push(Buffer.concat(input).length);
      return evaluateHere(entrypoint, input);
    });
    [large, ...single].forEach((j, i) => pool.submit(j, i === 0));
    const { outcomes, onSecondThread } = pool.finish();
    // The calling thread may take the small jobs or leave them to the second thread, which goes on to them once the large one is done.
    expect(onSecondThread).toBeGreaterThanOrEqual(1);
    expect(ran).not.toContain(large.input[0].length);
    expect(outcomes).toEqual(evaluateJobs(wasmModule, MEMORY, [large, ...single], evaluateHere, undefined, Infinity).outcomes);
    expect(JSON.stringify(outcomes[0])).toContain('"rule"');
  });

  test('a counted job of 16 MiB or more (a large plan) has the garbage collected before it is evaluated: its wasm heap comes on top of the JS heap', () => {
    // Garbage as soon as counted.
    expect(Array.from({ length: 500_000 }, (_, i) => ({ i, text: `garbage ${i}` })).length).toBe(500_000);
    const before = process.memoryUsage().heapUsed;
    let during = Infinity;
    const pool = new EvaluationPool(wasmModule, MEMORY, () => (during = process.memoryUsage().heapUsed), Infinity);
    pool.submit({ entrypoint: ENTRYPOINT, input: [Buffer.alloc(16 << 20)] });
    pool.finish();
    expect(before - during).toBeGreaterThan(20 << 20);
  });

  test('a second thread that dies says so through the shared counters, so the caller never waits forever', () => {
    // No port: the thread fails outside its own error handling before it can take a job.
    const control = new SharedArrayBuffer(8);
    const counters = new Int32Array(control);
    const worker = new Worker(path.join(__dirname, '../../services/gate/eval-worker.js'), { workerData: { wasmModule, memory: MEMORY, control } });
    worker.on('error', () => undefined);
    const until = Date.now() + 30_000;
    while (!Atomics.load(counters, 1) && Date.now() < until) Atomics.wait(counters, 0, 0, 100);
    expect({ done: Atomics.load(counters, 0), stopped: Atomics.load(counters, 1) }).toEqual({ done: 0, stopped: 1 });
    void worker.terminate();
  });

  test('the second thread starts on jobs as they are submitted, and the caller takes only what it has not', () => {
    const pool = new EvaluationPool(wasmModule, MEMORY, evaluateHere, 0);
    jobs.forEach((j) => pool.submit(j));
    // The caller is busy elsewhere meanwhile: the second thread takes every job it was handed.
    Atomics.wait(pause, 0, 0, 5000);
    const { outcomes, onSecondThread } = pool.finish();
    expect(onSecondThread).toBe(jobs.length);
    expect(outcomes).toEqual(evaluateJobs(wasmModule, MEMORY, jobs, evaluateHere, undefined, Infinity).outcomes);
  });

  test('the gate reports the same findings in parallel as on one thread', () => {
    const bundle = loadPolicyBundle();
    // A stack over a batch's 512 KiB: two batches, so the second thread starts.
    const large = { ...stacks[0], doc: { ...stacks[0].doc, stack: { ...stacks[0].doc.stack, name: 'large' }, resources: { r: { type: 'x', properties: { text: 'a'.repeat(600_000) }, references: [], labels: {}, path: null } } } };
    const one = runGate([...stacks, large], bundle, { parallelBytes: Infinity, today: '2026-01-01' });
    const two = runGate([...stacks, large], bundle, { parallelBytes: 0, today: '2026-01-01' });
    expect(one.findings.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });

  test('an evaluation that touched releaseHeapBytes of the calling thread\'s memory: its instance is let go once the evaluations are done (the next evaluation makes a new one), and the findings stay the same', () => {
    const bundle = loadPolicyBundle();
    const gate = (releaseHeapBytes: number) => {
      let released: boolean | undefined;
      const report = runGate(stacks, bundle, { releaseHeapBytes, today: '2026-01-01', onEvaluated: (e) => (released = e.released) });
      return { report, released };
    };
    const kept = gate(Infinity);
    expect(kept.released).toBe(false);
    const released = gate(1);
    expect(released).toEqual({ report: kept.report, released: true });
    // The next run evaluates on the new instance.
    expect(gate(Infinity)).toEqual(kept);
  });

  test('reuseStackResults: a stack document judged before is not evaluated again; a changed one is; the findings are the same as without', () => {
    const bundle = loadPolicyBundle();
    const plain = runGate(stacks, bundle, { today: '2026-01-02' });
    const count = (today: string, input = stacks) => {
      let jobs = -1;
      const report = runGate(input, bundle, { today, reuseStackResults: true, onEvaluated: (s) => (jobs = s.jobs) });
      return { report, jobs };
    };
    const estateRules = [...bundle.rules.values()].filter((r) => r.scope === 'estate').length;
    // A date no other test gates on: every document is new to the bundle.
    const first = count('2026-01-02');
    expect(first.jobs).toBeGreaterThan(estateRules);
    expect(first.report).toEqual(plain);
    const again = count('2026-01-02');
    expect(again.jobs).toBe(estateRules);
    expect(again.report).toEqual(plain);
    // The date is part of each document: another day judges every stack again.
    expect(count('2026-01-03').jobs).toBe(first.jobs);
    // One stack changed (a key's rotation turned off): only its document is new, and its finding appears.
    const [changed, ...rest] = stacks;
    const edited = { ...changed, doc: { ...changed.doc, resources: { ...changed.doc.resources, ExtraKey: { type: 'AWS::KMS::Key', properties: { EnableKeyRotation: false }, references: [], labels: {}, path: null } } } };
    const once = count('2026-01-02', [edited, ...rest]);
    expect(once.jobs).toBe(estateRules + 1);
    expect(once.report.findings.filter((f) => f.resource === 'ExtraKey').map((f) => f.rule)).toContain('ENC-2-AWS');
    expect(once.report.findings.filter((f) => f.resource === 'ExtraKey')).toEqual(runGate([edited, ...rest], bundle, { today: '2026-01-02' }).findings.filter((f) => f.resource === 'ExtraKey'));
  });
});
