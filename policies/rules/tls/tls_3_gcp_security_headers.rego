# METADATA
# title: GCP HTTPS load balancers add HSTS and CSP to every response
# description: >-
#   A URL map (global or regional) behind a target HTTPS proxy that serves content must add
#   Strict-Transport-Security with max-age of at least 31536000 and a non-empty
#   Content-Security-Policy, either in its header_action.response_headers_to_add or in the
#   custom_response_headers of every backend service or bucket it routes to (declared in the stack).
#   A route (default_service, a path matcher's or rule's service) that links (path or self link) to
#   a backend declared elsewhere is unverifiable unless the URL map itself adds the header, and so is a target HTTPS proxy whose
#   url_map names (name, path or self link) a URL map declared elsewhere.
# custom:
#   id: TLS-3-GCP
#   severity: medium
#   level: mandatory
#   controls: [TLS-3]
#   remediation: >-
#     Add header_action { response_headers_to_add } entries for Strict-Transport-Security
#     ("max-age=31536000; includeSubDomains") and Content-Security-Policy to the URL map, or
#     custom_response_headers with both to each backend service.
#   resource_types:
#     - google_compute_url_map
#     - google_compute_region_url_map
#     - google_compute_target_https_proxy
#     - google_compute_region_target_https_proxy
#     - google_compute_backend_service
#     - google_compute_backend_bucket
#   checks:
#     "google_compute_target_https_proxy": [url_map]
#     "google_compute_region_target_https_proxy": [url_map]
#     "google_compute_url_map": [default_service, default_url_redirect, header_action.response_headers_to_add, path_matcher.default_service, path_matcher.path_rule.service, path_matcher.route_rules.service]
#     "google_compute_region_url_map": [default_service, default_url_redirect, header_action.response_headers_to_add, path_matcher.default_service, path_matcher.path_rule.service, path_matcher.route_rules.service]
#     "google_compute_backend_service": [custom_response_headers]
#     "google_compute_backend_bucket": [custom_response_headers]
package cordon.rules.tls_3_gcp_security_headers

import data.cordon.lib

proxy_types := {"google_compute_target_https_proxy", "google_compute_region_target_https_proxy"}

map_types := {"google_compute_url_map", "google_compute_region_url_map"}

backend_types := {"google_compute_backend_service", "google_compute_backend_bucket"}

min_max_age := 31536000

deny contains lib.finding(addr, "header_action.response_headers_to_add", msg) if {
	some addr in public_maps
	m := input.resources[addr].properties
	some header in ["Strict-Transport-Security", "Content-Security-Policy"]
	not map_adds(m, header)
	not every_backend_adds(addr, header)
	not unknown_backend(m)
	msg := sprintf("no valid %s header on responses: neither the URL map's header_action nor every backend it routes to adds it%s", [header, hsts_note(header)])
}

deny contains lib.unverifiable(addr, "default_service", v) if {
	some addr in public_maps
	m := input.resources[addr].properties
	some header in ["Strict-Transport-Security", "Content-Security-Policy"]
	not map_adds(m, header)
	v := m.default_service
	lib.unresolved(v)
	not lib.ref_address(v)
}

deny contains lib.outside(addr, path, key, v, "backend", "its custom_response_headers") if {
	some addr in public_maps
	m := input.resources[addr].properties
	some header in ["Strict-Transport-Security", "Content-Security-Policy"]
	not map_adds(m, header)
	some [path, key, v] in outside_backends(m)
}

deny contains lib.outside(addr, "url_map", "url_map", v, "URL map", "the headers it adds") if {
	some addr, p in lib.resources_in(proxy_types)
	v := p.properties.url_map
	lib.gcp_compute_ref(v, "urlMaps")
	not lib.gcp_named(v, map_types)
}

# The URL map a proxy links to in this input: by reference, or by a literal of its name.
declared_map(v) := lib.ref_address(v)

declared_map(v) := lib.gcp_named(v, map_types)

hsts_note("Strict-Transport-Security") := sprintf(" (max-age at least %d)", [min_max_age])

hsts_note("Content-Security-Policy") := ""

# URL maps a target HTTPS proxy of this stack serves, unless they only redirect.
public_maps contains addr if {
	some _, p in lib.resources_in(proxy_types)
	addr := declared_map(p.properties.url_map)
	input.resources[addr].type in map_types
	serves(input.resources[addr].properties)
}

serves(p) if lib.has(p, "default_service")

serves(p) if {
	some key in ["default_route_action", "host_rule", "path_matcher"]
	count(lib.blocks(p[key])) > 0
}

serves(p) if not lib.has(p, "default_url_redirect")

map_adds(m, header) if {
	some action in lib.blocks(m.header_action)
	some h in lib.blocks(action.response_headers_to_add)
	lower(h.header_name) == lower(header)
	valid(header, h.header_value)
}

# Every backend the map routes to is declared here and adds the header; at least one backend.
every_backend_adds(addr, header) if {
	targets := {t | some t in input.resources[addr].references; input.resources[t].type in backend_types}
	count(targets) > 0
	not unknown_backend(input.resources[addr].properties)
	every t in targets {
		backend_adds(input.resources[t].properties, header)
	}
}

# The default backend is not declared here: unresolved, or a literal link to one declared elsewhere.
unknown_backend(m) if {
	lib.unresolved(m.default_service)
	not lib.ref_address(m.default_service)
}

unknown_backend(m) if count(outside_backends(m)) > 0

# Links (path or self link) to a backend declared elsewhere, wherever the map routes to one
# (default_service, a path matcher's default_service, a path rule's or route rule's service…):
# [property path, property, link].
outside_backends(m) := {[trim_prefix(concat("", [segment(p) | some p in path]), "."), path[count(path) - 1], v] |
	walk(m, [path, v])
	count(path) > 0
	outside_backend(v)
}

segment(p) := sprintf("[%d]", [p]) if is_number(p)

segment(p) := sprintf(".%s", [p]) if is_string(p)

outside_backend(v) if lib.gcp_compute_path(v, "backendServices")

outside_backend(v) if lib.gcp_compute_path(v, "backendBuckets")

backend_adds(b, header) if {
	some line in b.custom_response_headers
	i := indexof(line, ":")
	i > 0
	lower(trim_space(substring(line, 0, i))) == lower(header)
	valid(header, trim_space(substring(line, i + 1, -1)))
}

valid("Strict-Transport-Security", v) if {
	is_string(v)
	m := regex.find_all_string_submatch_n(`(?i)max-age\s*=\s*"?([0-9]+)`, v, 1)
	to_number(m[0][1]) >= min_max_age
}

valid("Content-Security-Policy", v) if {
	is_string(v)
	trim_space(v) != ""
}
