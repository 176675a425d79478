import { loadRegistryCached } from '../../infra/registry/load';
import { OnboardingRequest } from '../store/requests';
import { day, now, OnboardingContext, OnboardingRefused } from './context';
import { approve } from './decisions';
import { dueForShredding, requestOffboarding } from './offboarding';

/** What `shredDue` did for one tenant: its shredding request, written; or why not. */
export interface Shredding {
  readonly tenant: string;
  readonly request?: OnboardingRequest;
  /** Why the tenant's keys were not shredded; absent when they were. */
  readonly refused?: string;
}

/** States of an offboarding request that two people approved. */
const APPROVED: ReadonlySet<OnboardingRequest['state']> = new Set(['written', 'deployed', 'deploy-failed']);

/**
 * Shreds the keys of every offboarding tenant whose soft-delete window has ended, as its approved
 * offboarding said it would (the trust centers promise hard deletion when retention ends, not when
 * someone remembers). Per tenant: a shredding request made by `by`, gated like any other, approved
 * under the offboarding's own approval (two people decided it then; both are named in the commit
 * and the audit log), written and committed. A tenant whose offboarding is not an approved request
 * of this store (a hand-edited file) is refused: it needs a second person, `cordon tenant offboard`.
 * Meant to run daily (cron, a scheduled CI job); one tenant's refusal does not stop the others.
 */
export async function shredDue(ctx: OnboardingContext, by: string): Promise<Shredding[]> {
  const today = day(now(ctx));
  const done: Shredding[] = [];
  const covered: { tenant: string; offboarding: OnboardingRequest }[] = [];
  for (const tenant of dueForShredding(loadRegistryCached(ctx.registryDir), today)) {
    const offboarding = await ctx.store.get(tenant.offboarding!.request);
    const approved = offboarding?.kind === 'offboard' && offboarding.tenantId === tenant.id && offboarding.entry.status === 'offboarding' && APPROVED.has(offboarding.state) && offboarding.decidedBy;
    if (approved) covered.push({ tenant: tenant.id, offboarding });
    else done.push({ tenant: tenant.id, refused: `its offboarding ${tenant.offboarding!.request} is not an approved request in this store; shred its keys with a second person: cordon tenant offboard ${tenant.id}` });
  }
  for (const [i, { tenant, offboarding }] of covered.entries()) {
    const request = await requestOffboarding(ctx, tenant, by, { alongside: covered.slice(i + 1).map((c) => c.tenant) });
    if (request.state !== 'pending') {
      done.push({ tenant, request, refused: request.reason ?? request.state });
      continue;
    }
    try {
      done.push({ tenant, request: (await approve(ctx, request.id, by, { tenant, request: offboarding.id, approver: offboarding.decidedBy! })).request });
    } catch (e) {
      if (!(e instanceof OnboardingRefused)) throw e;
      done.push({ tenant, request, refused: e.message });
    }
  }
  return done;
}
