package cordon.rules.ret_5_gcp_offboarding_test

import data.cordon.rules.ret_5_gcp_offboarding as rule

findings(status, resources) := {f.resource | some f in rule.deny with input as {"tenant": {"id": "cyberdyne", "status": status}, "resources": resources}}

# While `cordon deploy` deletes the tenant's data: [resource, path, unverifiable].
deleting(resources) := {[f.resource, f.path, object.get(f, "unverifiable", false)] |
	some f in rule.deny with input as {"tenant": {"id": "cyberdyne", "status": "offboarded", "deleting": true}, "resources": resources}
}

sql(p) := {"type": "google_sql_database_instance", "properties": p}

unprotected_sql := sql({"deletion_protection": false, "settings": {"deletion_protection_enabled": false}})

forced_bucket := {"type": "google_storage_bucket", "properties": {"force_destroy": true}}

ring := {"type": "google_kms_key_ring", "properties": {}}

key := {"type": "google_kms_crypto_key", "properties": {}}

run := {"type": "google_cloud_run_v2_service", "properties": {}}

bucket := {"type": "google_storage_bucket", "properties": {}}

test_pass_active_tenant_serves if count(findings("active", {"r": ring, "k": key, "run": run})) == 0

test_pass_offboarding_keeps_keys_and_data if count(findings("offboarding", {"r": ring, "k": key, "b": bucket})) == 0

test_pass_offboarded_empty_ring if count(findings("offboarded", {"r": ring})) == 0

test_fail_offboarding_cloud_run if findings("offboarding", {"r": ring, "run": run}) == {"run"}

test_fail_offboarding_workload_identity if findings("offboarding", {"sa": {"type": "google_service_account", "properties": {}}}) == {"sa"}

test_fail_offboarded_crypto_key_left if findings("offboarded", {"r": ring, "k": key}) == {"k"}

test_fail_offboarded_bucket_left if findings("offboarded", {"r": ring, "b": bucket}) == {"b"}

test_fail_offboarded_backend_reported_once if {
	fs := [f | some f in rule.deny with input as {"tenant": {"id": "c", "status": "offboarded"}, "resources": {"be": {"type": "google_compute_backend_service", "properties": {}}}}]
	count(fs) == 1
}

test_pass_offboarded_judges_only_google_resources if count(findings("offboarded", {"r": ring, "k": {"type": "AWS::KMS::Key", "properties": {}}})) == 0

test_pass_deleting_unprotected_data if count(deleting({"r": ring, "k": key, "db": unprotected_sql, "b": forced_bucket})) == 0

test_pass_deleting_settings_as_a_list if count(deleting({"db": sql({"deletion_protection": false, "settings": [{"deletion_protection_enabled": false}]})})) == 0

test_fail_deleting_instance_protected_by_default if deleting({"db": sql({})}) == {["db", "deletion_protection", false]}

test_fail_deleting_instance_protected_in_cloud_sql if {
	deleting({"db": sql({"deletion_protection": false, "settings": {"deletion_protection_enabled": true}})}) == {["db", "settings.deletion_protection_enabled", false]}
}

test_fail_deleting_bucket_not_forced if deleting({"b": bucket}) == {["b", "force_destroy", false]}

test_fail_deleting_unresolved_is_unverifiable if {
	deleting({"b": {"type": "google_storage_bucket", "properties": {"force_destroy": "${var.force}"}}}) == {["b", "force_destroy", true]}
}

test_fail_deleting_still_refuses_serving if deleting({"run": run}) == {["run", "type", false]}

test_fail_offboarded_unprotected_data_when_not_deleting if findings("offboarded", {"db": unprotected_sql}) == {"db"}
