# METADATA
# title: Every subnetwork logs all of its flows, and no network creates subnets without logs
# description: >-
#   A google_compute_subnetwork must have a log_config with flow_sampling 1 (every flow; the provider
#   default is 0.5) and metadata INCLUDE_ALL_METADATA, both written. Proxy-only and Private Service
#   Connect subnetworks (purpose REGIONAL_MANAGED_PROXY, GLOBAL_MANAGED_PROXY,
#   INTERNAL_HTTPS_LOAD_BALANCER, PRIVATE_SERVICE_CONNECT) carry no VM traffic and accept no log_config.
#   A google_compute_network must set auto_create_subnetworks false (the default is true): auto-mode
#   subnetworks are created without flow logs.
# custom:
#   id: NET-3-GCP
#   severity: high
#   level: mandatory
#   controls: [NET-3]
#   remediation: >-
#     Add log_config { flow_sampling = 1.0, metadata = "INCLUDE_ALL_METADATA" } to every subnetwork and
#     set auto_create_subnetworks = false on the network.
#   resource_types: [google_compute_subnetwork, google_compute_network]
#   checks:
#     "google_compute_subnetwork": [purpose, log_config.flow_sampling, log_config.metadata]
#     "google_compute_network": [auto_create_subnetworks]
package cordon.rules.net_3_gcp_subnet_flow_logs

import data.cordon.lib

no_flow_purposes := {"REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT"}

subnets contains [addr, r.properties] if {
	some addr, r in lib.resources_of("google_compute_subnetwork")
	not object.get(r.properties, "purpose", "PRIVATE") in no_flow_purposes
}

deny contains lib.finding(addr, "log_config", "no log_config: the subnetwork's flows are not logged") if {
	some [addr, p] in subnets
	count(configs(p)) == 0
}

deny contains lib.finding(addr, "log_config.flow_sampling", msg) if {
	some [addr, p] in subnets
	some c in configs(p)
	not lib.unresolved(object.get(c, "flow_sampling", null))
	not full_sampling(c)
	msg := sprintf("log_config.flow_sampling is %s (the provider default is 0.5); it must be 1.0", [lib.shown(c, "flow_sampling")])
}

deny contains lib.finding(addr, "log_config.metadata", msg) if {
	some [addr, p] in subnets
	some c in configs(p)
	not lib.unresolved(object.get(c, "metadata", null))
	not object.get(c, "metadata", null) == "INCLUDE_ALL_METADATA"
	msg := sprintf("log_config.metadata is %s; it must be INCLUDE_ALL_METADATA", [lib.shown(c, "metadata")])
}

deny contains lib.unverifiable(addr, sprintf("log_config.%s", [key]), c[key]) if {
	some [addr, p] in subnets
	some c in configs(p)
	some key in ["flow_sampling", "metadata"]
	lib.unresolved(c[key])
}

deny contains lib.finding(addr, "auto_create_subnetworks", msg) if {
	some addr, r in lib.resources_of("google_compute_network")
	not lib.unresolved(object.get(r.properties, "auto_create_subnetworks", null))
	not custom_mode(r.properties)
	msg := sprintf("auto_create_subnetworks is %s (default true): auto-mode subnetworks have no flow logs", [lib.shown(r.properties, "auto_create_subnetworks")])
}

deny contains lib.unverifiable(addr, "auto_create_subnetworks", r.properties.auto_create_subnetworks) if {
	some addr, r in lib.resources_of("google_compute_network")
	lib.unresolved(r.properties.auto_create_subnetworks)
}

configs(p) := [c | some c in lib.blocks(object.get(p, "log_config", []))]

full_sampling(c) if lib.number(c.flow_sampling) == 1

custom_mode(p) if p.auto_create_subnetworks == false

custom_mode(p) if {
	is_string(p.auto_create_subnetworks)
	lower(p.auto_create_subnetworks) == "false"
}
