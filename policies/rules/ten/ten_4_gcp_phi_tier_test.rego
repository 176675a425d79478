package cordon.rules.ten_4_gcp_phi_tier_test

import data.cordon.rules.ten_4_gcp_phi_tier as rule

acme := {"id": "acme", "tier": "enterprise", "phi": true, "baa": true}

sql(labels) := {"type": "google_sql_database_instance", "properties": {"settings": {"user_labels": labels}}}

doc(tenant, r) := {"tenant": tenant, "resources": {"x.r": r, "f.w": {"type": "google_compute_firewall", "properties": {}}}}

found(inp) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

test_pass_enterprise if count(found(doc(acme, sql({"tier": "enterprise"})))) == 0

test_pass_bucket_enterprise if {
	count(found(doc(acme, {"type": "google_storage_bucket", "properties": {"labels": {"tier": "enterprise"}}}))) == 0
}

test_pass_not_phi if count(found(doc({"id": "hooli", "tier": "pooled", "phi": false}, sql({"tier": "pooled"})))) == 0

test_fail_dedicated_phi_tenant if {
	found(doc(object.union(acme, {"tier": "dedicated"}), sql({"tier": "dedicated"}))) == {["tenant", false], ["settings.user_labels.tier", false]}
}

test_fail_sql_pooled_label if found(doc(acme, sql({"tier": "pooled"}))) == {["settings.user_labels.tier", false]}

test_fail_bucket_tier_missing if found(doc(acme, {"type": "google_storage_bucket", "properties": {"labels": {}}})) == {["labels.tier", false]}

test_fail_interpolated_tier if {
	found(doc(acme, {"type": "google_kms_crypto_key", "properties": {"labels": {"tier": "${var.tier}"}}})) == {["labels.tier", true]}
}
