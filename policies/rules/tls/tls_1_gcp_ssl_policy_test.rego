package cordon.rules.tls_1_gcp_ssl_policy_test

import data.cordon.rules.tls_1_gcp_ssl_policy as rule

policy(props) := {"resources": {"google_compute_ssl_policy.p": {"type": "google_compute_ssl_policy", "properties": props}}}

found(doc) := {[f.resource, f.path] | some f in rule.deny with input as doc}

p := "google_compute_ssl_policy.p"

test_pass_restricted_tls12 if count(found(policy({"profile": "RESTRICTED", "min_tls_version": "TLS_1_2"}))) == 0

test_pass_modern_tls13 if count(found(policy({"profile": "MODERN", "min_tls_version": "TLS_1_3"}))) == 0

test_pass_restricted_tls13 if count(found(policy({"profile": "RESTRICTED", "min_tls_version": "TLS_1_3"}))) == 0

test_pass_modern_tls12 if count(found(policy({"profile": "MODERN", "min_tls_version": "TLS_1_2"}))) == 0

test_pass_fips_202205_tls12 if count(found(policy({"profile": "FIPS_202205", "min_tls_version": "TLS_1_2"}))) == 0

test_fail_compatible if found(policy({"profile": "COMPATIBLE", "min_tls_version": "TLS_1_2"})) == {[p, "profile"]}

test_fail_custom if found(policy({"profile": "CUSTOM", "min_tls_version": "TLS_1_2", "custom_features": ["x"]})) == {[p, "profile"]}

test_fail_tls11 if found(policy({"profile": "MODERN", "min_tls_version": "TLS_1_1"})) == {[p, "min_tls_version"]}

test_fail_tls10 if found(policy({"profile": "RESTRICTED", "min_tls_version": "TLS_1_0"})) == {[p, "min_tls_version"]}

test_fail_unknown_profile if found(policy({"profile": "MODERN_2030", "min_tls_version": "TLS_1_2"})) == {[p, "profile"]}

test_fail_unknown_version if found(policy({"profile": "RESTRICTED", "min_tls_version": "TLS_1_4"})) == {[p, "min_tls_version"]}

test_fail_all_missing if found(policy({"name": "x"})) == {[p, "profile"], [p, "min_tls_version"]}

test_fail_unresolved_version if {
	fs := rule.deny with input as policy({"profile": "MODERN", "min_tls_version": "${var.tls}"})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "min_tls_version"
}

test_fail_regional_policy if {
	found({"resources": {"google_compute_region_ssl_policy.r": {"type": "google_compute_region_ssl_policy", "properties": {"profile": "MODERN", "min_tls_version": "TLS_1_0"}}}}) == {["google_compute_region_ssl_policy.r", "min_tls_version"]}
}

stack(proxy) := {"resources": {
	p: {"type": "google_compute_ssl_policy", "properties": {"profile": "RESTRICTED", "min_tls_version": "TLS_1_2"}},
	"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": {}},
	"google_compute_target_https_proxy.x": {"type": "google_compute_target_https_proxy", "properties": proxy},
}}

x := "google_compute_target_https_proxy.x"

test_pass_proxy_references_policy if count(found(stack({"ssl_policy": "${google_compute_ssl_policy.p.id}"}))) == 0

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

named(proxy) := {"resources": {
	p: {"type": "google_compute_ssl_policy", "properties": {"name": "tls12", "profile": "RESTRICTED", "min_tls_version": "TLS_1_2"}},
	"google_compute_target_https_proxy.x": {"type": "google_compute_target_https_proxy", "properties": proxy},
}}

test_pass_proxy_names_policy_declared_here if {
	count(found(named({"ssl_policy": "projects/p/global/sslPolicies/tls12"}))) == 0
	count(found(named({"ssl_policy": "tls12"}))) == 0
}

test_fail_proxy_names_policy_declared_elsewhere_is_unverifiable if {
	every v in ["projects/p/global/sslPolicies/tls13", "https://www.googleapis.com/compute/v1/projects/p/regions/eu/sslPolicies/t", "shared-tls"] {
		unverifiable(stack({"ssl_policy": v})) == {[x, "ssl_policy", sprintf("ssl_policy names SSL policy %s outside the input: its profile and minimum TLS version cannot be checked", [v])]}
		found(stack({"ssl_policy": v})) == {[x, "ssl_policy"]}
	}
}

test_fail_proxy_policy_literal_of_the_wrong_kind if {
	every v in ["projects/p/global/urlMaps/m", "TLS 1.2 please"] {
		found(stack({"ssl_policy": v})) == {[x, "ssl_policy"]}
		count(unverifiable(stack({"ssl_policy": v}))) == 0
	}
}

test_fail_proxy_without_policy if found(stack({"url_map": "${google_compute_url_map.m.id}"})) == {[x, "ssl_policy"]}

test_fail_proxy_empty_policy if found(stack({"ssl_policy": ""})) == {[x, "ssl_policy"]}

test_fail_proxy_references_wrong_type if found(stack({"ssl_policy": "${google_compute_url_map.m.id}"})) == {[x, "ssl_policy"]}

test_fail_proxy_policy_unresolved if {
	fs := rule.deny with input as stack({"ssl_policy": "${var.ssl_policy}"})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.resource == x
}

test_fail_ssl_proxy_without_policy if {
	found({"resources": {"google_compute_target_ssl_proxy.s": {"type": "google_compute_target_ssl_proxy", "properties": {}}}}) == {["google_compute_target_ssl_proxy.s", "ssl_policy"]}
}
