import { runInOrder } from '../../services/deploy/schedule';

const job = (name: string, ...dependsOn: string[]) => ({ name, dependsOn });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runInOrder', () => {
  test('a job starts only after its dependencies succeeded; independent jobs run side by side up to the limit', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const jobs = [job('platform'), job('cell', 'platform'), job('a-keys'), job('b-keys'), job('a', 'a-keys', 'cell'), job('b', 'b-keys', 'cell'), job('edge', 'a', 'b', 'outside-the-run')];
    const result = await runInOrder(jobs, 2, async (j) => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${j.name}`);
      await tick();
      log.push(`end ${j.name}`);
      running--;
    });
    expect(result).toEqual({ succeeded: expect.arrayContaining(jobs.map((j) => j.name)), failed: [], notAttempted: [] });
    expect(peak).toBe(2);
    for (const j of jobs) for (const d of j.dependsOn.filter((x) => x !== 'outside-the-run')) expect(log.indexOf(`end ${d}`)).toBeLessThan(log.indexOf(`start ${j.name}`));
  });

  test('at the first failure nothing new starts: running jobs finish, the rest are not attempted', async () => {
    const started: string[] = [];
    const result = await runInOrder([job('x'), job('slow'), job('y', 'x'), job('z')], 2, async (j) => {
      started.push(j.name);
      if (j.name === 'x') throw new Error('boom');
      await tick();
    });
    expect(started).toEqual(['x', 'slow']);
    expect(result.succeeded).toEqual(['slow']);
    expect(result.failed).toEqual([{ name: 'x', error: new Error('boom') }]);
    expect(result.notAttempted).toEqual(['y', 'z']);
  });

  test('a dependency cycle is an error, not a hang', async () => {
    await expect(runInOrder([job('a', 'b'), job('b', 'a')], 1, async () => undefined)).rejects.toThrow('dependency cycle among a, b');
  });
});
