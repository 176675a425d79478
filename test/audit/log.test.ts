import * as fs from 'fs';
import * as path from 'path';
import { AuditError, AuditLog, toCsv, verifyChain } from '../../services/audit/log';
import { cordon, tmpDir } from '../helpers';

const dir = tmpDir('cordon-audit-');
let n = 0;
const fresh = () => path.join(dir, `a${++n}`, 'audit.jsonl');

/** A log of five entries, as lines. */
function fiveLines(): { file: string; lines: string[] } {
  const file = fresh();
  const log = AuditLog.open(file, () => new Date('2026-12-04T00:00:00Z'));
  for (let i = 1; i <= 5; i++) log.append({ event: 'test.step', step: i, note: i === 3 ? 'with, a comma and "quotes"' : 'plain' });
  return { file, lines: fs.readFileSync(file, 'utf8').trimEnd().split('\n') };
}
const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe('audit log', () => {
  test('each entry names the hash of the one before; the whole log verifies and reads back', () => {
    const { file } = fiveLines();
    const entries = AuditLog.read(file);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < 5; i++) expect(entries[i].prev).toBe(entries[i - 1].hash);
    const verified = verifyChain(fs.readFileSync(file, 'utf8'));
    expect(verified.broken).toBeUndefined();
    expect(verified.head).toBe(entries[4].hash);
  });

  test.each([
    ['edited', (l: string[]) => (l[2] = l[2].replace('"step":3', '"step":33')), { kind: 'edited', line: 3 }],
    ['deleted', (l: string[]) => l.splice(1, 2), { kind: 'deleted', line: 2, detail: 'entries 2–3 are missing before this line' }],
    ['inserted', (l: string[]) => l.splice(2, 0, l[4].replace('"seq":5', '"seq":99')), { kind: 'edited', line: 3 }],
    ['inserted with its own hash', (l: string[]) => l.splice(2, 0, forged(l[1], 99)), { kind: 'inserted', line: 3 }],
    ['reordered', (l: string[]) => ([l[1], l[3]] = [l[3], l[1]]), { kind: 'reordered', line: 2, detail: 'entry 4 stands where entry 2 belongs' }],
    ['cut short', (l: string[]) => (l[4] = l[4].slice(0, 20)), { kind: 'unreadable', line: 5 }],
  ])('an entry %s is found and named', (_what, tamper, expected) => {
    const { file, lines } = fiveLines();
    tamper(lines);
    fs.writeFileSync(file, text(lines));
    expect(verifyChain(fs.readFileSync(file, 'utf8')).broken).toMatchObject(expected);
    expect(() => AuditLog.read(file)).toThrow(AuditError);
    expect(() => AuditLog.open(file)).toThrow(new RegExp(`line ${expected.line}: ${expected.kind}`));
  });

  test('a last line cut short mid-write is refused, not repaired silently', () => {
    const { file } = fiveLines();
    fs.appendFileSync(file, '{"seq":6,');
    expect(() => AuditLog.open(file)).toThrow(/line 6: unreadable: the last line is incomplete/);
  });

  test('exports as CSV with one row per entry, fields quoted where they must be', () => {
    const { file } = fiveLines();
    const csv = toCsv(AuditLog.read(file)).trimEnd().split('\n');
    expect(csv[0]).toBe('seq,at,event,data,prev,hash');
    expect(csv).toHaveLength(6);
    expect(csv[3]).toMatch(/^3,2026-12-04T00:00:00.000Z,test.step,"{""step"":3,""note"":""with, a comma and \\""quotes\\""""}",[0-9a-f]{64},[0-9a-f]{64}$/);
  });

  test('two writers holding the log open interleave their appends into one unbroken chain', () => {
    const file = fresh();
    const deployer = AuditLog.open(file);
    const approver = AuditLog.open(file);
    deployer.append({ event: 'deploy.start' });
    approver.append({ event: 'onboarding.approve' });
    deployer.append({ event: 'deploy.end' });
    expect(AuditLog.read(file).map((e) => `${e.seq} ${e.event}`)).toEqual(['1 deploy.start', '2 onboarding.approve', '3 deploy.end']);
  });

  test('appendUnless adds nothing when another writer already recorded the same step', () => {
    const file = fresh();
    const [one, two] = [AuditLog.open(file), AuditLog.open(file)];
    const step = (request: string) => ({ event: 'test.write', request });
    const same = (request: string) => (e: { event: string; request?: unknown }) => e.event === 'test.write' && e.request === request;
    const first = one.appendUnless(step('r1'), same('r1'));
    // The other writer opened the log before that append: it sees it under the lock.
    expect(two.appendUnless(step('r1'), same('r1'))).toEqual(first);
    expect(two.appendUnless(step('r2'), same('r2')).seq).toBe(2);
    expect(AuditLog.read(file).map((e) => `${e.event} ${e.request}`)).toEqual(['test.write r1', 'test.write r2']);
  });

  test('a line another process altered while the log was open is found at the next append', () => {
    const { file } = fiveLines();
    const log = AuditLog.open(file);
    const other = AuditLog.open(file);
    other.append({ event: 'test.step', step: 6 });
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"step":6', '"step":7'));
    expect(() => log.append({ event: 'test.step', step: 7 })).toThrow(/line 6: edited/);
  });

  test('a writer waits for the lock while another appends, and a dead holder\'s lock is taken over', () => {
    const file = fresh();
    const log = AuditLog.open(file);
    fs.writeFileSync(`${file}.lock`, '999999999');
    log.append({ event: 'test.step' });
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(AuditLog.read(file)).toHaveLength(1);
  });
});

/** An entry placed after `before`, with a consistent hash of its own (what a forger who knows the format writes). */
function forged(before: string, seq: number): string {
  const { createHash } = require('crypto') as typeof import('crypto');
  const prev = JSON.parse(before).hash;
  const body = { seq, at: '2026-12-04T00:00:00.000Z', prev, event: 'test.step', step: 0, note: 'forged' };
  return JSON.stringify({ ...body, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') });
}

describe('cordon audit', () => {
  test('verify says intact with the head hash; a tampered log is BROKEN with the line and kind, exit 1', () => {
    const { file, lines } = fiveLines();
    const head = AuditLog.read(file).at(-1)!.hash;
    expect(cordon('audit', 'verify', '--audit-log', file)).toMatchObject({ code: 0, stdout: `intact: 5 entries, head ${head}\n` });
    fs.writeFileSync(file, text(lines.slice(0, 4)));
    // The last entry removed: the chain itself still holds, the head kept elsewhere does not.
    expect(cordon('audit', 'verify', '--audit-log', file).code).toBe(0);
    expect(cordon('audit', 'verify', '--audit-log', file, '--head', head)).toMatchObject({ code: 1, stdout: expect.stringContaining(`no entry has the head hash ${head}`) });
    lines[1] = lines[1].replace('"plain"', '"altered"');
    fs.writeFileSync(file, text(lines));
    expect(cordon('audit', 'verify', '--audit-log', file)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^BROKEN: .*, line 2: edited: entry 2's content does not match its hash\n$/) });
  });

  test('export as JSON Lines or CSV, from --since on', () => {
    const { file } = fiveLines();
    const jsonl = cordon('audit', 'export', '--audit-log', file);
    expect(jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).step)).toEqual([1, 2, 3, 4, 5]);
    expect(cordon('audit', 'export', '--format', 'csv', '--audit-log', file).stdout.split('\n')[0]).toBe('seq,at,event,data,prev,hash');
    expect(cordon('audit', 'export', '--since', '2026-12-05', '--audit-log', file).stdout).toBe('');
  });

  test.each([
    [['export', '--format', 'xml'], '--format: expected one of jsonl | csv, received "xml"'],
    [['export', '--since', 'yesterday'], '--since: expected an ISO date or time'],
    [['shred'], 'unknown audit command "shred"; expected verify | export'],
  ])('%j is refused in one line, exit 2', (args, message) => {
    const res = cordon('audit', ...args, '--audit-log', fiveLines().file);
    expect(res.stderr).toContain(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.code).toBe(2);
  });
});
