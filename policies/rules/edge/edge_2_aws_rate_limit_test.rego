package cordon.rules.edge_2_aws_rate_limit_test

import data.cordon.rules.edge_2_aws_rate_limit as rule

rate(limit, window, host) := r if {
	s := object.union({"Limit": limit, "AggregateKeyType": "IP"}, window_of(window))
	r := {"Action": {"Block": {}}, "Statement": {"RateBasedStatement": object.union(s, scope(host))}}
}

window_of(null) := {}

window_of(w) := {"EvaluationWindowSec": w} if w != null

scope(null) := {}

scope(h) := {"ScopeDownStatement": {"ByteMatchStatement": {"FieldToMatch": {"SingleHeader": {"Name": "host"}}, "PositionalConstraint": "EXACTLY", "SearchString": h}}} if h != null

edge(rules) := {
	"Acl": {"type": "AWS::WAFv2::WebACL", "properties": {"Scope": "CLOUDFRONT", "Rules": rules}},
	"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"WebACLId": {"Fn::GetAtt": ["Acl", "Arn"]}}}},
}

globex := {"id": "globex", "cloud": "aws", "tier": "dedicated", "environments": ["prod"], "edge": {"rateLimitPerMinute": 1200}}

initech := {"id": "initech", "cloud": "aws", "tier": "pooled", "environments": ["prod", "staging"], "edge": {"rateLimitPerMinute": 600}}

wayne := {"id": "wayne", "cloud": "aws", "tier": "pooled", "environments": ["prod"], "edge": {"rateLimitPerMinute": 300}}

tenants := {"globex": globex, "initech": initech, "wayne": wayne}

tenant_stack(rules) := {"stack": {"name": "globex-prod-edge", "tenant": "globex", "environment": "prod", "tier": "dedicated"}, "tenant": globex, "resources": edge(rules)}

platform_stack(env, rules) := {"stack": {"name": "cordon-edge", "tenant": null, "environment": env, "tier": "platform"}, "tenant": null, "resources": edge(rules)}

found(stacks) := {[f.stack, f.resource, f.message] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

where(stacks) := {[f.stack, f.resource] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

test_pass_tenant_rule_60s if count(found({"t": tenant_stack([rate(1200, 60, null)])})) == 0

test_pass_tenant_rule_scaled_300s if count(found({"t": tenant_stack([rate(6000, null, null)])})) == 0

test_pass_tenant_rule_on_own_host if count(found({"t": tenant_stack([rate(1200, 60, "globex.example.com")])})) == 0

test_fail_tenant_limit_off_by_one if where({"t": tenant_stack([rate(1201, 60, null)])}) == {["t", "Acl"]}

test_fail_tenant_default_window_unscaled if where({"t": tenant_stack([rate(1200, null, null)])}) == {["t", "Acl"]}

test_fail_tenant_rule_on_other_host if where({"t": tenant_stack([rate(1200, 60, "acme.example.com")])}) == {["t", "Acl"]}

test_fail_counted_rule if {
	r := object.union(object.remove(rate(1200, 60, null), {"Action"}), {"Action": {"Count": {}}})
	fs := found({"t": tenant_stack([r])})
	count(fs) == 1
	some [_, _, msg] in fs
	startswith(msg, "no enforced")
}

test_fail_no_rules if where({"t": tenant_stack([])}) == {["t", "Acl"]}

test_fail_limit_unresolved if {
	fs := rule.deny_estate with input as {"stacks": {"t": tenant_stack([rate({"Ref": "Limit"}, 60, null)])}, "tenants": tenants}
	count(fs) == 1
	some f in fs
	f.unverifiable
}

pooled_rules := [rate(600, 60, "initech.cordon.example"), rate(300, 60, "wayne.cordon.example")]

test_pass_platform_prod if count(found({"p": platform_stack("prod", pooled_rules)})) == 0

test_pass_platform_staging_only_initech if count(found({"p": platform_stack("staging", [rate(600, 60, "initech.staging.cordon.example")])})) == 0

test_fail_platform_missing_tenant if {
	fs := found({"p": platform_stack("prod", [rate(600, 60, "initech.cordon.example")])})
	count(fs) == 1
	some [_, "Acl", msg] in fs
	contains(msg, "pooled tenant wayne")
}

test_fail_platform_wrong_limit if {
	fs := found({"p": platform_stack("prod", [rate(600, 60, "initech.cordon.example"), rate(1500, 300, "wayne.cordon.example"), rate(301, 60, "wayne.cordon.example")])})
	count(fs) == 1
	some [_, "Acl", msg] in fs
	contains(msg, "allows 301")
}

test_pass_untagged_stack_not_judged_for_tenants if {
	s := {"stack": {"name": "x", "tenant": null, "environment": null, "tier": null}, "tenant": null, "resources": edge([rate(100, 60, null)])}
	count(found({"x": s})) == 0
}

test_pass_distribution_without_acl_left_to_edge_1 if {
	s := {"stack": {"name": "x"}, "tenant": globex, "resources": {"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {}}}}}
	count(found({"x": s})) == 0
}

test_pass_platform_leaving_tenant_needs_no_rule if {
	leaving := {"globex": globex, "initech": initech, "wayne": object.union(wayne, {"status": "offboarding"})}
	fs := rule.deny_estate with input as {"stacks": {"p": platform_stack("prod", [rate(600, 60, "initech.cordon.example")])}, "tenants": leaving}
	count(fs) == 0
}

test_fail_platform_explicitly_active_tenant_needs_a_rule if {
	active := {"globex": globex, "initech": initech, "wayne": object.union(wayne, {"status": "active"})}
	fs := rule.deny_estate with input as {"stacks": {"p": platform_stack("prod", [rate(600, 60, "initech.cordon.example")])}, "tenants": active}
	count(fs) == 1
}

# A pooled edge with one distribution per cell: `*.cordon.example` in front of one, wayne's host named
# on the other; each tenant's rule belongs in the web ACL of the distribution that answers its host.
cells_edge(wild_rules, named_rules) := {"stack": {"name": "cordon-edge-prod", "tenant": null, "environment": "prod", "tier": "platform"}, "tenant": null, "resources": {
	"AclA": {"type": "AWS::WAFv2::WebACL", "properties": {"Scope": "CLOUDFRONT", "Rules": wild_rules}},
	"DA": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"Aliases": ["*.cordon.example"], "WebACLId": {"Fn::GetAtt": ["AclA", "Arn"]}}}},
	"AclB": {"type": "AWS::WAFv2::WebACL", "properties": {"Scope": "CLOUDFRONT", "Rules": named_rules}},
	"DB": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"Aliases": ["Wayne.cordon.example"], "WebACLId": {"Fn::GetAtt": ["AclB", "Arn"]}}}},
}}

test_pass_each_tenant_on_the_entry_answering_it if {
	count(found({"e": cells_edge([rate(600, 60, "initech.cordon.example")], [rate(300, 60, "wayne.cordon.example")])})) == 0
}

test_fail_missing_tenant_reported_on_the_wildcard_entry_only if {
	where({"e": cells_edge([rate(600, 60, "other.cordon.example")], [rate(300, 60, "wayne.cordon.example")])}) == {["e", "AclA"]}
}

test_fail_named_tenant_rule_on_the_wrong_entry if {
	where({"e": cells_edge([rate(600, 60, "initech.cordon.example"), rate(300, 60, "wayne.cordon.example")], [rate(600, 60, "other.cordon.example")])}) == {["e", "AclB"]}
}

test_pass_named_distribution_without_acl_left_to_edge_1 if {
	bare := json.patch(cells_edge([rate(600, 60, "initech.cordon.example")], []), [{"op": "remove", "path": "/resources/DB/properties/DistributionConfig/WebACLId"}])
	count(found({"e": bare})) == 0
}
