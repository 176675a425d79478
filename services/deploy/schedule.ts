/** A unit of work that may start only after the jobs it depends on have succeeded. */
export interface ScheduledJob {
  readonly name: string;
  /** Names of jobs that must succeed first; names outside the run are taken as already in place. */
  readonly dependsOn: readonly string[];
}

export interface ScheduleResult {
  readonly succeeded: readonly string[];
  readonly failed: readonly { readonly name: string; readonly error: Error }[];
  /** Jobs never started because a job failed first. */
  readonly notAttempted: readonly string[];
}

/**
 * Runs jobs in dependency order, up to `concurrency` at a time. At the first failure nothing new
 * starts: jobs already running finish, and everything else is reported as not attempted.
 * Ready jobs start in the order given, so a run is reproducible.
 */
export async function runInOrder<J extends ScheduledJob>(jobs: readonly J[], concurrency: number, run: (job: J) => Promise<void>): Promise<ScheduleResult> {
  const inRun = new Set(jobs.map((j) => j.name));
  const succeeded: string[] = [];
  const failed: { name: string; error: Error }[] = [];
  const pending = [...jobs];
  const running = new Map<string, Promise<void>>();
  const done = new Set<string>();
  const ready = (j: J) => j.dependsOn.every((d) => !inRun.has(d) || done.has(d));
  for (;;) {
    while (failed.length === 0 && running.size < concurrency) {
      const i = pending.findIndex(ready);
      if (i < 0) break;
      const [job] = pending.splice(i, 1);
      running.set(
        job.name,
        run(job).then(
          () => {
            done.add(job.name);
            succeeded.push(job.name);
          },
          (error: unknown) => {
            failed.push({ name: job.name, error: error instanceof Error ? error : new Error(String(error)) });
          },
        ).finally(() => running.delete(job.name)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  // Left pending with no failure means a dependency cycle: report it rather than loop.
  if (failed.length === 0 && pending.length > 0) throw new Error(`dependency cycle among ${pending.map((j) => j.name).join(', ')}`);
  return { succeeded, failed, notAttempted: pending.map((j) => j.name) };
}
