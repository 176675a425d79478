import { randomBytes } from 'crypto';
import { AuditLog } from '../audit/log';
import { RequestStore, Role, ROLES } from '../store/requests';
import { sha256 } from '../toolchain/policy-sources';
import { OnboardingError } from './context';

export interface Principal {
  readonly principal: string;
  readonly role: Role;
}

const PREFIX = 'cordon_';

/**
 * Creates a bearer token for `principal` with `role`: 32 random bytes, returned once and stored
 * only as its sha256. The creation is an audit entry (the principal and role, never the token).
 */
export async function createToken(store: RequestStore, auditLog: string, principal: string, role: string, by: string, now: Date = new Date()): Promise<string> {
  if (!/^[^\s@]+@[^\s@]+$/.test(principal)) throw new OnboardingError(`--principal: expected an email address, received "${principal}"`);
  if (!(ROLES as readonly string[]).includes(role)) throw new OnboardingError(`--role: expected one of ${ROLES.join(' | ')}, received "${role}"`);
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  await store.addToken(sha256(token), principal, role as Role, now.toISOString());
  AuditLog.open(auditLog, () => now).append({ event: 'token.create', principal, role, by });
  return token;
}

/** The principal a bearer token stands for, or undefined for an unknown or malformed one. */
export async function authenticate(store: RequestStore, token: string | undefined): Promise<Principal | undefined> {
  if (!token?.startsWith(PREFIX)) return undefined;
  return store.tokenByHash(sha256(token));
}
