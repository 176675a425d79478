import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { schemaComment } from '../../infra/registry/schema';
import { TENANT_ID } from '../../infra/registry/tenant';
import { OnboardingRequest } from '../store/requests';
import { newRequestId, now, OnboardingContext, OnboardingError, OnboardingRefused, recordRequest, RegistryChange, tenantFile, wouldBeRegistry } from './context';

/**
 * Requests a new tenant: validates the entry against the registry as it would be (schema and every
 * cross-tenant check), synthesizes the tenant's cloud estate as it would be and gates it with the
 * estate rules, keeps the report with the request, and records the request. A request whose gate
 * fails is stored as `refused` with its findings; it never reaches an approver.
 */
export async function requestOnboarding(ctx: OnboardingContext, entry: Record<string, unknown>, requester: string): Promise<OnboardingRequest> {
  const id = entry?.id;
  if (typeof id !== 'string' || !TENANT_ID.test(id)) throw new OnboardingError(`id: expected a tenant id matching ${TENANT_ID}, received ${JSON.stringify(id ?? null)}`);
  if (entry.status !== undefined && entry.status !== 'active') throw new OnboardingError(`status: expected active (or nothing) for a new tenant, received ${JSON.stringify(entry.status)}; offboarding is \`cordon tenant offboard\``);
  if (fs.existsSync(tenantFile(ctx.registryDir, id))) throw new OnboardingError(`id: tenant "${id}" is already in the registry; ids are never reused`);
  const registry = wouldBeRegistry(ctx.registryDir, entry);
  const tenant = registry.find((t) => t.id === id)!;
  return recordRequest(ctx, { kind: 'onboard', requestId: newRequestId(now(ctx)), tenant, entry, registry, requester });
}

/** The new tenant's file as approved; an approval killed after its write resumes with the same file, anything else is refused. */
export function onboardingChange(ctx: OnboardingContext, request: OnboardingRequest): RegistryChange {
  const file = tenantFile(ctx.registryDir, request.tenantId);
  const text = schemaComment(ctx.registryDir) + stringify(request.entry);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (existing !== undefined && existing !== text) throw new OnboardingRefused(`${request.id}: ${path.basename(file)} already exists with other content; resolve it by hand`);
  return { file, text, entry: request.entry, subject: `Onboard tenant ${request.tenantId}`, written: existing !== undefined };
}
