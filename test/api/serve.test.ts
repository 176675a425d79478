import { spawn } from 'child_process';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { cordonAsync, tmpDir } from '../helpers';

const BIN = path.join(ROOT, 'services', 'cli', 'bin', 'cordon.js');
const dir = tmpDir('cordon-serve-');
const db = ['--database', path.join(dir, 'onboarding.db'), '--audit-log', path.join(dir, 'audit.jsonl')];

describe('cordon token and cordon serve', () => {
  test('token create prints a token once; bad principals and roles are refused in one line', async () => {
    const res = await cordonAsync(['token', 'create', '--principal', 'erin@cordon.example', '--role', 'auditor', ...db]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^cordon_[A-Za-z0-9_-]{43}\n$/);
    for (const [args, message] of [
      [['--principal', 'erin', '--role', 'auditor'], '--principal: expected an email address, received "erin"'],
      [['--principal', 'erin@cordon.example', '--role', 'root'], '--role: expected one of requester | approver | auditor | admin, received "root"'],
    ]) {
      const bad = await cordonAsync(['token', 'create', ...args, ...db]);
      expect(bad.stderr.trim()).toBe(`cordon token: error: ${message}`);
      expect(bad.code).toBe(2);
    }
  });

  test('serve listens on 127.0.0.1, answers with the token just made, and stops cleanly on SIGTERM', async () => {
    const token = (await cordonAsync(['token', 'create', '--principal', 'erin@cordon.example', '--role', 'auditor', ...db])).stdout.trim();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const audit = await fetch(`${address}/v1/audit`, { headers: { authorization: `Bearer ${token}` } });
    expect(audit.status).toBe(200);
    expect(((await audit.json()) as { entries: { event: string }[] }).entries.map((e: { event: string }) => e.event)).toContain('token.create');
    expect((await fetch(`${address}/v1/audit`)).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
