package cordon.rules.edge_1_aws_alb_waf_test

import data.cordon.rules.edge_1_aws_alb_waf as rule

common := {"Name": "common", "Priority": 0, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}

acl(scope, rules) := {"type": "AWS::WAFv2::WebACL", "properties": {"Scope": scope, "DefaultAction": {"Allow": {}}, "Rules": rules}}

lb(props) := {"type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "properties": props}

assoc(resource, web_acl) := {"type": "AWS::WAFv2::WebACLAssociation", "properties": {"ResourceArn": resource, "WebACLArn": web_acl}}

public_lb := lb({"Scheme": "internet-facing", "Type": "application"})

acl_arn := {"Fn::GetAtt": ["Acl", "Arn"]}

found(resources) := {[f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as {"resources": resources, "imports": {"edge:AclArn": {"stack": "edge", "address": "Acl", "type": "AWS::WAFv2::WebACL"}}}}

test_pass_associated_regional_acl if count(found({"Lb": public_lb, "Acl": acl("REGIONAL", [common]), "A": assoc({"Ref": "Lb"}, acl_arn)})) == 0

test_pass_imported_acl if count(found({"Lb": public_lb, "A": assoc({"Ref": "Lb"}, {"Fn::ImportValue": "edge:AclArn"})})) == 0

test_pass_internal if count(found({"Lb": lb({"Scheme": "internal"})})) == 0

test_pass_network_load_balancer if count(found({"Lb": lb({"Type": "network", "Scheme": "internet-facing"})})) == 0

test_fail_public_without_association if found({"Lb": public_lb}) == {["Lb", "WebACLAssociation", false]}

# CloudFormation's default Scheme is internet-facing, its default Type application.
test_fail_defaults_without_association if found({"Lb": lb({"Subnets": ["subnet-1", "subnet-2"]})}) == {["Lb", "WebACLAssociation", false]}

test_fail_association_of_another_load_balancer if {
	found({"Lb": public_lb, "Other": lb({"Scheme": "internal"}), "Acl": acl("REGIONAL", [common]), "A": assoc({"Ref": "Other"}, acl_arn)}) == {["Lb", "WebACLAssociation", false]}
}

test_fail_common_rules_counted if {
	counted := object.union(common, {"OverrideAction": {"Count": {}}})
	found({"Lb": public_lb, "Acl": acl("REGIONAL", [counted]), "A": assoc({"Ref": "Lb"}, acl_arn)}) == {["Acl", "Rules", false]}
}

test_fail_cloudfront_scope if found({"Lb": public_lb, "Acl": acl("CLOUDFRONT", [common]), "A": assoc({"Ref": "Lb"}, acl_arn)}) == {["Acl", "Scope", false]}

test_fail_association_to_non_acl if {
	found({"Lb": public_lb, "Tg": {"type": "AWS::ElasticLoadBalancingV2::TargetGroup", "properties": {}}, "A": assoc({"Ref": "Lb"}, {"Ref": "Tg"})}) == {["A", "WebACLArn", false]}
}

test_fail_literal_acl_arn_unverifiable if {
	found({"Lb": public_lb, "A": assoc({"Ref": "Lb"}, "arn:aws:wafv2:us-east-1:111111111111:regional/webacl/origin/abcd")}) == {["A", "WebACLArn", true]}
}

test_fail_unknown_target_makes_public_unverifiable if {
	found({"Lb": public_lb, "Acl": acl("REGIONAL", [common]), "A": assoc({"Ref": "LbArnParam"}, acl_arn)}) == {["Lb", "WebACLAssociation", true]}
}

test_fail_scheme_unresolved_unverifiable if found({"Lb": lb({"Scheme": {"Fn::If": ["Public", "internet-facing", "internal"]}})}) == {["Lb", "Scheme", true]}
