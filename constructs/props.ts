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

/** Days of audit metadata the locked audit buckets keep: seven years (RET-3). */
export const AUDIT_RETENTION_DAYS = 2555;
/** Days of point-in-time restore on every tenant database (RET-4). */
export const PITR_DAYS = 7;
/** Days operational (non-audit) log groups keep events. */
export const LOG_RETENTION_DAYS = 365;

/** Subnet tiers of a tenant network, outermost first (NET-1). */
export const NETWORK_TIERS = ['web', 'app', 'data'] as const;
export type NetworkTier = (typeof NETWORK_TIERS)[number];

/** Requests per minute a rate-based edge rule accepts (EDGE-2); 10 is the smallest limit AWS WAF takes. */
export const RATE_LIMIT_BOUNDS = { min: 10, max: 1_000_000 } as const;

export function checkRateLimit(construct: string, value: number): void {
  checkInteger(construct, 'rateLimitPerMinute', value, RATE_LIMIT_BOUNDS.min, RATE_LIMIT_BOUNDS.max);
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Splits an IPv4 CIDR into one equal subnet per tier, each 4 bits longer (a /16 gives /20s), so the
 * tiers never overlap and leave room for more tiers. Throws a PropError naming `field` on a bad CIDR.
 */
export function tierSubnets(construct: string, field: string, cidr: string, tiers: readonly string[] = NETWORK_TIERS): Record<string, string> {
  const m = IPV4_CIDR.exec(cidr);
  const prefix = m ? Number(m[5]) : NaN;
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (!m || octets.some((o) => o > 255) || prefix < 8 || prefix > 24 || base % 2 ** (32 - prefix) !== 0) {
    throw new PropError(construct, field, 'an IPv4 CIDR from /8 to /24 with host bits zero, e.g. 10.40.0.0/16', cidr);
  }
  const sub = prefix + 4;
  const out: Record<string, string> = {};
  tiers.forEach((tier, i) => {
    const start = base + i * 2 ** (32 - sub);
    out[tier] = `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.')}/${sub}`;
  });
  return out;
}

/** Statement classes pgaudit can log. */
export const PGAUDIT_CLASSES = ['read', 'write', 'function', 'role', 'ddl', 'misc', 'misc_set'] as const;
export type PgauditClass = (typeof PGAUDIT_CLASSES)[number];
/** Classes every tenant database audits (LOG-1): schema changes, grants and every write. */
export const PGAUDIT_REQUIRED: readonly PgauditClass[] = ['ddl', 'role', 'write'];

/** The classes a tenant's database audits: the required ones, and reads too where PHI is kept (TEN-4). */
export function pgauditClassesFor(phi: boolean): readonly PgauditClass[] {
  return phi ? [...PGAUDIT_REQUIRED, 'read'] : PGAUDIT_REQUIRED;
}

/** Checks a pgaudit class list (each known, once, the required ones in) and returns pgaudit.log's value. */
export function pgauditLog(construct: string, classes: readonly PgauditClass[]): string {
  const allowed = `a list of ${PGAUDIT_CLASSES.join(' | ')}, each once, holding ${PGAUDIT_REQUIRED.join(', ')} (LOG-1)`;
  if (!Array.isArray(classes) || new Set(classes).size !== classes.length) throw new PropError(construct, 'auditStatements', allowed, classes);
  if (classes.some((c) => !PGAUDIT_CLASSES.includes(c)) || PGAUDIT_REQUIRED.some((c) => !classes.includes(c))) throw new PropError(construct, 'auditStatements', allowed, classes);
  return classes.join(',');
}
