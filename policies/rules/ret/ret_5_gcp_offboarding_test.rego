package cordon.rules.ret_5_gcp_offboarding_test

import data.cordon.rules.ret_5_gcp_offboarding as rule

findings(status, resources) := {f.resource | some f in rule.deny with input as {"tenant": {"id": "cyberdyne", "status": status}, "resources": resources}}

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
