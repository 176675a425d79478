package cordon.rules.ret_2_gcp_soft_delete_test

import data.cordon.rules.ret_2_gcp_soft_delete as rule

addr := "google_storage_bucket.docs"

tenant(doc_days, soft) := {"id": "t", "retention": {"documentDays": doc_days, "softDeleteDays": soft, "auditYears": 7}}

bucket(soft) := {"name": "docs", "encryption": {"default_kms_key_name": "projects/p/locations/l/keyRings/r/cryptoKeys/k"}, "soft_delete_policy": soft}

doc(props, t) := {"tenant": t, "resources": {addr: {"type": "google_storage_bucket", "properties": props}}}

denied(props, t) := {f.resource | some f in rule.deny with input as doc(props, t)}

test_pass_30_days if count(denied(bucket({"retention_duration_seconds": 2592000}), tenant(90, 30))) == 0

test_pass_no_tenant_30_days if count(denied(bucket([{"retention_duration_seconds": 2592000}]), null)) == 0

test_pass_no_tenant_7_days if count(denied(bucket({"retention_duration_seconds": 604800}), null)) == 0

test_pass_no_tenant_zero_age_zero_window if {
	p := object.union(bucket({"retention_duration_seconds": 0}), {"lifecycle_rule": [{"action": {"type": "Delete"}, "condition": {"age": 0, "send_age_if_zero": true}}]})
	count(denied(p, null)) == 0
}

test_fail_no_tenant_zero_age_with_window if {
	p := object.union(bucket({"retention_duration_seconds": 2592000}), {"lifecycle_rule": [{"action": {"type": "Delete"}, "condition": {"age": 0, "send_age_if_zero": true}}]})
	denied(p, null) == {addr}
}

test_fail_no_tenant_over_90_days if denied(bucket({"retention_duration_seconds": 7776001}), null) == {addr}

test_fail_no_tenant_missing if denied({"name": "docs", "encryption": {"default_kms_key_name": "k"}}, null) == {addr}

test_pass_tenant_window if count(denied(bucket({"retention_duration_seconds": 604800}), tenant(7, 7))) == 0

test_pass_zero_retention_zero if count(denied(bucket({"retention_duration_seconds": 0}), tenant(0, 0))) == 0

test_pass_string_seconds if count(denied(bucket({"retention_duration_seconds": "2592000"}), tenant(90, 30))) == 0

test_pass_log_bucket_ignored if {
	count(denied({"name": "l", "encryption": {"default_kms_key_name": "k"}, "retention_policy": [{"is_locked": true}]}, tenant(90, 30))) == 0
}

test_fail_one_second_short if denied(bucket({"retention_duration_seconds": 2591999}), tenant(90, 30)) == {addr}

test_fail_one_second_over if denied(bucket({"retention_duration_seconds": 2592001}), tenant(90, 30)) == {addr}

test_fail_zero_retention_with_window if denied(bucket({"retention_duration_seconds": 2592000}), tenant(0, 30)) == {addr}

test_fail_disabled_when_retained if denied(bucket({"retention_duration_seconds": 0}), tenant(90, 30)) == {addr}

test_fail_missing_block if {
	some f in rule.deny with input as doc({"name": "docs", "encryption": {"default_kms_key_name": "k"}}, tenant(90, 30))
	f.message == "soft_delete_policy.retention_duration_seconds is missing (Google's default is 604800, 7 days); it must be 2592000 (30 days)"
}

test_fail_unresolved_is_unverifiable if {
	fs := rule.deny with input as doc(bucket({"retention_duration_seconds": "${var.soft_delete_seconds}"}), tenant(90, 30))
	count(fs) == 1
	some f in fs
	f.unverifiable
}
