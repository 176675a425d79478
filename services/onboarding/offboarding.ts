import * as fs from 'fs';
import * as path from 'path';
import { parse, parseDocument } from 'yaml';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant, TENANT_ID } from '../../infra/registry/tenant';
import { OnboardingRequest } from '../store/requests';
import { day, newRequestId, now, OnboardingContext, OnboardingError, OnboardingNotFound, OnboardingRefused, recordRequest, RegistryChange, RegistryMoved, tenantFile, wouldBeRegistry } from './context';

type Leaving = 'offboarding' | 'offboarded';
type OffboardingRecord = NonNullable<Tenant['offboarding']>;

/**
 * Requests a tenant's offboarding. Its compute, network and edge go at once; its data stores and keys
 * stay for the soft-delete window (`offboarding`, until approval + retention.softDeleteDays), after
 * which a second offboarding shreds its keys (`offboarded`, the tombstone). With `immediate`, or a
 * tenant without a window (softDeleteDays 0), the keys are shredded at once. Always two-person; gated
 * like onboarding, against the registry as it would be.
 */
export async function requestOffboarding(ctx: OnboardingContext, tenantId: string, requester: string, options: OffboardingOptions = {}): Promise<OnboardingRequest> {
  if (!TENANT_ID.test(tenantId)) throw new OnboardingError(`tenant: expected a tenant id matching ${TENANT_ID}, received ${JSON.stringify(tenantId)}`);
  const tenant = loadRegistry(ctx.registryDir).find((t) => t.id === tenantId);
  if (!tenant) throw new OnboardingNotFound(`tenant: no tenant "${tenantId}" in the registry ${ctx.registryDir}`);
  const today = day(now(ctx));
  const status = leavingStatus(tenant, options.immediate ?? false, today);
  const requestId = newRequestId(now(ctx));
  const text = withOffboarding(fs.readFileSync(tenantFile(ctx.registryDir, tenantId), 'utf8'), status, offboardingRecord(tenant, status, requestId, today));
  const entry = parse(text) as Record<string, unknown>;
  const shredded = new Set(options.alongside);
  const registry = wouldBeRegistry(ctx.registryDir, entry).map((t) =>
    shredded.has(t.id) && t.id !== tenantId ? { ...t, status: 'offboarded' as const, offboarding: offboardingRecord(t, 'offboarded', requestId, today) } : t,
  );
  return recordRequest(ctx, { kind: 'offboard', requestId, tenant: registry.find((t) => t.id === tenantId)!, entry, registry, requester });
}

export interface OffboardingOptions {
  /** Shred the keys now, ending the soft-delete window early. @default false */
  readonly immediate?: boolean;
  /**
   * Other tenants whose keys are shredded in the same sweep (`shredDue`): the plan is gated as the
   * estate will be once they are, else each would fail on the others' overdue keys (RET-5-SHRED).
   * @default none
   */
  readonly alongside?: readonly string[];
}

/** The offboarded tenant's file as approved, dated the day of the approval. */
export function offboardingChange(ctx: OnboardingContext, request: OnboardingRequest): RegistryChange {
  const file = tenantFile(ctx.registryDir, request.tenantId);
  if (!fs.existsSync(file)) throw new RegistryMoved(`${path.basename(file)} is gone`);
  const current = fs.readFileSync(file, 'utf8');
  const tenant = loadRegistry(ctx.registryDir).find((t) => t.id === request.tenantId)!;
  const status = request.entry.status as Leaving;
  const subject = `Offboard tenant ${request.tenantId}: ${status === 'offboarded' ? 'keys shredded' : 'data kept for the soft-delete window'}`;
  // An approval killed after its write resumes: the file already carries this request.
  if (tenant.offboarding?.request === request.id) return { file, text: current, entry: parse(current), subject, written: true };
  if (status === 'offboarding' ? tenant.status !== 'active' : tenant.status === 'offboarded') throw new RegistryMoved(`${request.tenantId} is ${tenant.status} now`);
  const text = withOffboarding(current, status, offboardingRecord(tenant, status, request.id, day(now(ctx))));
  return { file, text, entry: parse(text), subject, written: false };
}

/** Offboarding tenants whose soft-delete window has ended: their keys are due to be shredded (`cordon tenant offboard` again). */
export const dueForShredding = (registry: readonly Tenant[], today: string): Tenant[] =>
  registry.filter((t) => t.status === 'offboarding' && t.offboarding!.dataUntil < today);

/** Where the tenant goes: into the soft-delete window, or straight to the tombstone. */
function leavingStatus(tenant: Tenant, immediate: boolean, today: string): Leaving {
  const record = tenant.offboarding;
  if (tenant.status === 'offboarded') throw new OnboardingRefused(`${tenant.id} was offboarded on ${record!.approvedAt} (${record!.request}); its id stays reserved`);
  if (tenant.status === 'offboarding') {
    if (immediate || record!.dataUntil < today) return 'offboarded';
    throw new OnboardingRefused(`${tenant.id} is offboarding: its data is kept until ${record!.dataUntil}; offboard it again after that day to shred its keys, or now with --immediate`);
  }
  return immediate || tenant.retention.softDeleteDays === 0 ? 'offboarded' : 'offboarding';
}

/** The record written with the status: the window ends softDeleteDays after approval; a shredding ends it on the day. */
function offboardingRecord(tenant: Tenant, status: Leaving, request: string, today: string): OffboardingRecord {
  const dataUntil = status === 'offboarding' ? day(new Date(Date.parse(`${today}T00:00:00Z`) + tenant.retention.softDeleteDays * 86_400_000)) : today;
  return { request, approvedAt: today, dataUntil };
}

/** The tenant file with status and record set, everything else (comments, order, schema header) as it was. */
function withOffboarding(text: string, status: Leaving, record: OffboardingRecord): string {
  const doc = parseDocument(text);
  doc.set('status', status);
  doc.set('offboarding', doc.createNode(record, { flow: true }));
  return doc.toString();
}
