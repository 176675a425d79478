# METADATA
# title: CloudFront distributions sit behind a WAFv2 web ACL with AWS managed rules
# description: >-
#   Every AWS::CloudFront::Distribution must set DistributionConfig.WebACLId to an
#   AWS::WAFv2::WebACL declared in the template (or imported from another stack) with Scope CLOUDFRONT
#   and the AWSManagedRulesCommonRuleSet managed rule group enforced (OverrideAction None, not Count).
#   A literal ARN of a global WAFv2 web ACL declared elsewhere is unverifiable (its rules are not in
#   the input); any other literal (a regional ACL, a WAF Classic id, another service's ARN) fails.
#   CloudFront's own Shield Standard covers layers 3/4; the web ACL is the layer-7 protection.
# custom:
#   id: EDGE-1-AWS
#   severity: high
#   level: mandatory
#   controls: [EDGE-1]
#   remediation: >-
#     Declare an AWS::WAFv2::WebACL with Scope CLOUDFRONT, a rule whose statement is
#     ManagedRuleGroupStatement {VendorName: AWS, Name: AWSManagedRulesCommonRuleSet} with
#     OverrideAction None (plus the other AWS managed groups you need), and set WebACLId to its Arn.
#   resource_types: ["AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL"]
#   checks:
#     "AWS::CloudFront::Distribution": [DistributionConfig.WebACLId]
#     "AWS::WAFv2::WebACL": [Scope, Rules.Statement.ManagedRuleGroupStatement, Rules.OverrideAction]
package cordon.rules.edge_1_aws_cloudfront_waf

import data.cordon.lib
import data.cordon.lib.edge

acl_type := "AWS::WAFv2::WebACL"

path := "DistributionConfig.WebACLId"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	v := object.get(r.properties, ["DistributionConfig", "WebACLId"], null)
	not lib.unresolved(v)
	not outside_acl(v)
	msg := sprintf("WebACLId is %s, neither a WAFv2 web ACL declared here nor the ARN of a global (CLOUDFRONT) one: the distribution has no provable WAF", [shown(v)])
}

deny contains lib.outside(addr, path, "WebACLId", v, "web ACL", "its scope and rules") if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	v := r.properties.DistributionConfig.WebACLId
	outside_acl(v)
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	t := lib.ref_type(r.properties.DistributionConfig.WebACLId)
	t != acl_type
	msg := sprintf("WebACLId refers to a %s, not an AWS::WAFv2::WebACL", [t])
}

deny contains lib.unverifiable(addr, path, v) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	v := r.properties.DistributionConfig.WebACLId
	lib.unresolved(v)
	not lib.ref_type(v)
}

deny contains lib.finding(acl, "Scope", msg) if {
	some acl in attached
	p := input.resources[acl].properties
	object.get(p, "Scope", "") != "CLOUDFRONT"
	msg := sprintf("Scope is %s; a CloudFront web ACL must have Scope CLOUDFRONT", [lib.shown(p, "Scope")])
}

deny contains lib.finding(acl, "Rules", msg) if {
	some acl in attached
	not edge.aws_common_rules_enforced(input.resources[acl].properties)
	msg := "the web ACL does not enforce the AWS managed rule group AWSManagedRulesCommonRuleSet (missing, or in Count mode)"
}

attached contains acl if {
	some _, r in lib.resources_of("AWS::CloudFront::Distribution")
	acl := lib.ref_address(r.properties.DistributionConfig.WebACLId)
	input.resources[acl].type == acl_type
}

# A WAFv2 web ACL declared elsewhere: CloudFront takes the ARN of a global one
# (arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID); a regional ACL or a WAF Classic id cannot be attached.
outside_acl(v) if lib.aws_arn(v, "wafv2", "global/webacl/")

shown(null) := "missing"

shown(v) := json.marshal(v) if v != null
