import * as path from 'path';
import { main } from '../../services/cli/main';
import { progress } from '../../services/cli/progress';
import { loadPolicyBundle } from '../../services/gate/policy';
import { ROOT } from '../../services/toolchain/paths';

const estateRules = [...loadPolicyBundle().rules.values()].filter((r) => r.scope === 'estate').length;
const FIXTURES = [path.join(ROOT, 'test/fixtures/handwritten-cfn.json'), path.join(ROOT, 'test/fixtures/handwritten.tf.json')];

function capture(interactive: boolean) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), interactive };
  return { io, out };
}

describe('progress on stderr', () => {
  test('GIVEN a non-interactive run (CI, a pipe) THEN nothing is drawn', () => {
    const { io, out } = capture(false);
    const p = progress(io);
    p.update('gating stacks', 1, 2);
    p.done();
    expect(out.stderr).toBe('');
  });

  test('GIVEN a terminal THEN updates are throttled to one per 100 ms, the last count always shows, and done clears the line', () => {
    const { io, out } = capture(true);
    let now = 0;
    const p = progress(io, () => now);
    p.update('gating stacks', 0, 3);
    now = 50;
    p.update('gating stacks', 1, 3); // within 100 ms: skipped
    p.update('gating stacks', 3, 3); // the last one: drawn anyway
    p.done();
    expect(out.stderr.split('\r\x1b[2K').filter(Boolean)).toEqual(['cordon: gating stacks 0/3', 'cordon: gating stacks 3/3']);
    expect(out.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  test('GIVEN cordon check on a terminal THEN the progress line is drawn and cleared, and stdout holds only the report', () => {
    const tty = capture(true);
    const piped = capture(false);
    expect(main(['check', ...FIXTURES], tty.io)).toBe(1);
    expect(main(['check', ...FIXTURES], piped.io)).toBe(1);
    // One evaluation for the batch of both stacks, one per estate rule.
    expect(tty.out.stderr).toContain(`cordon: evaluating stacks and estate rules ${1 + estateRules}/${1 + estateRules}`);
    expect(tty.out.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(piped.out.stderr).toBe('');
    expect(tty.out.stdout).toBe(piped.out.stdout);
  });

  test('colour only when stdout is a terminal: the verdict is red on failure, plain otherwise', () => {
    const colored = capture(true);
    main(['check', ...FIXTURES], { ...colored.io, color: true });
    expect(colored.out.stdout).toContain('\x1b[31mFAILED');
    const plain = capture(false);
    main(['check', ...FIXTURES, '--format', 'table'], plain.io);
    expect(plain.out.stdout).not.toContain('\x1b[');
  });
});
