# METADATA
# title: No standing human roles in GCP production; PAM grants dual-approved and time-bound
# description: >-
#   In a production stack (or one whose environment label is unknown), no IAM member or binding may
#   name a user: or group: principal: humans reach production only through a Privileged Access
#   Manager entitlement. Every google_privileged_access_manager_entitlement must require at least two
#   approvals over its approval steps and bound max_request_duration to 8 hours (28800s) or less.
# custom:
#   id: IAM-1-GCP
#   severity: high
#   level: mandatory
#   controls: [IAM-1]
#   remediation: >-
#     Remove user:/group: members from production IAM; grant access through a PAM entitlement with
#     two approval steps (or approvals_needed >= 2) and max_request_duration of at most 28800s.
#   resource_types:
#     - google_project_iam_member
#     - google_project_iam_binding
#     - google_folder_iam_member
#     - google_folder_iam_binding
#     - google_organization_iam_member
#     - google_organization_iam_binding
#     - google_kms_crypto_key_iam_member
#     - google_kms_crypto_key_iam_binding
#     - google_kms_key_ring_iam_member
#     - google_kms_key_ring_iam_binding
#     - google_storage_bucket_iam_member
#     - google_storage_bucket_iam_binding
#     - google_service_account_iam_member
#     - google_service_account_iam_binding
#     - google_secret_manager_secret_iam_member
#     - google_secret_manager_secret_iam_binding
#     - google_sql_database_instance_iam_member
#     - google_cloud_run_v2_service_iam_member
#     - google_cloud_run_v2_service_iam_binding
#     - google_bigquery_dataset_iam_member
#     - google_bigquery_dataset_iam_binding
#     - google_privileged_access_manager_entitlement
#   checks:
#     "google_project_iam_member": [member]
#     "google_project_iam_binding": [members]
#     "google_folder_iam_member": [member]
#     "google_folder_iam_binding": [members]
#     "google_organization_iam_member": [member]
#     "google_organization_iam_binding": [members]
#     "google_kms_crypto_key_iam_member": [member]
#     "google_kms_crypto_key_iam_binding": [members]
#     "google_kms_key_ring_iam_member": [member]
#     "google_kms_key_ring_iam_binding": [members]
#     "google_storage_bucket_iam_member": [member]
#     "google_storage_bucket_iam_binding": [members]
#     "google_service_account_iam_member": [member]
#     "google_service_account_iam_binding": [members]
#     "google_secret_manager_secret_iam_member": [member]
#     "google_secret_manager_secret_iam_binding": [members]
#     "google_cloud_run_v2_service_iam_member": [member]
#     "google_cloud_run_v2_service_iam_binding": [members]
#     "google_bigquery_dataset_iam_member": [member]
#     "google_bigquery_dataset_iam_binding": [members]
#     "google_sql_database_instance_iam_member": [member]
#     "google_privileged_access_manager_entitlement": [approval_workflow.manual_approvals.steps, max_request_duration]
package cordon.rules.iam_1_gcp_prod_access

import data.cordon.lib
import data.cordon.lib.iam

max_seconds := 28800

min_approvals := 2

iam_type(t) if {
	startswith(t, "google_")
	regex.match(`_iam_(member|binding)$`, t)
}

deny contains lib.finding(addr, "member", msg) if {
	iam.prod_or_unknown
	some addr, r in input.resources
	endswith(r.type, "_iam_member")
	iam_type(r.type)
	human(r.properties.member)
	msg := sprintf("%s holds %s standing in production; use a PAM entitlement", [r.properties.member, r.properties.role])
}

deny contains lib.finding(addr, "members", msg) if {
	iam.prod_or_unknown
	some addr, r in input.resources
	endswith(r.type, "_iam_binding")
	iam_type(r.type)
	humans := [m | some m in r.properties.members; human(m)]
	count(humans) > 0
	msg := sprintf("%v hold %s standing in production; use a PAM entitlement", [humans, r.properties.role])
}

human(m) if {
	is_string(m)
	regex.match(`^(user|group):`, lower(trim_space(m)))
}

deny contains lib.finding(addr, "approval_workflow.manual_approvals.steps", msg) if {
	some addr, r in lib.resources_of("google_privileged_access_manager_entitlement")
	not unresolved_approvals(r.properties)
	n := approvals(r.properties)
	n < min_approvals
	msg := sprintf("grants need %d approval(s) in total; production access needs at least %d", [n, min_approvals])
}

deny contains lib.unverifiable(addr, "approval_workflow.manual_approvals.steps", v) if {
	some addr, r in lib.resources_of("google_privileged_access_manager_entitlement")
	some v in approval_values(r.properties)
	lib.unresolved(v)
}

deny contains lib.finding(addr, "max_request_duration", msg) if {
	some addr, r in lib.resources_of("google_privileged_access_manager_entitlement")
	not lib.unresolved(object.get(r.properties, "max_request_duration", ""))
	not bounded(r.properties)
	msg := sprintf("max_request_duration is %s; grants must end within %ds (8 hours)", [lib.shown(r.properties, "max_request_duration"), max_seconds])
}

deny contains lib.unverifiable(addr, "max_request_duration", v) if {
	some addr, r in lib.resources_of("google_privileged_access_manager_entitlement")
	v := r.properties.max_request_duration
	lib.unresolved(v)
}

bounded(p) if lib.duration_seconds(p.max_request_duration) <= max_seconds

steps(p) := [s |
	some w in lib.blocks(object.get(p, "approval_workflow", []))
	some m in lib.blocks(object.get(w, "manual_approvals", []))
	some s in lib.blocks(object.get(m, "steps", []))
]

# approvals_needed defaults to 1 per step in the provider when it is not written.
approval_values(p) := [object.get(s, "approvals_needed", 1) | some s in steps(p)]

unresolved_approvals(p) if {
	some v in approval_values(p)
	lib.unresolved(v)
}

approvals(p) := sum([n | some v in approval_values(p); n := lib.number(v)])
