package cordon.rules.ten_3_aws_llm_egress_test

import data.cordon.rules.ten_3_aws_llm_egress as rule

tenant(llm) := {"id": "acme", "llm": {"subprocessors": llm}}

list(props) := {"type": "AWS::Route53Resolver::FirewallDomainList", "properties": props}

group(action) := {"type": "AWS::Route53Resolver::FirewallRuleGroup", "properties": {"FirewallRules": [{"Action": action, "Priority": 100, "FirewallDomainListId": {"Fn::GetAtt": ["L", "Id"]}}]}}

doc(llm, props, action) := {"tenant": tenant(llm), "resources": {"L": list(props), "G": group(action)}}

found(inp) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

test_pass_allowed_provider if count(found(doc(["openai"], {"Domains": ["*.amazonaws.com", "api.openai.com"]}, "ALLOW"))) == 0

test_pass_both_allowed if count(found(doc(["openai", "anthropic"], {"Domains": ["api.anthropic.com", "api.openai.com"]}, "ALLOW"))) == 0

test_pass_block_list if count(found(doc([], {"Domains": ["*"]}, "BLOCK"))) == 0

test_pass_no_tenant_entry if {
	count(rule.deny) == 0 with input as {"tenant": null, "resources": {"L": list({"Domains": ["api.openai.com"]})}}
}

test_fail_no_llm_tenant if found(doc([], {"Domains": ["amazonaws.com", "api.openai.com"]}, "ALLOW")) == {["Domains[1]", false]}

test_fail_other_provider if found(doc(["openai"], {"Domains": ["api.anthropic.com"]}, "ALLOW")) == {["Domains[0]", false]}

test_fail_wildcard_and_trailing_dot if found(doc(["openai"], {"Domains": ["*.Anthropic.com."]}, "ALLOW")) == {["Domains[0]", false]}

test_fail_star_allows_everything if found(doc(["anthropic"], {"Domains": ["*"]}, "ALLOW")) == {["Domains[0]", false]}

test_fail_unused_list_counts_as_allow if {
	found({"tenant": tenant([]), "resources": {"L": list({"Domains": ["api.openai.com"]})}}) == {["Domains[0]", false]}
}

test_fail_domain_file_is_unverifiable if found(doc([], {"DomainFileUrl": "s3://lists/allowed.txt"}, "ALLOW")) == {["Domains", true]}

test_fail_intrinsic_domain_is_unverifiable if found(doc([], {"Domains": [{"Ref": "Host"}]}, "ALLOW")) == {["Domains", true]}

outside_group(action, id) := {"type": "AWS::Route53Resolver::FirewallRuleGroup", "properties": {"FirewallRules": [{"Action": action, "Priority": 100, "FirewallDomainListId": id}]}}

test_fail_allow_rule_on_a_list_outside_is_unverifiable if {
	d := {"tenant": tenant(["openai"]), "resources": {"G": outside_group("ALLOW", "rslvr-fdl-2c46f2ecbfec4dcc")}}
	found(d) == {["FirewallRules[0].FirewallDomainListId", true]}
	some f in rule.deny with input as d
	f.message == "FirewallDomainListId names domain list rslvr-fdl-2c46f2ecbfec4dcc outside the input: the hosts it allows cannot be checked"
}

test_pass_block_rule_on_a_list_outside if {
	count(found({"tenant": tenant([]), "resources": {"G": outside_group("BLOCK", "rslvr-fdl-2c46f2ecbfec4dcc")}})) == 0
}

test_pass_list_outside_when_every_provider_is_allowed if {
	count(found({"tenant": tenant(["openai", "anthropic"]), "resources": {"G": outside_group("ALLOW", "rslvr-fdl-2c46f2ecbfec4dcc")}})) == 0
}

test_pass_allow_rule_on_no_list_id if {
	count(found({"tenant": tenant([]), "resources": {"G": outside_group("ALLOW", "my-list")}})) == 0
}
