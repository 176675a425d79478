package cordon.rules.tls_3_gcp_security_headers_test

import data.cordon.rules.tls_3_gcp_security_headers as rule

hsts(v) := {"header_name": "Strict-Transport-Security", "header_value": v, "replace": true}

csp := {"header_name": "Content-Security-Policy", "header_value": "default-src 'self'", "replace": true}

backend_ref := "${google_compute_backend_service.b.id}"

stack(url_map, backend) := {"resources": {
	"google_compute_backend_service.b": {"type": "google_compute_backend_service", "properties": backend, "references": []},
	"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": url_map, "references": refs(url_map)},
	"google_compute_target_https_proxy.p": {"type": "google_compute_target_https_proxy", "properties": {"url_map": "${google_compute_url_map.m.id}"}, "references": ["google_compute_url_map.m"]},
}}

refs(url_map) := ["google_compute_backend_service.b"] if contains(json.marshal(url_map), "google_compute_backend_service.b")

refs(url_map) := [] if not contains(json.marshal(url_map), "google_compute_backend_service.b")

on_map(headers) := {"default_service": backend_ref, "header_action": {"response_headers_to_add": headers}}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

messages(d) := {f.message | some f in rule.deny with input as d}

m := "google_compute_url_map.m"

fail := {[m, "header_action.response_headers_to_add"]}

test_pass_url_map_headers if count(found(stack(on_map([hsts("max-age=31536000; includeSubDomains"), csp]), {}))) == 0

test_pass_headers_as_hcl_lists if {
	count(found(stack({"default_service": backend_ref, "header_action": [{"response_headers_to_add": [hsts("max-age=63072000"), csp]}]}, {}))) == 0
}

test_pass_backend_custom_headers if {
	count(found(stack({"default_service": backend_ref}, {"custom_response_headers": ["Strict-Transport-Security: max-age=31536000", "Content-Security-Policy: default-src 'self'"]}))) == 0
}

test_pass_redirect_only_map if count(found(stack({"default_url_redirect": {"https_redirect": true}}, {}))) == 0

test_fail_max_age_one_second_short if found(stack(on_map([hsts("max-age=31535999"), csp]), {})) == fail

test_fail_no_csp if {
	ms := messages(stack(on_map([hsts("max-age=31536000")]), {}))
	count(ms) == 1
	some msg in ms
	contains(msg, "Content-Security-Policy")
}

test_fail_no_headers_anywhere if {
	d := stack({"default_service": backend_ref}, {})
	found(d) == fail
	count(rule.deny) == 2 with input as d
}

test_fail_backend_only_hsts if {
	found(stack({"default_service": backend_ref}, {"custom_response_headers": ["Strict-Transport-Security: max-age=31536000"]})) == fail
}

test_fail_backend_unresolved if {
	fs := rule.deny with input as stack({"default_service": "${var.backend}"}, {})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "default_service"
}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

test_fail_backend_declared_elsewhere_is_unverifiable if {
	every v in ["projects/p/global/backendServices/web", "https://www.googleapis.com/compute/v1/projects/p/global/backendBuckets/static"] {
		unverifiable(stack({"default_service": v}, {})) == {[m, "default_service", sprintf("default_service names backend %s outside the input: its custom_response_headers cannot be checked", [v])]}
		found(stack({"default_service": v}, {})) == {[m, "default_service"]}
	}
}

test_pass_backend_declared_elsewhere_behind_map_headers if {
	count(found(stack({"default_service": "projects/p/global/backendServices/web", "header_action": {"response_headers_to_add": [hsts("max-age=31536000"), csp]}}, {}))) == 0
}

test_fail_default_service_of_the_wrong_kind if {
	every v in ["projects/p/global/urlMaps/web", "web"] {
		found(stack({"default_service": v}, {})) == fail
		count(unverifiable(stack({"default_service": v}, {}))) == 0
	}
}

test_fail_url_map_declared_elsewhere_is_unverifiable if {
	d := {"resources": {"google_compute_target_https_proxy.p": {"type": "google_compute_target_https_proxy", "properties": {"url_map": "projects/p/global/urlMaps/web"}, "references": []}}}
	unverifiable(d) == {["google_compute_target_https_proxy.p", "url_map", "url_map names URL map projects/p/global/urlMaps/web outside the input: the headers it adds cannot be checked"]}
}

test_fail_url_map_named_here_is_judged if {
	d := {"resources": {
		m: {"type": "google_compute_url_map", "properties": {"name": "web", "default_service": "projects/p/global/backendServices/b", "header_action": {"response_headers_to_add": [csp]}}},
		"google_compute_target_https_proxy.p": {"type": "google_compute_target_https_proxy", "properties": {"url_map": "web"}},
	}}
	found(d) == {[m, "default_service"]}
	count(unverifiable(d)) == 1
}

test_fail_path_rule_to_a_backend_declared_elsewhere_is_unverifiable if {
	elsewhere := "projects/p/global/backendBuckets/static"
	url_map := {"default_service": backend_ref, "path_matcher": [{"name": "pm", "default_service": backend_ref, "path_rule": [{"paths": ["/static/*"], "service": elsewhere}]}]}
	d := stack(url_map, {"custom_response_headers": ["Strict-Transport-Security: max-age=31536000", "Content-Security-Policy: default-src 'self'"]})
	unverifiable(d) == {[m, "path_matcher[0].path_rule[0].service", sprintf("service names backend %s outside the input: its custom_response_headers cannot be checked", [elsewhere])]}
	found(d) == {[m, "path_matcher[0].path_rule[0].service"]}
}
