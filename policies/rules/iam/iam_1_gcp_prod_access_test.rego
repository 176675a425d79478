package cordon.rules.iam_1_gcp_prod_access_test

import data.cordon.rules.iam_1_gcp_prod_access as rule

doc(env, type, props) := {"stack": {"environment": env}, "resources": {"x.r": {"type": type, "properties": props}}}

found(inp) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

step(n) := {"approvals_needed": n, "approvers": {"principals": ["group:approvers@example.com"]}}

pam(steps, duration) := {"approval_workflow": {"manual_approvals": {"steps": steps}}, "max_request_duration": duration}

ent(props) := doc("prod", "google_privileged_access_manager_entitlement", props)

test_pass_service_account_member_in_prod if {
	count(found(doc("prod", "google_project_iam_member", {"member": "serviceAccount:a@p.iam.gserviceaccount.com", "role": "roles/viewer"}))) == 0
}

test_pass_human_member_in_staging if count(found(doc("staging", "google_project_iam_member", {"member": "user:ann@example.com", "role": "roles/editor"}))) == 0

test_pass_two_steps_eight_hours if count(found(ent(pam([step(1), step(1)], "28800s")))) == 0

test_pass_one_step_two_approvals if count(found(ent(pam([step(2)], "3600s")))) == 0

test_fail_user_member_in_prod if found(doc("prod", "google_storage_bucket_iam_member", {"member": "user:ann@example.com", "role": "roles/storage.admin"})) == {["member", false]}

test_fail_group_member_unknown_environment if found(doc(null, "google_kms_crypto_key_iam_member", {"member": "group:ops@example.com", "role": "roles/owner"})) == {["member", false]}

test_fail_binding_with_a_human if {
	found(doc("prod", "google_project_iam_binding", {"members": ["serviceAccount:a@p.iam.gserviceaccount.com", "user:bob@example.com"], "role": "roles/editor"})) == {["members", false]}
}

test_fail_single_approval if found(ent(pam([step(1)], "3600s"))) == {["approval_workflow.manual_approvals.steps", false]}

test_fail_no_approval_workflow if found(ent({"max_request_duration": "3600s"})) == {["approval_workflow.manual_approvals.steps", false]}

test_fail_one_second_over_eight_hours if found(ent(pam([step(1), step(1)], "28801s"))) == {["max_request_duration", false]}

test_fail_duration_missing if found(ent({"approval_workflow": {"manual_approvals": {"steps": [step(2)]}}})) == {["max_request_duration", false]}

test_fail_unresolved_duration if found(ent(pam([step(2)], "${var.duration}"))) == {["max_request_duration", true]}

test_fail_unresolved_approvals if found(ent(pam([step("${var.n}")], "3600s"))) == {["approval_workflow.manual_approvals.steps", true]}
