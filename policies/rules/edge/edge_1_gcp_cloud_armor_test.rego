package cordon.rules.edge_1_gcp_cloud_armor_test

import data.cordon.rules.edge_1_gcp_cloud_armor as rule

waf := {"action": "deny(403)", "priority": 1000, "match": {"expr": {"expression": "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})"}}}

default_rule := {"action": "allow", "priority": 2147483647, "match": {"versioned_expr": "SRC_IPS_V1", "config": {"src_ip_ranges": ["*"]}}}

adaptive := {"layer_7_ddos_defense_config": {"enable": true}}

armor(rules, ap) := {"rule": rules, "adaptive_protection_config": ap}

stack(policy, backend) := {"resources": {
	"google_compute_security_policy.a": {"type": "google_compute_security_policy", "properties": policy},
	"google_compute_backend_service.b": {"type": "google_compute_backend_service", "properties": backend},
}}

attached := {"load_balancing_scheme": "EXTERNAL_MANAGED", "security_policy": "${google_compute_security_policy.a.id}"}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

a := "google_compute_security_policy.a"

b := "google_compute_backend_service.b"

test_pass_waf_and_adaptive if count(found(stack(armor([waf, default_rule], adaptive), attached))) == 0

test_pass_hcl_lists if {
	count(found(stack({"rule": [waf], "adaptive_protection_config": [{"layer_7_ddos_defense_config": [{"enable": true}]}]}, attached))) == 0
}

test_pass_preconfigured_expr if {
	count(found(stack(armor([{"action": "deny(404)", "match": {"expr": {"expression": "evaluatePreconfiguredExpr('xss-stable')"}}}], adaptive), attached))) == 0
}

test_pass_internal_backend if count(found(stack(armor([waf], adaptive), {"load_balancing_scheme": "INTERNAL_MANAGED"}))) == 0

test_fail_default_scheme_without_policy if found(stack(armor([waf], adaptive), {"protocol": "HTTPS"})) == {[b, "security_policy"]}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

test_fail_literal_policy_outside_is_unverifiable if {
	every v in ["projects/p/global/securityPolicies/x", "https://www.googleapis.com/compute/v1/projects/p/global/securityPolicies/x", "edge-armor"] {
		unverifiable(stack(armor([waf], adaptive), {"security_policy": v})) == {[b, "security_policy", sprintf("security_policy names Cloud Armor policy %s outside the input: its type, WAF rules and adaptive protection cannot be checked", [v])]}
		found(stack(armor([waf], adaptive), {"security_policy": v})) == {[b, "security_policy"]}
	}
}

test_fail_literal_of_the_wrong_kind if {
	every v in ["projects/p/global/urlMaps/x", "projects/p/global/securityPolicies/", "Edge Armor!", ""] {
		found(stack(armor([waf], adaptive), {"security_policy": v})) == {[b, "security_policy"]}
		count(unverifiable(stack(armor([waf], adaptive), {"security_policy": v}))) == 0
	}
}

test_fail_policy_unresolved if {
	fs := rule.deny with input as stack(armor([waf], adaptive), {"security_policy": "${var.policy}"})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_no_waf_rule if found(stack(armor([default_rule], adaptive), attached)) == {[a, "rule"]}

test_fail_waf_in_preview if found(stack(armor([object.union(waf, {"preview": true})], adaptive), attached)) == {[a, "rule"]}

test_fail_waf_allow if found(stack(armor([object.union(waf, {"action": "allow"})], adaptive), attached)) == {[a, "rule"]}

test_fail_adaptive_off if {
	found(stack(armor([waf], {"layer_7_ddos_defense_config": {"enable": false}}), attached)) == {[a, "adaptive_protection_config.layer_7_ddos_defense_config.enable"]}
}

test_fail_adaptive_missing if found(stack({"rule": [waf]}, attached)) == {[a, "adaptive_protection_config.layer_7_ddos_defense_config.enable"]}

test_pass_edge_policy_type if count(found(stack({"type": "CLOUD_ARMOR_EDGE"}, {"load_balancing_scheme": "INTERNAL_MANAGED"}))) == 0

test_pass_policy_named_here if {
	d := stack(object.union(armor([waf], adaptive), {"name": "edge-armor"}), {"security_policy": "projects/p/global/securityPolicies/edge-armor"})
	count(found(d)) == 0
}
