package cordon.rules.tls_1_gcp_http_redirect_test

import data.cordon.rules.tls_1_gcp_http_redirect as rule

stack(url_map, proxy) := {"resources": {
	"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": url_map},
	"google_compute_backend_service.b": {"type": "google_compute_backend_service", "properties": {}},
	"google_compute_target_http_proxy.h": {"type": "google_compute_target_http_proxy", "properties": proxy},
}}

ref := {"url_map": "${google_compute_url_map.m.id}"}

redirect := {"default_url_redirect": {"https_redirect": true, "strip_query": false}}

found(doc) := {[f.resource, f.path] | some f in rule.deny with input as doc}

h := "google_compute_target_http_proxy.h"

test_pass_pure_redirect if count(found(stack(redirect, ref))) == 0

test_pass_redirect_as_list if count(found(stack({"default_url_redirect": [{"https_redirect": true}]}, ref))) == 0

test_pass_no_http_proxy if {
	count(found({"resources": {"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": {"default_service": "x"}}}})) == 0
}

test_fail_serving_map if found(stack({"default_service": "${google_compute_backend_service.b.id}"}, ref)) == {[h, "url_map"]}

test_fail_redirect_without_https if found(stack({"default_url_redirect": {"https_redirect": false, "host_redirect": "x.example"}}, ref)) == {[h, "url_map"]}

test_fail_redirect_plus_path_matcher if {
	found(stack(object.union(redirect, {"path_matcher": [{"name": "a", "default_service": "${google_compute_backend_service.b.id}"}]}), ref)) == {[h, "url_map"]}
}

test_fail_url_map_missing if found(stack(redirect, {})) == {[h, "url_map"]}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

test_fail_external_url_map_is_unverifiable if {
	every v in ["projects/p/global/urlMaps/web", "https://www.googleapis.com/compute/v1/projects/p/regions/eu/urlMaps/web", "web-redirect"] {
		unverifiable(stack(redirect, {"url_map": v})) == {[h, "url_map", sprintf("url_map names URL map %s outside the input: whether it only redirects to HTTPS cannot be checked", [v])]}
		found(stack(redirect, {"url_map": v})) == {[h, "url_map"]}
	}
}

test_fail_url_map_literal_of_the_wrong_kind if {
	every v in ["projects/p/global/backendServices/web", "Web Redirect", ""] {
		found(stack(redirect, {"url_map": v})) == {[h, "url_map"]}
		count(unverifiable(stack(redirect, {"url_map": v}))) == 0
	}
}

test_fail_url_map_wrong_type if found(stack(redirect, {"url_map": "${google_compute_backend_service.b.id}"})) == {[h, "url_map"]}

test_fail_url_map_unresolved if {
	fs := rule.deny with input as stack(redirect, {"url_map": "${var.url_map}"})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_url_map_named_here_is_judged if {
	d := {"resources": {
		"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": {"name": "web", "default_service": "${google_compute_backend_service.b.id}"}},
		h: {"type": "google_compute_target_http_proxy", "properties": {"url_map": "projects/p/global/urlMaps/web"}},
	}}
	found(d) == {[h, "url_map"]}
	count(unverifiable(d)) == 0
}

test_pass_url_map_named_here_redirects if {
	count(found({"resources": {
		"google_compute_url_map.m": {"type": "google_compute_url_map", "properties": {"name": "web", "default_url_redirect": {"https_redirect": true}}},
		h: {"type": "google_compute_target_http_proxy", "properties": {"url_map": "web"}},
	}})) == 0
}
