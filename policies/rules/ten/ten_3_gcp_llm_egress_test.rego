package cordon.rules.ten_3_gcp_llm_egress_test

import data.cordon.rules.ten_3_gcp_llm_egress as rule

rule_props(fqdns) := {"action": "allow", "direction": "EGRESS", "priority": 1000, "match": {"dest_fqdns": fqdns, "layer4_configs": [{"ip_protocol": "tcp", "ports": ["443"]}]}}

doc(llm, type, props) := {"tenant": {"id": "umbrella", "llm": {"subprocessors": llm}}, "resources": {"r.x": {"type": type, "properties": props}}}

nfp := "google_compute_network_firewall_policy_rule"

found(inp) := {object.get(f, "unverifiable", false) | some f in rule.deny with input as inp}

test_pass_allowed if count(found(doc(["openai"], nfp, rule_props(["api.openai.com"])))) == 0

test_pass_deny_rule if count(found(doc([], nfp, object.union(rule_props(["api.openai.com"]), {"action": "deny"})))) == 0

test_pass_disabled_rule if count(found(doc([], nfp, object.union(rule_props(["api.openai.com"]), {"disabled": true})))) == 0

test_pass_ingress_rule if count(found(doc([], nfp, object.union(rule_props(["api.openai.com"]), {"direction": "INGRESS"})))) == 0

test_pass_no_tenant if count(rule.deny) == 0 with input as {"tenant": null, "resources": {"r.x": {"type": nfp, "properties": rule_props(["api.openai.com"])}}}

test_fail_not_allowed if found(doc(["openai"], nfp, rule_props(["api.anthropic.com"]))) == {false}

test_fail_no_llm_tenant_regional if found(doc([], "google_compute_region_network_firewall_policy_rule", rule_props(["API.OPENAI.COM"]))) == {false}

test_fail_match_as_list if {
	p := object.union(rule_props([]), {"match": [{"dest_fqdns": ["api.anthropic.com"]}]})
	found(doc([], "google_compute_firewall_policy_rule", p)) == {false}
}

test_fail_interpolated_fqdn if found(doc(["openai"], nfp, rule_props(["${var.llm_host}"]))) == {true}
