# METADATA
# title: Load balancer request logs are routed out of the serving project into a declared log bucket
# description: >-
#   A stack with an external google_compute_backend_service or google_compute_region_backend_service
#   that logs requests (log_config.enable true) must also declare, in the backend's project, an
#   enabled google_logging_project_sink whose filter selects resource.type="http_load_balancer" (alone
#   or as one term of an OR) and whose destination is a Cloud Logging bucket declared in the estate:
#   logging.googleapis.com/projects/P/locations/L/buckets/B matching a
#   google_logging_project_bucket_config of any stack, or a reference to a bucket config of the same
#   stack. ENC-1-GCP-LOG-BUCKET and RET-3-GCP prove that bucket's key, lock and retention, as for every
#   log bucket. Without the sink the requests, and Cloud Armor's decisions, stay in the project's
#   _Default bucket (30 days, no customer key). A destination bucket the estate does not declare,
#   an unresolved destination or filter, is unverifiable.
# custom:
#   id: LOG-1-GCP-EDGE-SINK
#   severity: high
#   level: mandatory
#   controls: [LOG-1, RET-3]
#   remediation: >-
#     Add a google_logging_project_sink in the serving project with filter
#     resource.type="http_load_balancer", unique_writer_identity true, and destination the
#     environment's central log bucket (logging.googleapis.com/projects/<audit project>/locations/<l>/buckets/<id>).
#   resource_types:
#     - google_compute_backend_service
#     - google_compute_region_backend_service
#     - google_logging_project_sink
#     - google_logging_project_bucket_config
#   checks:
#     "google_compute_backend_service": [project, log_config]
#     "google_compute_region_backend_service": [project, log_config]
#     "google_logging_project_sink": [project, filter, destination]
#     "google_logging_project_bucket_config": [project, location, bucket_id]
package cordon.rules.log_1_gcp_edge_request_sink

import data.cordon.lib

backend_types := {"google_compute_backend_service", "google_compute_region_backend_service"}

# Logging external backends: [stack, address, project] (a backend that does not log is LOG-1-GCP-EDGE's finding).
logging_backends contains [sname, addr, object.get(r.properties, "project", null)] if {
	some sname, doc in input.stacks
	some addr, r in doc.resources
	r.type in backend_types
	object.get(r.properties, "load_balancing_scheme", "EXTERNAL") in {"EXTERNAL", "EXTERNAL_MANAGED"}
	some lc in lib.blocks(r.properties.log_config)
	lib.truthy(lc.enable)
}

# Project log buckets of the whole estate, by their Logging API name.
declared_buckets contains sprintf("logging.googleapis.com/projects/%s/locations/%s/buckets/%s", [p.project, p.location, p.bucket_id]) if {
	some doc in input.stacks
	some r in doc.resources
	r.type == "google_logging_project_bucket_config"
	p := r.properties
	is_string(p.project)
	is_string(p.location)
	is_string(p.bucket_id)
}

# Enabled sinks of a stack, with what they route: "ok", or the problem that keeps them from proving it.
sinks(sname) := {addr: verdict(sname, r.properties) |
	some addr, r in input.stacks[sname].resources
	r.type == "google_logging_project_sink"
	not lib.truthy(object.get(r.properties, "disabled", false))
}

verdict(sname, p) := "filter" if lib.unresolved(p.filter)

else := "other" if not selects_requests(p.filter)

else := "ok" if declared_buckets[p.destination]

else := "ok" if same_stack_bucket(sname, p.destination)

else := "destination" if lib.unresolved(p.destination)

else := "undeclared" if project_bucket_name(p.destination)

else := "other"

project_bucket_name(d) if regex.match(`^logging\.googleapis\.com/projects/[^/]+/locations/[^/]+/buckets/[^/]+$`, d)

# The filter selects the load balancer's request logs: the term alone, or one term of an OR.
selects_requests(f) if {
	is_string(f)
	not contains(f, "NOT ")
	some term in split(f, " OR ")
	replace(trim_space(trim(trim_space(term), "()")), " ", "") == `resource.type="http_load_balancer"`
}

same_stack_bucket(sname, d) if {
	is_string(d)
	some m in regex.find_all_string_submatch_n(`^(?:logging\.googleapis\.com/)?\$\{(google_logging_project_bucket_config\.[A-Za-z0-9_-]+)\.[^}]+\}$`, d, 1)
	input.stacks[sname].resources[m[1]]
}

# A sink serves the backend's project when both name it, or either leaves it to the provider or to an
# unresolved expression (then the stack's sinks count: a stack is planned with one provider project).
in_project(_, _, project) if not literal(project)

in_project(sname, sink, _) if not literal(object.get(input.stacks[sname].resources[sink].properties, "project", null))

in_project(sname, sink, project) if input.stacks[sname].resources[sink].properties.project == project

literal(v) if {
	is_string(v)
	not lib.unresolved(v)
}

routed(sname, project) if {
	some sink, v in sinks(sname)
	v == "ok"
	in_project(sname, sink, project)
}

unknown(sname, project) := {[sink, v] |
	some sink, v in sinks(sname)
	v in {"filter", "destination", "undeclared"}
	in_project(sname, sink, project)
}

deny_estate contains lib.estate_finding(sname, addr, "google_logging_project_sink", msg) if {
	some [sname, addr, project] in logging_backends
	not routed(sname, project)
	count(unknown(sname, project)) == 0
	msg := sprintf("no enabled sink of project %v routes resource.type=\"http_load_balancer\" into a declared log bucket: requests and Cloud Armor decisions stay in its _Default bucket (30 days, no customer key)", [shown(project)])
}

deny_estate contains object.union(lib.estate_finding(sname, sink, path, message(sname, sink, v)), {"unverifiable": true}) if {
	some [sname, _, project] in logging_backends
	not routed(sname, project)
	some [sink, v] in unknown(sname, project)
	path := field[v]
}

field := {"filter": "filter", "destination": "destination", "undeclared": "destination"}

message(sname, sink, "undeclared") := sprintf("destination %s is a log bucket no stack of the estate declares: cordon cannot verify its key and retention", [input.stacks[sname].resources[sink].properties.destination])

message(sname, sink, v) := lib.unverifiable(sink, v, input.stacks[sname].resources[sink].properties[v]).message if v != "undeclared"

shown(null) := "(the provider's)"

shown(p) := p if p != null
