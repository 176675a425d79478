/**
 * Prop validation shared by the AWS and GCP constructs. Errors name the construct, the field,
 * what is allowed and what was received, and are thrown at construction time, before synthesis.
 */
export class PropError extends Error {
  constructor(construct: string, field: string, allowed: string, received: unknown) {
    super(`${construct}: invalid ${field}: expected ${allowed}, received ${JSON.stringify(received)}`);
    this.name = 'PropError';
  }
}

export const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{2,20}$/;
export const KEY_PURPOSES = ['documents', 'database', 'logs'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** The longest document retention a bucket accepts: ten years. */
export const MAX_DOCUMENT_DAYS = 3650;
/** The soft-delete window the trust centers promise. */
export const SOFT_DELETE_DAYS = 30;
/** Key rotation the trust centers promise, and the shortest period AWS KMS accepts. */
export const KEY_ROTATION_DAYS = 90;
/** Days a deleted key stays recoverable (ENC-6). */
export const KEY_DELETION_WINDOW_DAYS = 30;

export function checkTenantId(construct: string, value: string): void {
  if (!TENANT_ID_PATTERN.test(value)) throw new PropError(construct, 'tenantId', `a string matching ${TENANT_ID_PATTERN.source}`, value);
}

export function checkOneOf<T extends string>(construct: string, field: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) throw new PropError(construct, field, `one of ${allowed.join(' | ')}`, value);
}

export function checkInteger(construct: string, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new PropError(construct, field, `an integer from ${min} to ${max}`, value);
}

/** Retention props common to document stores on both clouds; zero retention forbids a soft-delete window. */
export function checkRetention(construct: string, documentDays: number, softDeleteDays: number): void {
  checkInteger(construct, 'documentDays', documentDays, 0, MAX_DOCUMENT_DAYS);
  checkInteger(construct, 'softDeleteDays', softDeleteDays, 0, 90);
  if (documentDays === 0 && softDeleteDays !== 0) {
    throw new PropError(construct, 'softDeleteDays', '0 when documentDays is 0 (nothing may be kept beyond the request)', softDeleteDays);
  }
}
