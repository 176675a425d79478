package cordon.rules.log_1_gcp_edge_logging_test

import data.cordon.rules.log_1_gcp_edge_logging as rule

backend(props) := {"type": "google_compute_backend_service", "properties": object.union({"load_balancing_scheme": "EXTERNAL_MANAGED"}, props)}

armor(level) := {"type": "google_compute_security_policy", "properties": {"advanced_options_config": [{"log_level": level}]}}

findings(resources) := {f.path | some f in rule.deny with input as {"resources": resources}}

test_pass_logged_in_full if count(findings({"b": backend({"log_config": {"enable": true, "sample_rate": 1}}), "p": armor("NORMAL")})) == 0

test_pass_sample_rate_missing_is_one if count(findings({"b": backend({"log_config": [{"enable": "true"}]})})) == 0

test_pass_internal_backend_not_judged if count(findings({"b": backend({"load_balancing_scheme": "INTERNAL_MANAGED"})})) == 0

test_fail_log_config_missing if findings({"b": backend({})}) == {"log_config.enable"}

test_fail_scheme_missing_is_external if {
	b := {"type": "google_compute_region_backend_service", "properties": {}}
	findings({"b": b}) == {"log_config.enable"}
}

test_fail_disabled if findings({"b": backend({"log_config": {"enable": false, "sample_rate": 1}})}) == {"log_config.enable"}

test_fail_sampled if findings({"b": backend({"log_config": {"enable": true, "sample_rate": 0.99}})}) == {"log_config.sample_rate"}

test_fail_verbose_armor if findings({"p": armor("VERBOSE")}) == {"advanced_options_config.log_level"}

test_fail_unresolved_is_unverifiable if {
	fs := rule.deny with input as {"resources": {"b": backend({"log_config": {"enable": "${var.log}", "sample_rate": 1}})}}
	count(fs) == 1
	some f in fs
	f.unverifiable
}
