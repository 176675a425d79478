package cordon.rules.ten_1_gcp_tenant_label_test

import data.cordon.rules.ten_1_gcp_tenant_label as rule

res(type, props) := {"type": type, "properties": props}

bucket := res("google_storage_bucket", {"labels": {"tenant": "acme", "tier": "pooled"}})

sql(labels) := res("google_sql_database_instance", {"settings": {"tier": "db-f1-micro", "user_labels": labels}})

stack(resources) := {"stack": {"tier": null}, "resources": resources}

denied(resources) := {f.resource | some f in rule.deny with input as stack(resources)}

test_pass_all_labelled if count(denied({"google_storage_bucket.b": bucket, "google_sql_database_instance.d": sql({"tenant": "acme"})})) == 0

test_pass_settings_as_list if {
	d := res("google_sql_database_instance", {"settings": [{"user_labels": {"tenant": "acme"}}]})
	count(denied({"google_storage_bucket.b": bucket, "google_sql_database_instance.d": d})) == 0
}

test_pass_unlabelled_types_exempt if {
	count(denied({"google_storage_bucket.b": bucket, "google_compute_firewall.f": res("google_compute_firewall", {}), "google_kms_key_ring.r": res("google_kms_key_ring", {})})) == 0
}

test_pass_platform_stack if {
	k := res("google_kms_crypto_key", {"labels": {"tier": "platform"}})
	count(rule.deny) == 0 with input as {"stack": {"tier": "platform"}, "resources": {"google_kms_crypto_key.k": k}}
}

test_fail_missing_label if {
	denied({"google_storage_bucket.b": bucket, "google_kms_crypto_key.k": res("google_kms_crypto_key", {"name": "k"})}) == {"google_kms_crypto_key.k"}
}

test_fail_sql_user_labels_missing if {
	fs := rule.deny with input as stack({"google_storage_bucket.b": bucket, "google_sql_database_instance.d": sql({"environment": "prod"})})
	{[f.resource, f.path] | some f in fs} == {["google_sql_database_instance.d", "settings.user_labels.tenant"]}
}

test_fail_other_tenant if {
	k := res("google_kms_crypto_key", {"labels": {"tenant": "acme"}})
	other := res("google_pubsub_topic", {"labels": {"tenant": "hooli"}})
	denied({"google_storage_bucket.b": bucket, "google_kms_crypto_key.k": k, "google_pubsub_topic.t": other}) == {"google_pubsub_topic.t"}
}

test_fail_tie if {
	other := res("google_pubsub_topic", {"labels": {"tenant": "hooli"}})
	denied({"google_storage_bucket.b": bucket, "google_pubsub_topic.t": other}) == {"google_storage_bucket.b", "google_pubsub_topic.t"}
}

test_fail_interpolated_label_is_unverifiable if {
	k := res("google_kms_crypto_key", {"labels": {"tenant": "${var.tenant}"}})
	fs := rule.deny with input as stack({"google_storage_bucket.b": bucket, "google_kms_crypto_key.k": k})
	{[f.resource, object.get(f, "unverifiable", false)] | some f in fs} == {["google_kms_crypto_key.k", true]}
}

test_fail_tenant_tier_no_labels if {
	b := res("google_storage_bucket", {"labels": {"tier": "dedicated"}})
	{f.resource | some f in rule.deny} == {"google_storage_bucket.b"} with input as {"stack": {"tier": "dedicated"}, "resources": {"google_storage_bucket.b": b}}
}
