import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { RegistryError } from '../../infra/registry/issues';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant, validateTenant } from '../../infra/registry/tenant';
import { AuditError, AuditLog } from '../audit/log';
import { gateEstate } from '../gate/estate';
import { Report } from '../gate/model';
import { buildEvidence, Evidence } from '../gate/outputs/evidence';
import { renderJson } from '../gate/outputs/json';
import { reportForTenant } from '../gate/tenant-report';
import { PolicyBundle } from '../gate/policy';
import { Waiver } from '../gate/waivers';
import { writeFileAtomic } from '../store/files';
import { takeLock } from '../store/lock';
import { OnboardingRequest, RequestStore } from '../store/requests';
import { sha256 } from '../toolchain/policy-sources';
import { removeStaleGitIndexLock, syncRegistry } from './registry-write';
import { awaitWarmUp, recordSeed, seedOf } from './seeds';

/** Bad input (no such request or tenant, malformed entry): exit 2. */
export class OnboardingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnboardingError';
  }
}

/** No such request or tenant (HTTP 404). */
export class OnboardingNotFound extends OnboardingError {
  constructor(message: string) {
    super(message);
    this.name = 'OnboardingNotFound';
  }
}

/** Refused by policy (the two-person rule, an expired or already decided request): exit 1. */
export class OnboardingRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnboardingRefused';
  }
}

/** A registry that cannot be brought in line with its upstream (unreachable, diverged): exit 2, HTTP 409; nothing was decided. */
export class RegistrySyncError extends OnboardingError {
  constructor(message: string) {
    super(message);
    this.name = 'RegistrySyncError';
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

export const now = (ctx: Pick<OnboardingContext, 'now'>) => (ctx.now ?? (() => new Date()))();

/** The UTC date (YYYY-MM-DD) of a moment: what requests, offboarding records and the gate are dated by. */
export const day = (at: Date) => at.toISOString().slice(0, 10);

/** The audit events of a request kind: `onboarding.request`, `offboarding.approve`, … */
export const EVENT = { onboard: 'onboarding', offboard: 'offboarding' } as const satisfies Record<OnboardingRequest['kind'], string>;

/** The two-person rule: dedicated and enterprise tenants, anything with a prod environment, and every offboarding. */
export const needsSecondPerson = (kind: OnboardingRequest['kind'], t: Pick<Tenant, 'tier' | 'environments'>) =>
  kind === 'offboard' || t.tier !== 'pooled' || t.environments.includes('prod');

/** A new request id: the day and 8 random hex digits (REQUEST_ID). */
export const newRequestId = (at: Date) => `req-${day(at)}-${randomUUID().slice(0, 8)}`;

/**
 * Gates the would-be estate of the tenant's cloud, keeps the report with the request and records it:
 * `pending`, or `refused` with the gate's findings (it never reaches an approver).
 */
export async function recordRequest(
  ctx: OnboardingContext,
  r: { kind: OnboardingRequest['kind']; requestId: string; tenant: Tenant; entry: Record<string, unknown>; registry: Tenant[]; requester: string },
): Promise<OnboardingRequest> {
  const at = now(ctx);
  const dir = path.join(ctx.workDir, r.requestId);
  // Judged on the request's own clock, so the date the rules see (an offboarding window) is the one the request is dated by.
  const cloud = r.tenant.cloud;
  await awaitWarmUp(ctx, cloud);
  const reuse = seedOf(ctx, cloud);
  const { report, outputs } = gateEstate(ctx.bundle, {
    registry: r.registry,
    root: dir,
    clouds: [cloud],
    waivers: ctx.waivers,
    failOn: ctx.failOn,
    today: day(at),
    reuse: reuse ? { [cloud]: reuse } : undefined,
    // Each request gates its whole would-be estate: stacks judged by an earlier request are not judged again.
    reuseStackResults: true,
  });
  const [output] = outputs;
  if (output.state === 'promoted') recordSeed(ctx, cloud, output.dir);
  const reportFile = path.join(dir, 'report.json');
  const reportText = renderJson(report);
  writeFileAtomic(reportFile, reportText);
  const request: OnboardingRequest = {
    id: r.requestId,
    kind: r.kind,
    tenantId: r.tenant.id,
    entry: r.entry,
    state: report.summary.passed ? 'pending' : 'refused',
    requester: r.requester,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + REQUEST_TTL_DAYS * 86_400_000).toISOString(),
    needsSecondPerson: needsSecondPerson(r.kind, r.tenant),
    reportFile,
    reportSha256: sha256(reportText),
    decidedBy: null,
    decidedAt: null,
    reason: report.summary.passed ? null : `${report.summary.failing} finding(s) fail the gate`,
  };
  await ctx.store.insert(request);
  audit(ctx, {
    event: `${EVENT[r.kind]}.request`,
    request: request.id,
    tenant: request.tenantId,
    by: r.requester,
    state: request.state,
    reportSha256: request.reportSha256,
    bundleSha256: ctx.bundle.manifest.wasmSha256,
    // How many tenants' stacks were taken from an earlier output instead of synthesized again, and which.
    reusedUnits: output.reusedUnits,
    ...(output.reusedUnits > 0 && { reusedFrom: reuse }),
  });
  return request;
}

/** What an approval writes to the registry: one tenant file, and the commit subject. */
export interface RegistryChange {
  readonly file: string;
  readonly text: string;
  /** The entry `text` holds, validated against the registry before the write. */
  readonly entry: Record<string, unknown>;
  readonly subject: string;
  /** The file already holds `text`: an approval killed after its write is resumed. */
  readonly written: boolean;
}

/** The registry no longer allows the request (another decision landed first): the request is refused. */
export class RegistryMoved extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryMoved';
  }
}

/** A request by id; needs only the store. */
export async function get(ctx: Pick<OnboardingContext, 'store'>, requestId: string): Promise<OnboardingRequest> {
  const request = await ctx.store.get(requestId);
  if (!request) throw new OnboardingNotFound(`no request "${requestId}"`);
  return request;
}

/** A request with the gate report kept with it, and the tenant's evidence (per control) cut from that report. */
export interface RequestDetail extends OnboardingRequest {
  readonly report: Report | null;
  readonly evidence: Evidence | null;
}

/**
 * The request as an approver or auditor reads it. The report is the one the request was gated with:
 * its sha256 must equal the one recorded in the store when the request was made, else it is
 * refused as tampered (an AuditError), never shown.
 */
export async function requestDetail(ctx: Pick<OnboardingContext, 'store'>, requestId: string): Promise<RequestDetail> {
  const request = await get(ctx, requestId);
  if (!request.reportFile) return { ...request, report: null, evidence: null };
  let text: string;
  try {
    text = fs.readFileSync(request.reportFile, 'utf8');
  } catch (e) {
    throw new AuditError(`request ${request.id}: its gate report ${request.reportFile} cannot be read: ${(e as Error).message}`);
  }
  const digest = sha256(text);
  if (digest !== request.reportSha256) throw new AuditError(`request ${request.id}: its gate report ${request.reportFile} changed since the request (sha256 ${digest}, recorded ${request.reportSha256})`);
  const report = JSON.parse(text) as Report;
  const hasTenant = report.stacks.some((s) => s.tenant === request.tenantId);
  return { ...request, report, evidence: hasTenant ? buildEvidence(reportForTenant(report, request.tenantId)) : null };
}

/**
 * Decisions happen one at a time: on this host by a lock file, and between hosts sharing a
 * PostgreSQL store by the store's lock, under which a registry that tracks a git upstream is first
 * brought up to date (each host approves into its own clone and pushes). Every decision is so
 * validated against every earlier one, wherever it was made.
 */
export async function underLock<T>(ctx: OnboardingContext, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(ctx.workDir, { recursive: true });
  const lock = takeLock(path.join(ctx.workDir, 'decisions.lock'), 'decision', 30_000);
  try {
    // A decision killed inside `git commit` leaves git's index lock behind; only decisions run git here.
    if (lock.tookOverStale) removeStaleGitIndexLock(ctx.registryDir);
    return await ctx.store.decideExclusively(async () => {
      syncRegistry(ctx.registryDir);
      return fn();
    });
  } finally {
    lock.release();
  }
}

/** One open log per context: opening verifies the whole chain, appends then verify only what others added. */
const openLogs = new WeakMap<OnboardingContext, AuditLog>();

export function audit(ctx: OnboardingContext, body: { event: string } & Record<string, unknown>, once = false): void {
  let log = openLogs.get(ctx);
  if (!log) openLogs.set(ctx, (log = AuditLog.open(ctx.auditLog, ctx.now)));
  // `once`: a step of a request that may be done again (resumed after a crash) is recorded once per event and request.
  log.appendUnless(body, (e) => once && e.event === body.event && e.request === body.request);
}

/** A tenant's file in the registry: the one that exists (`.yaml` or `.yml`), else where a new one goes. */
export function tenantFile(registryDir: string, id: string): string {
  const yml = path.join(registryDir, `${id}.yml`);
  return fs.existsSync(yml) ? yml : path.join(registryDir, `${id}.yaml`);
}

/** The registry with `entry` added or replacing its tenant, validated as a whole exactly as `loadRegistry` does (throws RegistryError). */
export function wouldBeRegistry(registryDir: string, entry: Record<string, unknown>): Tenant[] {
  // The entry alone first, under the name its file will have: one that is not valid by itself is
  // answered without reading the whole registry again (the API's 422 path).
  const file = tenantFile(registryDir, String(entry.id));
  const alone = validateTenant(entry, path.relative(process.cwd(), file) || file, String(entry.id));
  if (alone.issues.length > 0) throw new RegistryError(alone.issues);
  return loadRegistry(registryDir, { name: path.basename(file), text: stringify(entry) });
}
