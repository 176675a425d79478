package cordon.rules.log_1_gcp_audit_bucket_reads_test

import data.cordon.rules.log_1_gcp_audit_bucket_reads as rule

bucket := {"type": "google_logging_project_bucket_config", "properties": {"project": "audit-prd", "location": "europe-west1", "bucket_id": "audit", "locked": true}, "references": []}

config(service, log_config) := {"type": "google_project_iam_audit_config", "properties": {"project": "audit-prd", "service": service, "audit_log_config": log_config}, "references": []}

sink(props) := {"type": "google_logging_project_sink", "properties": object.union({"project": "audit-prd", "destination": "logging.googleapis.com/projects/audit-prd/locations/europe-west1/buckets/audit"}, props), "references": []}

good := {"bucket": bucket, "config": config("logging.googleapis.com", [{"log_type": "ADMIN_READ"}, {"log_type": "DATA_READ"}]), "sink": sink({})}

replace(k, v) := object.union(object.remove(good, [k]), {k: v})

paths(resources) := {f.path | some f in rule.deny with input as {"resources": resources}}

test_pass_logged_and_routed if count(paths(good)) == 0

test_pass_all_services if count(paths(replace("config", config("allServices", [{"log_type": "DATA_READ"}])))) == 0

test_pass_unlocked_bucket_not_judged if {
	b := object.union(bucket, {"properties": {"locked": false}})
	count(paths({"bucket": b})) == 0
}

test_fail_no_audit_config if paths(object.remove(good, ["config"])) == {"project"}

test_fail_writes_only if paths(replace("config", config("logging.googleapis.com", [{"log_type": "DATA_WRITE"}]))) == {"project"}

test_fail_reader_exempted if paths(replace("config", config("allServices", [{"log_type": "DATA_READ", "exempted_members": ["user:auditor@example.com"]}]))) == {"project"}

test_fail_other_service if paths(replace("config", config("storage.googleapis.com", [{"log_type": "DATA_READ"}]))) == {"project"}

test_fail_no_sink if paths(object.remove(good, ["sink"])) == {"bucket_id"}

test_fail_sink_disabled if paths(replace("sink", sink({"disabled": true}))) == {"bucket_id"}

test_fail_sink_to_another_bucket if paths(replace("sink", sink({"destination": "logging.googleapis.com/projects/audit-prd/locations/europe-west1/buckets/_Default"}))) == {"bucket_id"}
