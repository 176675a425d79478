import * as fs from 'fs';
import * as path from 'path';
import { DeployError } from '../../services/deploy/errors';
import { DeploymentRecord, lastDeployed } from '../../services/deploy/record';
import { tmpDir } from '../helpers';

const dir = tmpDir('cordon-record-');
let n = 0;
const fresh = () => path.join(dir, `r${++n}`, 'deployments.jsonl');
const stack = (name: string, sha = 'a'.repeat(64)) => ({ name, cloud: 'aws' as const, sha256: sha });
const start = (run: string, names: string[]) => ({ event: 'start' as const, run, who: 'w', clouds: ['aws'], selection: { tenants: [], env: null }, bundleSha256: 'b', reportSha256: 'r', report: 'x.json', passed: true, planOnly: false, stacks: names.map((s) => stack(s)) });

function writeRun(file: string): void {
  const r = DeploymentRecord.open(file);
  r.append(start('run1', ['k', 'd']));
  r.append({ event: 'stack', run: 'run1', stack: stack('k'), outcome: 'deployed' });
  r.append({ event: 'end', run: 'run1', outcome: 'succeeded', deployed: ['k'], failed: [], notAttempted: [] });
  r.close();
}

describe('deployment record', () => {
  test('entries are chained: each names the hash of the one before, and the record reads back whole', () => {
    const file = fresh();
    writeRun(file);
    const entries = DeploymentRecord.read(file);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1].prev).toBe(entries[0].hash);
    expect(entries[2].prev).toBe(entries[1].hash);
    expect([...lastDeployed(entries).keys()]).toEqual(['k']);
  });

  test.each([
    ['an edited line', (lines: string[]) => (lines[1] = lines[1].replace('"deployed"', '"failed"'))],
    ['a removed line', (lines: string[]) => lines.splice(1, 1)],
    ['reordered lines', (lines: string[]) => ([lines[0], lines[1]] = [lines[1], lines[0]])],
    ['a line that is not JSON', (lines: string[]) => (lines[2] = '{oops')],
  ])('%s breaks the chain and the record is refused', (_what, tamper) => {
    const file = fresh();
    writeRun(file);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    tamper(lines);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(() => DeploymentRecord.read(file)).toThrow(DeployError);
    expect(() => DeploymentRecord.read(file)).toThrow(/line \d: (the hash chain is broken|not valid JSON)/);
  });

  test('a last line cut short is refused, not repaired silently', () => {
    const file = fresh();
    writeRun(file);
    fs.appendFileSync(file, '{"seq":4,');
    expect(() => DeploymentRecord.open(file)).toThrow(/the last line is incomplete/);
  });

  test('a run that started and never ended is closed as interrupted, naming what it deployed and what it never reached', () => {
    const file = fresh();
    const r = DeploymentRecord.open(file);
    r.append(start('killed', ['k', 'd', 'e']));
    r.append({ event: 'stack', run: 'killed', stack: stack('k'), outcome: 'deployed' });
    r.close();
    const next = DeploymentRecord.open(file);
    expect(next.closeInterrupted()).toEqual(['killed']);
    expect(next.closeInterrupted()).toEqual([]);
    next.close();
    expect(DeploymentRecord.read(file).at(-1)).toMatchObject({ event: 'end', run: 'killed', outcome: 'interrupted', deployed: ['k'], failed: [], notAttempted: ['d', 'e'] });
  });

  test('one deploy at a time: a live holder of the lock refuses a second; a dead one\'s lock is taken over', () => {
    const file = fresh();
    const first = DeploymentRecord.open(file);
    expect(() => DeploymentRecord.open(file)).toThrow(new RegExp(`another deploy \\(pid ${process.pid}\\) holds`));
    first.close();
    fs.writeFileSync(`${file}.lock`, '999999999');
    const second = DeploymentRecord.open(file);
    second.close();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
