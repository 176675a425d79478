# METADATA
# title: External load balancer backends log every request and Cloud Armor decision
# description: >-
#   Every google_compute_backend_service and google_compute_region_backend_service with an external
#   load_balancing_scheme (EXTERNAL, EXTERNAL_MANAGED, or missing, which is EXTERNAL) must set
#   log_config.enable true with sample_rate 1 (missing is the API's 1.0): the request log is also
#   where Cloud Armor records each decision (enforcedSecurityPolicy), so a sampled log loses blocked
#   access attempts. A google_compute_security_policy must not set advanced_options_config.log_level
#   VERBOSE, which copies matched request content into the log.
# custom:
#   id: LOG-1-GCP-EDGE
#   severity: high
#   level: mandatory
#   controls: [LOG-1, LOG-2]
#   remediation: >-
#     Set log_config { enable = true, sample_rate = 1 } on the backend service and log_level NORMAL
#     in the security policy's advanced_options_config.
#   resource_types: [google_compute_backend_service, google_compute_region_backend_service, google_compute_security_policy]
#   checks:
#     "google_compute_backend_service": [load_balancing_scheme, log_config.enable, log_config.sample_rate]
#     "google_compute_region_backend_service": [load_balancing_scheme, log_config.enable, log_config.sample_rate]
#     "google_compute_security_policy": [advanced_options_config.log_level]
package cordon.rules.log_1_gcp_edge_logging

import data.cordon.lib

backend_types := {"google_compute_backend_service", "google_compute_region_backend_service"}

external_schemes := {"EXTERNAL", "EXTERNAL_MANAGED"}

backends[addr] := r if {
	some addr, r in lib.resources_in(backend_types)
	object.get(r.properties, "load_balancing_scheme", "EXTERNAL") in external_schemes
}

deny contains lib.finding(addr, "log_config.enable", msg) if {
	some addr, r in backends
	v := log_config(r.properties).enable
	not lib.unresolved(v)
	not lib.truthy(v)
	msg := sprintf("log_config.enable is %s: requests and Cloud Armor decisions at this backend go unlogged", [lib.shown(log_config(r.properties), "enable")])
}

deny contains lib.finding(addr, "log_config.enable", "log_config is missing: requests and Cloud Armor decisions at this backend go unlogged") if {
	some addr, r in backends
	not lib.has(log_config(r.properties), "enable")
}

deny contains lib.finding(addr, "log_config.sample_rate", msg) if {
	some addr, r in backends
	v := log_config(r.properties).sample_rate
	not lib.unresolved(v)
	not sample_all(v)
	msg := sprintf("log_config.sample_rate is %v: only a sample of requests (and of blocked access attempts) is logged; it must be 1", [v])
}

deny contains lib.unverifiable(addr, sprintf("log_config.%s", [k]), v) if {
	some addr, r in backends
	some k in ["enable", "sample_rate"]
	v := log_config(r.properties)[k]
	lib.unresolved(v)
}

deny contains lib.finding(addr, "advanced_options_config.log_level", "log_level is VERBOSE: Cloud Armor would log matched request content; use NORMAL") if {
	some addr, r in lib.resources_of("google_compute_security_policy")
	some o in lib.blocks(r.properties.advanced_options_config)
	o.log_level == "VERBOSE"
}

# The first log_config block, else an empty one.
log_config(p) := lib.blocks(p.log_config)[0] if count(lib.blocks(p.log_config)) > 0

else := {}

sample_all(v) if lib.number(v) == 1
