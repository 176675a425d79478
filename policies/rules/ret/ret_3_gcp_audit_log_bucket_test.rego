package cordon.rules.ret_3_gcp_audit_log_bucket_test

import data.cordon.rules.ret_3_gcp_audit_log_bucket as rule

addr := "google_logging_project_bucket_config.audit"

doc(props) := {"tenant": null, "resources": {addr: {"type": "google_logging_project_bucket_config", "properties": props}}}

paths(props) := {f.path | some f in rule.deny with input as doc(props)}

test_pass_2555 if count(paths({"locked": true, "retention_days": 2555})) == 0

test_pass_2557 if count(paths({"locked": true, "retention_days": 2557})) == 0

test_pass_string_forms if count(paths({"locked": "true", "retention_days": "3650"})) == 0

test_pass_folder_bucket if {
	d := {"resources": {"google_logging_folder_bucket_config.a": {"type": "google_logging_folder_bucket_config", "properties": {"locked": true, "retention_days": 2555}}}}
	count(rule.deny) == 0 with input as d
}

test_fail_365_hard if {
	some f in rule.deny with input as doc({"locked": true, "retention_days": 364})
	f.message == "retention_days is 364; it must be at least 2555 (7 years); never less than 365"
}

test_fail_365 if paths({"locked": true, "retention_days": 365}) == {"retention_days"}

test_fail_2554 if paths({"locked": true, "retention_days": 2554}) == {"retention_days"}

test_fail_unlocked if paths({"locked": false, "retention_days": 2555}) == {"locked"}

test_fail_lock_missing if paths({"retention_days": 2555}) == {"locked"}

test_fail_retention_missing if paths({"locked": true}) == {"retention_days"}

test_fail_tenant_audit_years if {
	fs := {f.path | some f in rule.deny with input as object.union(doc({"locked": true, "retention_days": 2555}), {"tenant": {"retention": {"auditYears": 10}}})}
	fs == {"retention_days"}
}

test_fail_unresolved_retention_is_unverifiable if {
	fs := rule.deny with input as doc({"locked": true, "retention_days": "${var.audit_days}"})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "retention_days"
}
