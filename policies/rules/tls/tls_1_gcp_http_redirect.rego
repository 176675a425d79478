# METADATA
# title: GCP load balancers serve plain HTTP only as a redirect to HTTPS
# description: >-
#   A target HTTP proxy (global or regional) is the plain-HTTP side of a load balancer. Its url_map
#   must be a URL map declared in the same stack that only redirects to HTTPS:
#   default_url_redirect.https_redirect true and no default_service, default_route_action, host_rule
#   or path_matcher that could serve content over HTTP. A literal URL map name, path or self link
#   (projects/P/global/urlMaps/N) names one declared elsewhere (unverifiable), or here by its name.
# custom:
#   id: TLS-1-GCP-HTTP
#   severity: high
#   level: mandatory
#   controls: [TLS-1]
#   remediation: >-
#     Point the target HTTP proxy at a dedicated google_compute_url_map whose only content is
#     default_url_redirect { https_redirect = true }, or remove the plain-HTTP forwarding rule.
#   resource_types:
#     - google_compute_target_http_proxy
#     - google_compute_region_target_http_proxy
#     - google_compute_url_map
#     - google_compute_region_url_map
#   checks:
#     "google_compute_target_http_proxy": [url_map]
#     "google_compute_region_target_http_proxy": [url_map]
#     "google_compute_url_map": [default_url_redirect.https_redirect, default_service, default_route_action, host_rule.hosts, path_matcher.name]
#     "google_compute_region_url_map": [default_url_redirect.https_redirect, default_service, default_route_action, host_rule.hosts, path_matcher.name]
package cordon.rules.tls_1_gcp_http_redirect

import data.cordon.lib

proxy_types := {"google_compute_target_http_proxy", "google_compute_region_target_http_proxy"}

map_types := {"google_compute_url_map", "google_compute_region_url_map"}

deny contains lib.finding(addr, "url_map", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	v := object.get(r.properties, "url_map", null)
	not lib.unresolved(v)
	not lib.gcp_compute_ref(v, "urlMaps")
	msg := sprintf("url_map is %s, neither a URL map declared here nor the name or path of one: cordon cannot prove it only redirects to HTTPS", [lib.shown(r.properties, "url_map")])
}

deny contains lib.outside(addr, "url_map", "url_map", v, "URL map", "whether it only redirects to HTTPS") if {
	some addr, r in lib.resources_in(proxy_types)
	v := r.properties.url_map
	lib.gcp_compute_ref(v, "urlMaps")
	not lib.gcp_named(v, map_types)
}

deny contains lib.finding(addr, "url_map", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	t := lib.ref_type(r.properties.url_map)
	not t in map_types
	msg := sprintf("url_map refers to a %s, not a URL map", [t])
}

deny contains lib.finding(addr, "url_map", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	target := declared_map(r.properties.url_map)
	m := input.resources[target]
	m.type in map_types
	not pure_redirect(m.properties)
	msg := sprintf("plain HTTP is served: URL map %s does not only redirect to HTTPS", [target])
}

# The URL map a proxy links to in this input: by reference, or by a literal of its name.
declared_map(v) := lib.ref_address(v)

declared_map(v) := lib.gcp_named(v, map_types)

deny contains lib.unverifiable(addr, "url_map", v) if {
	some addr, r in lib.resources_in(proxy_types)
	v := r.properties.url_map
	lib.unresolved(v)
	not lib.ref_type(v)
}

pure_redirect(p) if {
	some redirect in lib.blocks(p.default_url_redirect)
	lib.truthy(redirect.https_redirect)
	not serves(p)
}

serves(p) if lib.has(p, "default_service")

serves(p) if {
	some key in ["default_route_action", "host_rule", "path_matcher"]
	count(lib.blocks(p[key])) > 0
}
