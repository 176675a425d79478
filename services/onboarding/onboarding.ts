import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { RegistryError } from '../../infra/registry/issues';
import { loadRegistry } from '../../infra/registry/load';
import { schemaComment } from '../../infra/registry/schema';
import { Tenant, TENANT_ID } from '../../infra/registry/tenant';
import { AuditLog } from '../audit/log';
import { gateEstate } from '../gate/estate';
import { renderJson } from '../gate/outputs/json';
import { PolicyBundle } from '../gate/policy';
import { Waiver } from '../gate/waivers';
import { OnboardingRequest, RequestStore } from '../store/requests';
import { takeLock } from '../store/lock';
import { sha256 } from '../toolchain/policy-sources';
import { writeFileAtomic } from '../store/files';
import { commitFile, removeStaleGitIndexLock } from './registry-write';

/** Bad input (no such request, malformed entry): exit 2. */
export class OnboardingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnboardingError';
  }
}

/** Refused by policy (the two-person rule, an expired or already decided request): exit 1. */
export class OnboardingRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnboardingRefused';
  }
}

/** How long a request waits for a decision. */
export const REQUEST_TTL_DAYS = 7;

export interface OnboardingContext {
  /** The tenant registry the approved entry is written to. */
  readonly registryDir: string;
  /** Where each request's gated plan and report are kept (`<workDir>/<request id>/`). */
  readonly workDir: string;
  readonly store: RequestStore;
  /** The hash-chained audit log every step is written to. */
  readonly auditLog: string;
  readonly bundle: PolicyBundle;
  readonly waivers?: readonly Waiver[];
  readonly failOn?: readonly string[];
  readonly now?: () => Date;
}

/** The two-person rule: dedicated and enterprise tenants, and anything with a prod environment. */
export const needsSecondPerson = (t: Pick<Tenant, 'tier' | 'environments'>) => t.tier !== 'pooled' || t.environments.includes('prod');

/**
 * Requests a new tenant: validates the entry against the registry as it would be (schema and every
 * cross-tenant check), synthesizes the tenant's cloud estate as it would be and gates it with the
 * estate rules, keeps the report with the request, and records the request. A request whose gate
 * fails is stored as `refused` with its findings; it never reaches an approver.
 */
export function requestOnboarding(ctx: OnboardingContext, entry: Record<string, unknown>, requester: string): OnboardingRequest {
  const now = (ctx.now ?? (() => new Date()))();
  const id = entry?.id;
  if (typeof id !== 'string' || !TENANT_ID.test(id)) throw new OnboardingError(`id: expected a tenant id matching ${TENANT_ID}, received ${JSON.stringify(id ?? null)}`);
  if (entry.status !== undefined && entry.status !== 'active') throw new OnboardingError(`status: expected active (or nothing) for a new tenant, received ${JSON.stringify(entry.status)}; offboarding is \`cordon tenant offboard\``);
  if (fs.existsSync(tenantFile(ctx.registryDir, id))) throw new OnboardingError(`id: tenant "${id}" is already in the registry; ids are never reused`);
  const registry = wouldBeRegistry(ctx.registryDir, entry);
  const tenant = registry.find((t) => t.id === id)!;

  const requestId = `req-${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const dir = path.join(ctx.workDir, requestId);
  const { report } = gateEstate(ctx.bundle, { registry, root: dir, clouds: [tenant.cloud], waivers: ctx.waivers, failOn: ctx.failOn });
  const reportFile = path.join(dir, 'report.json');
  const reportText = renderJson(report);
  writeFileAtomic(reportFile, reportText);
  const request: OnboardingRequest = {
    id: requestId,
    kind: 'onboard',
    tenantId: id,
    entry,
    state: report.summary.passed ? 'pending' : 'refused',
    requester,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + REQUEST_TTL_DAYS * 86_400_000).toISOString(),
    needsSecondPerson: needsSecondPerson(tenant),
    reportFile,
    reportSha256: sha256(reportText),
    decidedBy: null,
    decidedAt: null,
    reason: report.summary.passed ? null : `${report.summary.failing} finding(s) fail the gate`,
  };
  ctx.store.insert(request);
  audit(ctx, { event: 'onboarding.request', request: requestId, tenant: id, by: requester, state: request.state, reportSha256: request.reportSha256, bundleSha256: ctx.bundle.manifest.wasmSha256 });
  return request;
}

/**
 * Approves a pending request and writes its entry to the registry (atomically, and as one git
 * commit with `Requested-by`, `Approved-by` and `Request-Id` trailers when the registry is in a
 * work tree). Approvals are serialized by a lock and re-validate against the registry as it is
 * then, so two approvals whose networks overlap can never both land.
 */
export function approve(ctx: OnboardingContext, requestId: string, approver: string): { request: OnboardingRequest; file: string; commit: string | null } {
  return underLock(ctx, () => {
    // Read under the lock: another decision on the same request may have landed while we waited.
    const request = pending(ctx, requestId);
    if (request.needsSecondPerson && approver === request.requester) {
      throw new OnboardingRefused(`two-person rule: ${request.tenantId} (${request.id}) needs an approver other than its requester ${request.requester}`);
    }
    try {
      wouldBeRegistry(ctx.registryDir, request.entry);
    } catch (e) {
      const reason = `the registry changed since the request: ${(e as Error).message.split('\n').slice(1).join(' ').trim() || (e as Error).message}`;
      decide(ctx, request, 'refused', approver, reason);
      throw new OnboardingRefused(`${request.id}: ${reason}`);
    }
    const file = tenantFile(ctx.registryDir, request.tenantId);
    const text = schemaComment(ctx.registryDir) + stringify(request.entry);
    // An approval killed after its write resumes here: the same file is kept, anything else refused.
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (existing !== undefined && existing !== text) throw new OnboardingRefused(`${request.id}: ${path.basename(file)} already exists with other content; resolve it by hand`);
    if (existing === undefined) writeFileAtomic(file, text);
    const commit = commitFile(file, `Onboard tenant ${request.tenantId}`, { 'Requested-by': request.requester, 'Approved-by': approver, 'Request-Id': request.id });
    decide(ctx, request, 'written', approver, null);
    audit(ctx, { event: 'registry.write', request: request.id, tenant: request.tenantId, by: approver, file: path.basename(file), sha256: sha256(fs.readFileSync(file)), commit });
    return { request: ctx.store.get(request.id)!, file, commit };
  });
}

/** Rejects a pending request with a reason (at least 10 characters), recorded with who rejected it. */
export function reject(ctx: OnboardingContext, requestId: string, approver: string, reason: string): OnboardingRequest {
  if (reason.trim().length < 10) throw new OnboardingError(`--reason: expected at least 10 characters saying why, received "${reason}"`);
  return underLock(ctx, () => {
    const request = pending(ctx, requestId);
    decide(ctx, request, 'rejected', approver, reason.trim());
    return ctx.store.get(request.id)!;
  });
}

/** Decisions are serialized: one approval or rejection at a time writes the registry and the store. */
function underLock<T>(ctx: OnboardingContext, fn: () => T): T {
  fs.mkdirSync(ctx.workDir, { recursive: true });
  const lock = takeLock(path.join(ctx.workDir, 'decisions.lock'), 'decision', 30_000);
  try {
    // A decision killed inside `git commit` leaves git's index lock behind; only decisions run git here.
    if (lock.tookOverStale) removeStaleGitIndexLock(ctx.registryDir);
    return fn();
  } finally {
    lock.release();
  }
}

/** Records what the deploy after approval did. */
export function recordDeploy(ctx: OnboardingContext, requestId: string, by: string, outcome: 'deployed' | 'deploy-failed', run: string): OnboardingRequest {
  const request = get(ctx, requestId);
  if (!ctx.store.transition(request.id, 'written', { state: outcome })) throw new OnboardingRefused(`${request.id} is ${request.state}, not written`);
  audit(ctx, { event: `onboarding.${outcome}`, request: request.id, tenant: request.tenantId, by, run });
  return ctx.store.get(request.id)!;
}

/** A request by id; needs only the store. */
export function get(ctx: Pick<OnboardingContext, 'store'>, requestId: string): OnboardingRequest {
  const request = ctx.store.get(requestId);
  if (!request) throw new OnboardingError(`no request "${requestId}"`);
  return request;
}

/** A request that can still be decided: pending and not expired (an expired one is marked so, and refused). */
function pending(ctx: OnboardingContext, requestId: string): OnboardingRequest {
  const request = get(ctx, requestId);
  if (request.state !== 'pending') throw new OnboardingRefused(`${request.id} is ${request.state}${request.reason ? ` (${request.reason})` : ''}; only a pending request can be decided`);
  const now = (ctx.now ?? (() => new Date()))();
  if (now.toISOString() > request.expiresAt) {
    decide(ctx, request, 'expired', 'cordon', `no decision by ${request.expiresAt}`);
    throw new OnboardingRefused(`${request.id} expired at ${request.expiresAt}; request it again`);
  }
  return request;
}

function decide(ctx: OnboardingContext, request: OnboardingRequest, state: 'written' | 'rejected' | 'refused' | 'expired', by: string, reason: string | null): void {
  const at = (ctx.now ?? (() => new Date()))().toISOString();
  if (!ctx.store.transition(request.id, 'pending', { state, decidedBy: by, decidedAt: at, reason })) {
    throw new OnboardingRefused(`${request.id} was decided by someone else meanwhile`);
  }
  const event = state === 'written' ? 'onboarding.approve' : `onboarding.${state === 'rejected' ? 'reject' : state}`;
  audit(ctx, { event, request: request.id, tenant: request.tenantId, by, ...(reason && { reason }) });
}

/** One open log per context: opening verifies the whole chain, appends then verify only what others added. */
const openLogs = new WeakMap<OnboardingContext, AuditLog>();

function audit(ctx: OnboardingContext, body: { event: string } & Record<string, unknown>): void {
  let log = openLogs.get(ctx);
  if (!log) openLogs.set(ctx, (log = AuditLog.open(ctx.auditLog, ctx.now)));
  log.append(body);
}

const tenantFile = (registryDir: string, id: string) => path.join(registryDir, `${id}.yaml`);

/** The registry with `entry` added, validated as a whole exactly as `loadRegistry` does (throws RegistryError). */
function wouldBeRegistry(registryDir: string, entry: Record<string, unknown>): Tenant[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-would-be-'));
  try {
    for (const f of fs.readdirSync(registryDir).filter((n) => /\.ya?ml$/.test(n))) fs.copyFileSync(path.join(registryDir, f), path.join(dir, f));
    fs.writeFileSync(tenantFile(dir, String(entry.id)), stringify(entry));
    try {
      return loadRegistry(dir);
    } catch (e) {
      // Issues name the registry's own files, not the scratch copy they were checked in.
      if (!(e instanceof RegistryError)) throw e;
      const scratch = path.relative(process.cwd(), dir);
      const real = path.relative(process.cwd(), registryDir) || '.';
      const fix = (text: string) => text.split(scratch).join(real);
      throw new RegistryError(e.issues.map((i) => ({ ...i, file: fix(i.file), received: fix(i.received) })));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
