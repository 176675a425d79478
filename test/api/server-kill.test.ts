import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { AuditLog } from '../../services/audit/log';
import { cordonAsync } from '../helpers';
import { registryCopies } from '../support/registry-copy';
import { serve } from '../support/serve';

const registryCopy = registryCopies('cordon-server-kill-');
const requestId = (stdout: string) => /^(req-\S+):/m.exec(stdout)![1];

describe('kill -9 of `cordon serve` during an approval', () => {
  test('10 trials at random moments: the registry file is absent or complete, the store consistent, the request resumable over HTTP', async () => {
    const s = await registryCopy();
    const token = async (principal: string, role: string) => (await cordonAsync(['token', 'create', '--principal', principal, '--role', role, ...s.flags.slice(2)])).stdout.trim();
    const bob = await token('bob@cordon.example', 'approver');
    const outcomes: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const entry = { id: `srv-kill-${trial}`, name: `Kill ${trial}`, tier: 'pooled', cloud: 'aws', region: 'us-east-1', environments: ['staging'] };
      const id = requestId((await s.tenant('request', s.entryFile(`k${trial}`, entry), '--as', 'alice@cordon.example')).stdout);
      const server = await serve(s.flags);
      // The answer is lost with the server; only what it left behind counts.
      fetch(`${server.address}/v1/requests/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${bob}` } }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      await server.kill();

      const file = path.join(s.registry, `${entry.id}.yaml`);
      const written = fs.existsSync(file);
      if (written) expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(entry);
      const state = JSON.parse((await s.tenant('show', id)).stdout).state;
      expect(['pending', 'written']).toContain(state);
      outcomes.push(`${written ? 'file' : 'no file'}/${state}`);
      if (state === 'pending') {
        const again = await serve(s.flags);
        try {
          const res = await fetch(`${again.address}/v1/requests/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${bob}` } });
          expect(res.status).toBe(200);
        } finally {
          await again.stop();
        }
      }
      expect(parse(fs.readFileSync(file, 'utf8'))).toEqual(entry);
      expect(s.git('log', '--format=%H', '--fixed-strings', `--grep=Request-Id: ${id}`).stdout.trim().split('\n')).toHaveLength(1);
      expect(s.git('status', '--porcelain', '--', `${entry.id}.yaml`).stdout).toBe('');
    }
    // Every approval is in the audit chain exactly once, and the chain still verifies.
    expect(AuditLog.read(s.audit).filter((e) => e.event === 'registry.write')).toHaveLength(10);
    expect((await cordonAsync(['audit', 'verify', '--audit-log', s.audit])).code).toBe(0);
    console.log(`server kill -9 trials: ${outcomes.join(', ')}`);
  }, 300_000);
});
