import { Construct } from 'constructs';
import { PrivilegedAccessManagerEntitlement } from '@cdktf/provider-google/lib/privileged-access-manager-entitlement';
import { checkInteger, PropError } from '../props';
import { checkProject } from './service-agents';

/** Sequential approval steps Privileged Access Manager supports; each step takes one approval. */
export const PAM_MAX_APPROVAL_STEPS = 2;
/** Bounds of a grant's duration in minutes (IAM-1): PAM's 30-minute floor, and one working day. */
export const PAM_DURATION_BOUNDS = { min: 30, max: 480 } as const;
/** Roles an entitlement may never grant. */
export const FORBIDDEN_ROLES = ['roles/owner', 'roles/resourcemanager.projectIamAdmin', 'roles/iam.securityAdmin'] as const;

export interface ProdAccessEntitlementProps {
  /** The production project access is granted on. */
  readonly project: string;
  /** @default 'prod-access' */
  readonly entitlementId?: string;
  /** Who may request: groups or service accounts, never individual users. */
  readonly requesters: readonly string[];
  /** Who approves: groups, never individual users. */
  readonly approvers: readonly string[];
  /** Approvals needed, one per sequential step (IAM-1). @default 2; from 2 to 2 */
  readonly approvals?: number;
  /** Longest grant in minutes. @default 60; from 30 to 480 */
  readonly maxDurationMinutes?: number;
  /** Roles granted for the duration. @default ['roles/viewer'] */
  readonly roles?: readonly string[];
}

const NAME = 'ProdAccessEntitlement';
const ENTITLEMENT_ID = /^[a-z][a-z0-9-]{3,62}$/;
const PRINCIPAL = /^(group|serviceAccount):[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GROUP = /^group:[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The only way into a production project (IAM-1): a Privileged Access Manager entitlement that grants
 * roles for a bounded time, after a justification and two sequential approvals by approver groups.
 * No standing human role is made anywhere.
 */
export class ProdAccessEntitlement extends Construct {
  readonly entitlement: PrivilegedAccessManagerEntitlement;

  constructor(scope: Construct, id: string, props: ProdAccessEntitlementProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    const entitlementId = props.entitlementId ?? 'prod-access';
    if (!ENTITLEMENT_ID.test(entitlementId)) throw new PropError(NAME, 'entitlementId', `an id matching ${ENTITLEMENT_ID.source}`, entitlementId);
    if (!props.requesters?.length) throw new PropError(NAME, 'requesters', 'a non-empty list of group: or serviceAccount: members', props.requesters);
    props.requesters.forEach((m) => {
      if (!PRINCIPAL.test(m)) throw new PropError(NAME, 'requesters', 'group: or serviceAccount: members (never user:)', m);
    });
    if (!props.approvers?.length) throw new PropError(NAME, 'approvers', 'a non-empty list of group: members', props.approvers);
    props.approvers.forEach((m) => {
      if (!GROUP.test(m)) throw new PropError(NAME, 'approvers', 'group: members (never user:)', m);
    });
    const approvals = props.approvals ?? 2;
    checkInteger(NAME, 'approvals', approvals, 2, PAM_MAX_APPROVAL_STEPS);
    const minutes = props.maxDurationMinutes ?? 60;
    checkInteger(NAME, 'maxDurationMinutes', minutes, PAM_DURATION_BOUNDS.min, PAM_DURATION_BOUNDS.max);
    const roles = props.roles ?? ['roles/viewer'];
    if (roles.length === 0) throw new PropError(NAME, 'roles', 'a non-empty list of roles', roles);
    roles.forEach((r) => {
      if (!/^(roles|projects\/[^/]+\/roles)\/[A-Za-z0-9_.]+$/.test(r)) throw new PropError(NAME, 'roles', 'role names (roles/NAME)', r);
      if ((FORBIDDEN_ROLES as readonly string[]).includes(r)) throw new PropError(NAME, 'roles', `roles other than ${FORBIDDEN_ROLES.join(', ')}`, r);
    });

    this.entitlement = new PrivilegedAccessManagerEntitlement(this, 'entitlement', {
      entitlementId,
      parent: `projects/${props.project}`,
      location: 'global',
      maxRequestDuration: `${minutes * 60}s`,
      eligibleUsers: [{ principals: [...props.requesters] }],
      requesterJustificationConfig: { unstructured: {} },
      privilegedAccess: {
        gcpIamAccess: {
          resource: `//cloudresourcemanager.googleapis.com/projects/${props.project}`,
          resourceType: 'cloudresourcemanager.googleapis.com/Project',
          roleBindings: roles.map((role) => ({ role })),
        },
      },
      // PAM takes one approval per step, so two approvals are two sequential steps.
      approvalWorkflow: {
        manualApprovals: {
          requireApproverJustification: true,
          steps: Array.from({ length: approvals }, () => ({ approvalsNeeded: 1, approvers: { principals: [...props.approvers] } })),
        },
      },
    });
  }
}
