package cordon.rules.log_1_gcp_edge_request_sink_test

import data.cordon.rules.log_1_gcp_edge_request_sink as rule

dest := "logging.googleapis.com/projects/cdn-audit-prd/locations/europe-west1/buckets/audit"

backend := {"type": "google_compute_backend_service", "properties": {
	"project": "cdn-umbrella-prd",
	"load_balancing_scheme": "EXTERNAL_MANAGED",
	"log_config": {"enable": true, "sample_rate": 1},
}}

sink(props) := {"type": "google_logging_project_sink", "properties": object.union(
	{"project": "cdn-umbrella-prd", "filter": `resource.type="http_load_balancer"`, "destination": dest, "unique_writer_identity": true},
	props,
)}

platform := {"resources": {"google_logging_project_bucket_config.audit": {
	"type": "google_logging_project_bucket_config",
	"properties": {"project": "cdn-audit-prd", "location": "europe-west1", "bucket_id": "audit", "locked": true, "retention_days": 2555},
}}}

estate(serving) := {"stacks": {"umbrella-prod": serving, "cordon-platform-prod": platform}}

serving(s) := {"resources": {"google_compute_backend_service.edge": backend, "google_logging_project_sink.requests": s}}

findings(e) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as e; not f.unverifiable}

unverifiable(e) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as e; f.unverifiable}

missing := {["umbrella-prod", "google_compute_backend_service.edge", "google_logging_project_sink"]}

test_pass_sink_into_declared_bucket if count(rule.deny_estate) == 0 with input as estate(serving(sink({})))

test_pass_filter_one_term_of_or if count(rule.deny_estate) == 0 with input as estate(serving(sink({"filter": `logName:"/logs/cloudaudit.googleapis.com%2F" OR resource.type = "http_load_balancer"`})))

test_pass_sink_without_project_in_stack if count(rule.deny_estate) == 0 with input as estate(serving(sink({"project": null})))

test_pass_same_stack_bucket_reference if {
	s := sink({"destination": "logging.googleapis.com/${google_logging_project_bucket_config.own.id}"})
	own := {"type": "google_logging_project_bucket_config", "properties": {"project": "cdn-umbrella-prd", "location": "global", "bucket_id": "requests"}}
	doc := {"resources": object.union(serving(s).resources, {"google_logging_project_bucket_config.own": own})}
	count(rule.deny_estate) == 0 with input as {"stacks": {"umbrella-prod": doc}}
}

test_pass_backend_project_unresolved if {
	b := {"type": backend.type, "properties": object.union(backend.properties, {"project": "${local.project}"})}
	count(rule.deny_estate) == 0 with input as estate({"resources": {"google_compute_backend_service.edge": b, "google_logging_project_sink.requests": sink({})}})
}

test_pass_backend_not_logging_not_judged if {
	b := {"type": backend.type, "properties": object.union(backend.properties, {"log_config": {"enable": false}})}
	count(rule.deny_estate) == 0 with input as estate({"resources": {"google_compute_backend_service.edge": b}})
}

test_pass_internal_backend_not_judged if {
	b := {"type": backend.type, "properties": object.union(backend.properties, {"load_balancing_scheme": "INTERNAL_MANAGED"})}
	count(rule.deny_estate) == 0 with input as estate({"resources": {"google_compute_backend_service.edge": b}})
}

test_fail_no_sink if findings(estate({"resources": {"google_compute_backend_service.edge": backend}})) == missing

test_fail_audit_filter_only if findings(estate(serving(sink({"filter": `logName:"/logs/cloudaudit.googleapis.com%2F"`})))) == missing

test_fail_negated_filter if findings(estate(serving(sink({"filter": `NOT resource.type="http_load_balancer"`})))) == missing

test_fail_narrowed_filter if findings(estate(serving(sink({"filter": `resource.type="http_load_balancer" AND httpRequest.status>=500`})))) == missing

test_fail_disabled_sink if findings(estate(serving(sink({"disabled": true})))) == missing

test_fail_sink_of_another_project if findings(estate(serving(sink({"project": "cdn-other-prd"})))) == missing

test_fail_storage_destination if findings(estate(serving(sink({"destination": "storage.googleapis.com/some-bucket"})))) == missing

test_fail_undeclared_bucket_is_unverifiable if {
	e := estate(serving(sink({"destination": "logging.googleapis.com/projects/elsewhere/locations/us/buckets/b"})))
	unverifiable(e) == {["umbrella-prod", "google_logging_project_sink.requests", "destination"]}
	count(findings(e)) == 0
}

test_fail_unresolved_filter_is_unverifiable if unverifiable(estate(serving(sink({"filter": "${var.filter}"})))) == {["umbrella-prod", "google_logging_project_sink.requests", "filter"]}

test_fail_unresolved_destination_is_unverifiable if unverifiable(estate(serving(sink({"destination": "${var.dest}"})))) == {["umbrella-prod", "google_logging_project_sink.requests", "destination"]}
