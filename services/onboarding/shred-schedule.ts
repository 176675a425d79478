import { OnboardingContext } from './context';
import { Shredding, shredDue } from './shredding';
import { firstLine } from '../../infra/first-line';

/** The requester of the shredding requests a schedule makes (the approval is the offboarding's own). */
export const SCHEDULER = 'cordon-scheduler';

/** What one scheduled run did: every tenant it found due, shredded or refused; or why it stopped. */
export type ShredRunEvent = { readonly kind: 'ran'; readonly results: readonly Shredding[] } | { readonly kind: 'failed'; readonly error: string };

export interface ShredScheduleOptions {
  /** Time between the end of one run and the start of the next. */
  readonly everyMs: number;
  readonly onEvent?: (e: ShredRunEvent) => void;
}

export interface ShredSchedule {
  /** No run starts after this; resolves once the run under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `shredDue` now and then every `everyMs`, one run at a time, so keys are shredded within that
 * time of a soft-delete window's end as long as the process runs, with no cron job to forget. Each run
 * is a request by SCHEDULER under the offboarding's standing approval, gated, written and audited like
 * any other; several replicas may run it, as decisions are serialized (decideExclusively) and a tenant
 * shredded by one is no longer due for the others. A failed run is reported and the next one tries again.
 */
export function scheduleShredding(ctx: OnboardingContext, options: ShredScheduleOptions): ShredSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running = shredDue(ctx, SCHEDULER)
      .then((results) => options.onEvent?.({ kind: 'ran', results }))
      .catch((e) => options.onEvent?.({ kind: 'failed', error: firstLine(e) }))
      .finally(() => {
        running = undefined;
        // unref: a schedule never keeps a process alive that has nothing else to do.
        if (!stopped) timer = setTimeout(tick, options.everyMs).unref();
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
