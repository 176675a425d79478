# METADATA
# title: Prod and non-prod GCP stacks share no project, network or key
# description: >-
#   A project id is the project attribute of resources of one environment class (prod, or any non-prod
#   environment) only. Resources whose project is also used by the other class are reported on the
#   side with fewer resources in that project (both when equal). No value of a resource (network or
#   subnetwork self-link, KMS key name, host_project, sink destination) may name a project
#   ("projects/<id>/...") that only stacks of the other class use. The environment is the stack's
#   environment label; stacks without one are not judged here.
# custom:
#   id: NET-5-GCP
#   severity: critical
#   level: mandatory
#   controls: [NET-5]
#   remediation: >-
#     Give each environment its own projects (workload, network host, KMS, audit) and name only
#     projects, networks and keys of the same environment.
#   resource_types: [google_artifact_registry_repository, google_cloud_run_v2_service, google_cloud_run_service, google_cloudfunctions2_function, google_compute_instance, google_compute_instance_template, google_compute_backend_service, google_compute_firewall, google_compute_global_address, google_compute_address, google_compute_global_forwarding_rule, google_compute_forwarding_rule, google_compute_network, google_compute_network_peering, google_compute_network_firewall_policy, google_compute_network_firewall_policy_rule, google_compute_region_network_endpoint_group, google_compute_router, google_compute_router_nat, google_compute_security_policy, google_compute_shared_vpc_host_project, google_compute_shared_vpc_service_project, google_compute_subnetwork, google_compute_url_map, google_compute_disk, google_container_cluster, google_vpc_access_connector, google_kms_crypto_key, google_kms_crypto_key_iam_member, google_kms_key_ring, google_logging_project_bucket_config, google_logging_project_sink, google_project_iam_member, google_project_iam_audit_config, google_project_service, google_service_account, google_service_networking_connection, google_sql_database_instance, google_storage_bucket, google_storage_bucket_iam_member, google_bigquery_dataset, google_pubsub_topic, google_secret_manager_secret, google_redis_instance]
#   checks: {}
package cordon.rules.net_5_gcp_environment_separation

import data.cordon.lib
import data.cordon.lib.net

# The environment classes using each project: the literal project attribute of their resources.
# Sets of at most two, so the common case (no shared project) builds nothing per resource.
project_classes[p] contains class if {
	some doc in input.stacks
	class := net.env_class(doc)
	some r in doc.resources
	p := literal_project(r.properties)
}

literal_project(props) := props.project if {
	is_string(props.project)
	not lib.unresolved(props.project)
}

# Projects used by stacks of more than one class, gathered once (none in an estate that passes).
shared contains p if {
	some p, classes in project_classes
	count(classes) > 1
}

# [class, stack, address] of the resources in each shared project, and their number per class, so
# every check below is a lookup (counting per resource grew with the square of the resources).
shared_uses[p] contains [class, sname, addr] if {
	# The estate is walked again for the uses only when some project is shared: walking it always
	# took half of this rule's evaluation of the 1,000-tenant estate.
	count(shared) > 0
	some sname, doc in input.stacks
	class := net.env_class(doc)
	some addr, r in doc.resources
	p := literal_project(r.properties)
	shared[p]
}

in_class[p][class] := count([1 | some [c, _, _] in uses; c == class]) if {
	some p, uses in shared_uses
	some class in project_classes[p]
}

deny_estate contains lib.estate_finding(sname, addr, "project", msg) if {
	some p, uses in shared_uses
	some [class, sname, addr] in uses
	some other in project_classes[p]
	other != class
	in_class[p][class] <= in_class[p][other]
	msg := sprintf("project %s is used by %s stacks and by %s stacks: prod and non-prod share no project", [p, class, other])
}

# The environment classes of the estate's stacks.
classes := {net.env_class(doc) | some doc in input.stacks}

# Projects named by a resource's values ("projects/<id>/..." paths, host_project), found in its
# serialized properties with one regex; the walk that names the property runs only for a violation.
project_pattern := `projects/([a-z][-a-z0-9]{4,28}[a-z0-9])/`

named_projects(props) := {m[1] |
	text := json.marshal(props)
	contains(text, "projects/")
	some m in regex.find_all_string_submatch_n(project_pattern, text, -1)
} | {props.host_project | is_string(props.host_project)}

deny_estate contains lib.estate_finding(sname, addr, path, msg) if {
	# Only a project of another class can be named wrongly: an estate of one class (a plan, one
	# environment's estate) is not serialized resource by resource.
	count(classes) > 1
	some sname, doc in input.stacks
	class := net.env_class(doc)
	some addr, r in doc.resources
	some p in named_projects(r.properties)
	not project_classes[p][class]
	some other in project_classes[p]
	some path in paths_naming(r.properties, p)
	msg := sprintf("%s names project %s, which only %s stacks use: prod and non-prod share no project, network or key", [path, p, other])
}

paths_naming(props, p) := {net.path_text(path) |
	walk(props, [path, v])
	is_string(v)
	contains(v, concat("", ["projects/", p, "/"]))
} | {"host_project" | props.host_project == p}
