import * as path from 'path';
import { runGate } from '../../services/gate/gate';
import { loadInputs } from '../../services/gate/inputs';
import { loadPolicyBundle } from '../../services/gate/policy';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies');
const bundle = loadPolicyBundle();
const estateRules = [...bundle.rules.values()].filter((r) => r.scope === 'estate').length;

describe('an estate of one stack', () => {
  test('the estate rules that read most of it are evaluated over its document as parsed for the stack rules, with the report of each over its own document', () => {
    // The stack's own findings and an estate rule's (EDGE-2-GCP, whose document holds most of this stack).
    const stacks = loadInputs([path.join(FIXTURES, 'edge/edge1-armor-fail.tf.json')]);
    let evaluations = 0;
    const once = runGate(stacks, bundle, { today: '2026-12-07', onEvaluated: ({ jobs }) => (evaluations = jobs) });
    let apartEvaluations = 0;
    const apart = runGate(stacks, bundle, { today: '2026-12-07', parseOnce: false, onEvaluated: ({ jobs }) => (apartEvaluations = jobs) });
    expect(apartEvaluations).toBe(1 + estateRules);
    expect(once).toEqual(apart);
    expect(once.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['EDGE-1-GCP', 'EDGE-2-GCP']));
    // One evaluation for the stack and those estate rules, one for each of the others: fewer than one each.
    expect(evaluations).toBeGreaterThan(1);
    expect(evaluations).toBeLessThan(1 + estateRules);
  });
});
