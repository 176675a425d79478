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

test_fail_literal_arn if found(stack(acl([common]), "arn:aws:wafv2:us-east-1:1:global/webacl/x/y")) == {["D", "DistributionConfig.WebACLId"]}

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
