package cordon.rules.edge_1_aws_cloudfront_waf_test

import data.cordon.rules.edge_1_aws_cloudfront_waf as rule

common := {"Name": "common", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}

acl(rules) := {"Scope": "CLOUDFRONT", "DefaultAction": {"Allow": {}}, "Rules": rules}

stack(acl_props, web_acl_id) := {"resources": {
	"Acl": {"type": "AWS::WAFv2::WebACL", "properties": acl_props},
	"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"WebACLId": web_acl_id}}},
}}

arn := {"Fn::GetAtt": ["Acl", "Arn"]}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

test_pass_common_rules if count(found(stack(acl([common]), arn))) == 0

test_pass_imported_acl if {
	d := object.union(stack(acl([common]), {"Fn::ImportValue": "edge-acl"}), {"imports": {"edge-acl": {"stack": "s", "address": "X", "type": "AWS::WAFv2::WebACL"}}})
	count(found(d)) == 0
}

test_fail_no_web_acl if {
	found({"resources": {"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"Enabled": true}}}}}) == {["D", "DistributionConfig.WebACLId"]}
}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

outside_arn := "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1234abcd"

test_fail_literal_arn_of_an_outside_acl_is_unverifiable if {
	unverifiable(stack(acl([common]), outside_arn)) == {["D", "DistributionConfig.WebACLId", sprintf("WebACLId names web ACL %s outside the input: its scope and rules cannot be checked", [outside_arn])]}
	found(stack(acl([common]), outside_arn)) == {["D", "DistributionConfig.WebACLId"]}
}

test_fail_literal_of_the_wrong_kind if {
	every v in [
		"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1234abcd", # regional: CloudFront cannot use it
		"arn:aws:waf::123456789012:webacl/1234abcd", # WAF Classic
		"arn:aws:shield::123456789012:protection/1234abcd",
		"1234abcd-12ab-34cd-56ef-1234567890ab", # a WAF Classic id
		"",
	] {
		found(stack(acl([common]), v)) == {["D", "DistributionConfig.WebACLId"]}
		count(unverifiable(stack(acl([common]), v))) == 0
	}
}

test_fail_acl_parameter if {
	fs := rule.deny with input as stack(acl([common]), {"Ref": "WebAclArn"})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_common_rules_counted if {
	found(stack(acl([object.union(common, {"OverrideAction": {"Count": {}}})]), arn)) == {["Acl", "Rules"]}
}

test_fail_only_rate_rule if {
	found(stack(acl([{"Name": "rate", "Action": {"Block": {}}, "Statement": {"RateBasedStatement": {"Limit": 100}}}]), arn)) == {["Acl", "Rules"]}
}

test_fail_other_vendor if {
	found(stack(acl([{"OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "F5", "Name": "AWSManagedRulesCommonRuleSet"}}}]), arn)) == {["Acl", "Rules"]}
}

test_fail_regional_scope if found(stack(object.union(acl([common]), {"Scope": "REGIONAL"}), arn)) == {["Acl", "Scope"]}

test_fail_rules_missing if found(stack({"Scope": "CLOUDFRONT"}, arn)) == {["Acl", "Rules"]}
