import { Construct } from 'constructs';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { PropError } from '../props';

/** Role that lets a Google service agent encrypt and decrypt with a Cloud KMS key. */
export const KEY_USER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** E-mail domains of the per-project Google service agents cordon grants keys to (`service-<number>@<domain>`). */
export const SERVICE_AGENT_DOMAINS = {
  cloudSql: 'gcp-sa-cloud-sql.iam.gserviceaccount.com',
  cloudRun: 'serverless-robot-prod.iam.gserviceaccount.com',
  artifactRegistry: 'gcp-sa-artifactregistry.iam.gserviceaccount.com',
} as const;

/** The IAM member of a project's service agent, from the project number (a token from `data google_project`). */
export function serviceAgentMember(kind: keyof typeof SERVICE_AGENT_DOMAINS, projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@${SERVICE_AGENT_DOMAINS[kind]}`;
}

/**
 * Grants encrypt/decrypt on one key to one service identity. Keys are only ever granted to service
 * accounts (service agents, workload identities), never to people or groups (TEN-2, IAM-1).
 */
export function grantKeyUse(scope: Construct, id: string, construct: string, cryptoKeyId: string, member: string): KmsCryptoKeyIamMember {
  if (!member.startsWith('serviceAccount:')) {
    throw new PropError(construct, 'key grant member', 'a "serviceAccount:" member (keys are granted to service agents only)', member);
  }
  if (!cryptoKeyId) throw new PropError(construct, 'kmsKeyName', 'the name of a Cloud KMS key', cryptoKeyId);
  return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId, role: KEY_USER_ROLE, member });
}

/** Checks a required, non-empty string prop. */
export function checkNonEmpty(construct: string, field: string, value: unknown, allowed = 'a non-empty string'): void {
  if (typeof value !== 'string' || value.trim() === '') throw new PropError(construct, field, allowed, value);
}

/** A GCP project id: 6–30 characters, lower case letters, digits and hyphens, starting with a letter. */
export const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function checkProject(construct: string, field: string, value: string): void {
  if (!PROJECT_ID.test(value ?? '')) throw new PropError(construct, field, `a GCP project id matching ${PROJECT_ID.source}`, value);
}

/** A DNS host name such as `acme.cordon.example`. */
export const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
