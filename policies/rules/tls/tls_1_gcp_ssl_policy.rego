# METADATA
# title: GCP HTTPS load balancers use an SSL policy with TLS 1.2+ and a modern profile
# description: >-
#   A google_compute_ssl_policy (global or regional) must have profile MODERN, RESTRICTED or FIPS_202205
#   (the default is COMPATIBLE; CUSTOM fails) and min_tls_version TLS_1_2 or TLS_1_3 (the default is
#   TLS_1_0), the lists in policies/lib/tls.rego. Every
#   target HTTPS or SSL proxy must name an ssl_policy: without one, Google's default policy accepts
#   TLS 1.0. A reference to a resource that is not an SSL policy fails; a value known only at deploy
#   time is unverifiable, and so is a literal name, path or self link of an SSL policy not declared in
#   the input (one declared here by that name is judged as such); any other literal fails.
# custom:
#   id: TLS-1-GCP-SSL
#   severity: high
#   level: mandatory
#   controls: [TLS-1]
#   remediation: >-
#     Declare a google_compute_ssl_policy with profile RESTRICTED (or MODERN) and min_tls_version
#     TLS_1_2, and set ssl_policy on every target HTTPS/SSL proxy to its id.
#   resource_types:
#     - google_compute_ssl_policy
#     - google_compute_region_ssl_policy
#     - google_compute_target_https_proxy
#     - google_compute_region_target_https_proxy
#     - google_compute_target_ssl_proxy
#   checks:
#     "google_compute_ssl_policy": [profile, min_tls_version]
#     "google_compute_region_ssl_policy": [profile, min_tls_version]
#     "google_compute_target_https_proxy": [ssl_policy]
#     "google_compute_region_target_https_proxy": [ssl_policy]
#     "google_compute_target_ssl_proxy": [ssl_policy]
package cordon.rules.tls_1_gcp_ssl_policy

import data.cordon.lib
import data.cordon.lib.tls

policy_types := {"google_compute_ssl_policy", "google_compute_region_ssl_policy"}

proxy_types := {"google_compute_target_https_proxy", "google_compute_region_target_https_proxy", "google_compute_target_ssl_proxy"}

deny contains lib.finding(addr, "profile", msg) if {
	some addr, r in lib.resources_in(policy_types)
	not lib.unresolved(object.get(r.properties, "profile", null))
	not tls.gcp_ssl_profiles[object.get(r.properties, "profile", "COMPATIBLE")]
	msg := sprintf("profile is %s (the default is COMPATIBLE); it must be MODERN, RESTRICTED or FIPS_202205", [lib.shown(r.properties, "profile")])
}

deny contains lib.finding(addr, "min_tls_version", msg) if {
	some addr, r in lib.resources_in(policy_types)
	not lib.unresolved(object.get(r.properties, "min_tls_version", null))
	not tls.gcp_min_tls_versions[object.get(r.properties, "min_tls_version", "TLS_1_0")]
	msg := sprintf("min_tls_version is %s (the default is TLS_1_0); it must be TLS_1_2 or TLS_1_3", [lib.shown(r.properties, "min_tls_version")])
}

deny contains lib.unverifiable(addr, key, r.properties[key]) if {
	some addr, r in lib.resources_in(policy_types)
	some key in ["profile", "min_tls_version"]
	lib.unresolved(r.properties[key])
}

deny contains lib.finding(addr, "ssl_policy", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	not names_policy(r.properties)
	msg := "no ssl_policy: the proxy falls back to Google's default SSL policy, which accepts TLS 1.0"
}

deny contains lib.finding(addr, "ssl_policy", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	v := r.properties.ssl_policy
	names_policy(r.properties)
	not lib.unresolved(v)
	not lib.gcp_compute_ref(v, "sslPolicies")
	msg := sprintf("ssl_policy is %s, neither an SSL policy declared here nor the name or path of one: the proxy has no provable TLS floor", [v])
}

deny contains lib.outside(addr, "ssl_policy", "ssl_policy", v, "SSL policy", "its profile and minimum TLS version") if {
	some addr, r in lib.resources_in(proxy_types)
	v := r.properties.ssl_policy
	lib.gcp_compute_ref(v, "sslPolicies")
	not lib.gcp_named(v, policy_types)
}

deny contains lib.finding(addr, "ssl_policy", msg) if {
	some addr, r in lib.resources_in(proxy_types)
	t := lib.ref_type(r.properties.ssl_policy)
	not t in policy_types
	msg := sprintf("ssl_policy refers to a %s, not an SSL policy", [t])
}

deny contains lib.unverifiable(addr, "ssl_policy", r.properties.ssl_policy) if {
	some addr, r in lib.resources_in(proxy_types)
	v := r.properties.ssl_policy
	lib.unresolved(v)
	not lib.ref_type(v)
}

names_policy(p) if {
	is_string(p.ssl_policy)
	trim_space(p.ssl_policy) != ""
}
