package cordon.rules.ret_1_gcp_bucket_expiry_test

import data.cordon.rules.ret_1_gcp_bucket_expiry as rule

addr := "google_storage_bucket.docs"

tenant(days) := {"id": "t", "retention": {"documentDays": days, "softDeleteDays": 30, "auditYears": 7}}

enc := {"default_kms_key_name": "${google_kms_crypto_key.k.id}"}

bucket(rules) := {"name": "docs", "encryption": enc, "lifecycle_rule": rules}

delete(cond) := {"action": {"type": "Delete"}, "condition": cond}

doc(props, t) := {"tenant": t, "resources": {addr: {"type": "google_storage_bucket", "properties": props}}}

denied(props, t) := {f.resource | some f in rule.deny with input as doc(props, t)}

test_pass_tenant_days if count(denied(bucket([delete({"age": 90})]), tenant(90))) == 0

test_pass_block_lists if {
	count(denied(bucket([{"action": [{"type": "Delete"}], "condition": [{"age": 30}]}]), tenant(30))) == 0
}

test_pass_zero_with_send_age if count(denied(bucket([delete({"age": 0, "send_age_if_zero": true})]), tenant(0))) == 0

test_pass_no_tenant_any_age if count(denied(bucket([delete({"age": 365})]), null)) == 0

test_pass_single_rule_object if count(denied(bucket(delete({"age": 90})), tenant(90))) == 0

test_pass_google_managed_left_to_enc_1 if count(denied({"name": "docs"}, tenant(90))) == 0

test_pass_locked_retention_is_audit if {
	count(denied({"name": "docs", "encryption": enc, "retention_policy": {"is_locked": true, "retention_period": 220752000}}, tenant(90))) == 0
}

test_pass_sink_destination_is_log_bucket if {
	d := {"tenant": tenant(90), "resources": {
		addr: {"type": "google_storage_bucket", "properties": {"name": "docs", "encryption": enc}},
		"google_logging_project_sink.s": {"type": "google_logging_project_sink", "properties": {"destination": "storage.googleapis.com/${google_storage_bucket.docs.name}"}},
	}}
	count(rule.deny) == 0 with input as d
}

test_pass_literal_sink_destination if {
	d := {"tenant": tenant(90), "resources": {
		addr: {"type": "google_storage_bucket", "properties": {"name": "audit-archive", "encryption": enc}},
		"google_logging_project_sink.s": {"type": "google_logging_project_sink", "properties": {"destination": "storage.googleapis.com/audit-archive"}},
	}}
	count(rule.deny) == 0 with input as d
}

test_fail_days_differ if denied(bucket([delete({"age": 91})]), tenant(90)) == {addr}

test_fail_zero_without_send_age if denied(bucket([delete({"age": 0})]), tenant(0)) == {addr}

test_fail_zero_send_age_false if denied(bucket([delete({"age": 0, "send_age_if_zero": false})]), tenant(0)) == {addr}

test_fail_one_day_for_zero_retention if denied(bucket([delete({"age": 1})]), tenant(0)) == {addr}

test_fail_set_storage_class_not_delete if {
	denied(bucket([{"action": {"type": "SetStorageClass", "storage_class": "COLDLINE"}, "condition": {"age": 90}}]), tenant(90)) == {addr}
}

test_fail_prefix_only if denied(bucket([delete({"age": 90, "matches_prefix": ["inbox/"]})]), tenant(90)) == {addr}

test_fail_archived_only if denied(bucket([delete({"age": 90, "with_state": "ARCHIVED"})]), tenant(90)) == {addr}

test_fail_no_lifecycle if denied({"name": "docs", "encryption": enc}, tenant(90)) == {addr}

test_fail_no_tenant_no_rule if denied({"name": "docs", "encryption": enc}, null) == {addr}

test_fail_unresolved_age_is_unverifiable if {
	fs := rule.deny with input as doc(bucket([delete({"age": "${var.retention_days}"})]), tenant(90))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "lifecycle_rule[0].condition.age"
}

test_fail_message if {
	some f in rule.deny with input as doc(bucket([delete({"age": 30})]), tenant(90))
	f.message == "no lifecycle_rule Delete over the whole bucket expires objects at age 90 (documentDays) (ages: 30)"
}
