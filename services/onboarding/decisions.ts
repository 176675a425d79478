import * as fs from 'fs';
import * as path from 'path';
import { RegistryError } from '../../infra/registry/issues';
import { writeFileAtomic } from '../store/files';
import { OnboardingRequest } from '../store/requests';
import { sha256 } from '../toolchain/policy-sources';
import { audit, EVENT, get, now, OnboardingContext, OnboardingError, OnboardingRefused, RegistryChange, RegistryMoved, underLock, wouldBeRegistry } from './context';
import { offboardingChange } from './offboarding';
import { onboardingChange } from './onboarding';
import { commitFile, publishCommit } from './registry-write';

const CHANGES: Record<OnboardingRequest['kind'], (ctx: OnboardingContext, request: OnboardingRequest) => RegistryChange> = {
  onboard: onboardingChange,
  offboard: offboardingChange,
};

/**
 * Approves a pending request and writes its change to the registry (atomically, and as one git
 * commit with `Requested-by`, `Approved-by` and `Request-Id` trailers when the registry is in a
 * work tree). Approvals are serialized by a lock and re-validate against the registry as it is
 * then, so two approvals whose networks overlap can never both land.
 */
export async function approve(ctx: OnboardingContext, requestId: string, approver: string, standing?: StandingApproval): Promise<{ request: OnboardingRequest; file: string; commit: string | null }> {
  return underLock(ctx, async () => {
    // Read under the lock: another decision on the same request may have landed while we waited.
    const request = await pending(ctx, requestId);
    if (standing && !(request.kind === 'offboard' && request.entry.status === 'offboarded' && request.tenantId === standing.tenant)) {
      throw new OnboardingRefused(`${request.id}: the approval of ${standing.request} covers only the shredding of ${standing.tenant}'s keys`);
    }
    if (!standing && request.needsSecondPerson && approver === request.requester) {
      throw new OnboardingRefused(`two-person rule: ${request.tenantId} (${request.id}) needs an approver other than its requester ${request.requester}`);
    }
    let change: RegistryChange;
    try {
      change = CHANGES[request.kind](ctx, request);
      if (!change.written) wouldBeRegistry(ctx.registryDir, change.entry);
    } catch (e) {
      if (!(e instanceof RegistryError || e instanceof RegistryMoved)) throw e;
      const detail = e instanceof RegistryError ? e.message.split('\n').slice(1).join(' ').trim() || e.message : e.message;
      const reason = `the registry changed since the request: ${detail}`;
      await decide(ctx, request, 'refused', approver, reason);
      throw new OnboardingRefused(`${request.id}: ${reason}`);
    }
    if (!change.written) writeFileAtomic(change.file, change.text);
    const approvedBy = standing ? `${standing.approver} (${standing.request})` : approver;
    const commit = commitFile(change.file, change.subject, { 'Requested-by': request.requester, 'Approved-by': approvedBy, 'Request-Id': request.id });
    try {
      // Pushed before anything records it: a refused push undoes the commit and the request stays pending.
      if (commit) publishCommit(ctx.registryDir, commit);
    } catch (e) {
      if (!(e instanceof RegistryMoved)) throw e;
      throw new OnboardingRefused(`${request.id}: ${e.message}`);
    }
    // Recorded before the request moves on, each once: killed in between, the request stays pending,
    // and approving it again finds the file written and completes it without repeating an entry.
    audit(ctx, { event: `${EVENT[request.kind]}.approve`, request: request.id, tenant: request.tenantId, by: approver, ...(standing && { approvedUnder: standing.request, approvedBy: standing.approver }) }, true);
    audit(ctx, { event: 'registry.write', request: request.id, tenant: request.tenantId, by: approver, file: path.basename(change.file), sha256: sha256(fs.readFileSync(change.file)), commit }, true);
    await decide(ctx, request, 'written', approver, null, false);
    return { request: (await ctx.store.get(request.id))!, file: change.file, commit };
  });
}

/**
 * An approval given earlier that covers this request: the approved offboarding whose soft-delete
 * window, once ended, shreds the tenant's keys (`shredDue`). Its approver is named in the commit and
 * the audit entry; the principal that acts on it is recorded as the decider.
 */
export interface StandingApproval {
  readonly tenant: string;
  readonly request: string;
  readonly approver: string;
}

/** Rejects a pending request with a reason (at least 10 characters), recorded with who rejected it. */
export async function reject(ctx: OnboardingContext, requestId: string, approver: string, reason: string): Promise<OnboardingRequest> {
  if (reason.trim().length < 10) throw new OnboardingError(`--reason: expected at least 10 characters saying why, received "${reason}"`);
  return underLock(ctx, async () => {
    const request = await pending(ctx, requestId);
    await decide(ctx, request, 'rejected', approver, reason.trim());
    return (await ctx.store.get(request.id))!;
  });
}

/** Records what the deploy after approval did. */
export async function recordDeploy(ctx: OnboardingContext, requestId: string, by: string, outcome: 'deployed' | 'deploy-failed', run: string): Promise<OnboardingRequest> {
  const request = await get(ctx, requestId);
  if (!(await ctx.store.transition(request.id, 'written', { state: outcome }))) throw new OnboardingRefused(`${request.id} is ${request.state}, not written`);
  audit(ctx, { event: `${EVENT[request.kind]}.${outcome}`, request: request.id, tenant: request.tenantId, by, run });
  return (await ctx.store.get(request.id))!;
}

/** A request that can still be decided: pending and not expired (an expired one is marked so, and refused). */
async function pending(ctx: OnboardingContext, requestId: string): Promise<OnboardingRequest> {
  const request = await get(ctx, requestId);
  if (request.state !== 'pending') throw new OnboardingRefused(`${request.id} is ${request.state}${request.reason ? ` (${request.reason})` : ''}; only a pending request can be decided`);
  if (now(ctx).toISOString() > request.expiresAt) {
    await decide(ctx, request, 'expired', 'cordon', `no decision by ${request.expiresAt}`);
    throw new OnboardingRefused(`${request.id} expired at ${request.expiresAt}; request it again`);
  }
  return request;
}

/** Moves a pending request to its decision and records it (unless the caller has: `record` false). */
async function decide(ctx: OnboardingContext, request: OnboardingRequest, state: 'written' | 'rejected' | 'refused' | 'expired', by: string, reason: string | null, record = true): Promise<void> {
  if (!(await ctx.store.transition(request.id, 'pending', { state, decidedBy: by, decidedAt: now(ctx).toISOString(), reason }))) {
    throw new OnboardingRefused(`${request.id} was decided by someone else meanwhile`);
  }
  if (!record) return;
  const verb = { written: 'approve', rejected: 'reject', refused: 'refused', expired: 'expired' }[state];
  audit(ctx, { event: `${EVENT[request.kind]}.${verb}`, request: request.id, tenant: request.tenantId, by, ...(reason && { reason }) });
}
