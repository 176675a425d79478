package cordon.rules.log_1_gcp_audit_sink_test

import data.cordon.rules.log_1_gcp_audit_sink as rule

bucket := {"type": "google_storage_bucket", "properties": {"name": "docs"}}

sink(props) := {"type": "google_logging_project_sink", "properties": props}

good_sink := {"destination": "logging.googleapis.com/projects/audit/locations/europe-west1/buckets/audit", "unique_writer_identity": true, "filter": "logName:cloudaudit"}

config(logs) := {"type": "google_project_iam_audit_config", "properties": {"service": "allServices", "audit_log_config": logs}}

good_config := config([{"log_type": "ADMIN_READ"}, {"log_type": "DATA_READ"}, {"log_type": "DATA_WRITE"}])

stack(extra) := {"resources": object.union({"google_storage_bucket.docs": bucket}, extra)}

findings(extra) := {sprintf("%s %s", [f.resource, f.path]) | some f in rule.deny with input as stack(extra)}

test_pass_sink_and_config if count(findings({"google_logging_project_sink.s": sink(good_sink), "google_project_iam_audit_config.a": good_config})) == 0

test_pass_interpolated_bucket_destination if {
	s := sink(object.union(good_sink, {"destination": "logging.googleapis.com/${google_logging_project_bucket_config.audit.id}"}))
	count(findings({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config})) == 0
}

test_pass_one_good_sink_of_two if {
	bq := sink({"destination": "bigquery.googleapis.com/projects/p/datasets/d"})
	count(findings({"google_logging_project_sink.s": sink(good_sink), "google_logging_project_sink.bq": bq, "google_project_iam_audit_config.a": good_config})) == 0
}

test_pass_no_data_store if count(rule.deny) == 0 with input as {"resources": {"google_kms_key_ring.r": {"type": "google_kms_key_ring", "properties": {}}}}

test_fail_no_sink if findings({"google_project_iam_audit_config.a": good_config}) == {"google_storage_bucket.docs google_logging_project_sink"}

test_fail_sink_to_storage if {
	s := sink(object.union(good_sink, {"destination": "storage.googleapis.com/audit-archive"}))
	findings({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config}) == {"google_logging_project_sink.s destination"}
}

test_fail_shared_writer_identity if {
	s := sink(object.union(good_sink, {"unique_writer_identity": false}))
	findings({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config}) == {"google_logging_project_sink.s unique_writer_identity"}
}

test_fail_writer_identity_missing if {
	s := sink(object.remove(good_sink, ["unique_writer_identity"]))
	findings({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config}) == {"google_logging_project_sink.s unique_writer_identity"}
}

test_fail_disabled_sink if {
	s := sink(object.union(good_sink, {"disabled": true}))
	findings({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config}) == {"google_logging_project_sink.s disabled"}
}

test_fail_no_audit_config if findings({"google_logging_project_sink.s": sink(good_sink)}) == {"google_storage_bucket.docs google_project_iam_audit_config"}

test_fail_audit_config_for_one_service if {
	c := {"type": "google_project_iam_audit_config", "properties": {"service": "storage.googleapis.com", "audit_log_config": [{"log_type": "DATA_READ"}, {"log_type": "DATA_WRITE"}]}}
	findings({"google_logging_project_sink.s": sink(good_sink), "google_project_iam_audit_config.a": c}) == {"google_storage_bucket.docs google_project_iam_audit_config"}
}

test_fail_data_read_missing if {
	some f in rule.deny with input as stack({"google_logging_project_sink.s": sink(good_sink), "google_project_iam_audit_config.a": config([{"log_type": "DATA_WRITE"}])})
	f.message == "audit_log_config does not log DATA_READ"
}

test_fail_exempted_members if {
	c := config([{"log_type": "DATA_READ", "exempted_members": ["user:ops@example.com"]}, {"log_type": "DATA_WRITE"}])
	findings({"google_logging_project_sink.s": sink(good_sink), "google_project_iam_audit_config.a": c}) == {"google_project_iam_audit_config.a audit_log_config.exempted_members"}
}

test_fail_unresolved_destination_is_unverifiable if {
	s := sink(object.union(good_sink, {"destination": "${var.audit_destination}"}))
	fs := rule.deny with input as stack({"google_logging_project_sink.s": s, "google_project_iam_audit_config.a": good_config})
	count(fs) == 1
	some f in fs
	f.unverifiable
}
