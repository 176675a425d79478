import { ProdAccessEntitlement, ProdAccessEntitlementProps } from '../../../constructs/gcp/prod-access-entitlement';
import { only, propError, synth } from './synth';

const PAM: ProdAccessEntitlementProps = { project: 'cdn-acme-prd', requesters: ['group:sre@cordon.example'], approvers: ['group:prod-approvers@cordon.example'] };

describe('ProdAccessEntitlement (PAM)', () => {
  test('GIVEN defaults THEN two sequential approvals by the approver group, 1-hour grants, justification, viewer on the project', () => {
    const { resource: r } = synth((s) => new ProdAccessEntitlement(s, 'pam', PAM));
    const e = only(r, 'google_privileged_access_manager_entitlement');
    expect(e).toMatchObject({
      entitlement_id: 'prod-access',
      parent: 'projects/cdn-acme-prd',
      location: 'global',
      max_request_duration: '3600s',
      eligible_users: [{ principals: ['group:sre@cordon.example'] }],
      requester_justification_config: { unstructured: {} },
      privileged_access: { gcp_iam_access: { resource: '//cloudresourcemanager.googleapis.com/projects/cdn-acme-prd', resource_type: 'cloudresourcemanager.googleapis.com/Project', role_bindings: [{ role: 'roles/viewer' }] } },
    });
    expect(e.approval_workflow.manual_approvals.require_approver_justification).toBe(true);
    expect(e.approval_workflow.manual_approvals.steps).toEqual([
      { approvals_needed: 1, approvers: { principals: ['group:prod-approvers@cordon.example'] } },
      { approvals_needed: 1, approvers: { principals: ['group:prod-approvers@cordon.example'] } },
    ]);
    expect(r.google_project_iam_member).toBeUndefined();
  });

  test('GIVEN maxDurationMinutes 480 (the maximum) THEN 28800s', () => {
    const { resource: r } = synth((s) => new ProdAccessEntitlement(s, 'pam', { ...PAM, maxDurationMinutes: 480 }));
    expect(only(r, 'google_privileged_access_manager_entitlement').max_request_duration).toBe('28800s');
  });

  test('GIVEN maxDurationMinutes 30 (the minimum) THEN 1800s', () => {
    const { resource: r } = synth((s) => new ProdAccessEntitlement(s, 'pam', { ...PAM, maxDurationMinutes: 30 }));
    expect(only(r, 'google_privileged_access_manager_entitlement').max_request_duration).toBe('1800s');
  });

  test.each([
    [{ maxDurationMinutes: 481 }, propError('ProdAccessEntitlement', 'maxDurationMinutes', 'an integer from 30 to 480', 481)],
    [{ maxDurationMinutes: 29 }, propError('ProdAccessEntitlement', 'maxDurationMinutes', 'an integer from 30 to 480', 29)],
    [{ approvals: 1 }, propError('ProdAccessEntitlement', 'approvals', 'an integer from 2 to 2', 1)],
    [{ approvals: 3 }, propError('ProdAccessEntitlement', 'approvals', 'an integer from 2 to 2', 3)],
    [{ requesters: ['user:alice@cordon.example'] }, propError('ProdAccessEntitlement', 'requesters', 'group: or serviceAccount: members (never user:)', 'user:alice@cordon.example')],
    [{ requesters: [] }, propError('ProdAccessEntitlement', 'requesters', 'a non-empty list of group: or serviceAccount: members', [])],
    [{ approvers: ['user:bob@cordon.example'] }, propError('ProdAccessEntitlement', 'approvers', 'group: members (never user:)', 'user:bob@cordon.example')],
    [{ roles: ['roles/owner'] }, propError('ProdAccessEntitlement', 'roles', 'roles other than roles/owner, roles/resourcemanager.projectIamAdmin, roles/iam.securityAdmin', 'roles/owner')],
    [{ entitlementId: 'X' }, propError('ProdAccessEntitlement', 'entitlementId', 'an id matching ^[a-z][a-z0-9-]{3,62}$', 'X')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new ProdAccessEntitlement(s, 'pam', { ...PAM, ...override }))).toThrow(message);
  });
});
