# METADATA
# title: Internet-facing Application Load Balancers sit behind a WAFv2 web ACL with AWS managed rules
# description: >-
#   An AWS::ElasticLoadBalancingV2::LoadBalancer of Type application (the default) and Scheme
#   internet-facing (the default) is reachable from the internet whether or not CloudFront is in
#   front of it: an AWS::WAFv2::WebACLAssociation must refer to it in ResourceArn, with WebACLArn an
#   AWS::WAFv2::WebACL of this template (Scope REGIONAL, AWSManagedRulesCommonRuleSet enforced, not
#   in Count mode) or imported from another stack. A web ACL named by a literal ARN or a parameter,
#   an unresolved Scheme, or an association whose ResourceArn names no load balancer of this
#   template (which might be this one) is unverifiable. Internal load balancers are not judged.
# custom:
#   id: EDGE-1-AWS-ALB
#   severity: high
#   level: mandatory
#   controls: [EDGE-1]
#   remediation: >-
#     Declare an AWS::WAFv2::WebACL with Scope REGIONAL and the AWS managed rule groups
#     (AWSManagedRulesCommonRuleSet with OverrideAction None), and an AWS::WAFv2::WebACLAssociation
#     with ResourceArn the load balancer (Ref) and WebACLArn the web ACL's Arn; or make the load
#     balancer internal (a CloudFront VPC origin).
#   resource_types:
#     - AWS::ElasticLoadBalancingV2::LoadBalancer
#     - AWS::WAFv2::WebACLAssociation
#     - AWS::WAFv2::WebACL
#   checks:
#     "AWS::ElasticLoadBalancingV2::LoadBalancer": [Type, Scheme]
#     "AWS::WAFv2::WebACLAssociation": [ResourceArn, WebACLArn]
#     "AWS::WAFv2::WebACL": [Scope, Rules.Statement.ManagedRuleGroupStatement, Rules.OverrideAction]
package cordon.rules.edge_1_aws_alb_waf

import data.cordon.lib
import data.cordon.lib.edge

acl_type := "AWS::WAFv2::WebACL"

# Application load balancers whose Scheme is not internal (absent means internet-facing).
public[addr] := r if {
	some addr, r in lib.resources_of("AWS::ElasticLoadBalancingV2::LoadBalancer")
	object.get(r.properties, "Type", "application") == "application"
	object.get(r.properties, "Scheme", "internet-facing") == "internet-facing"
}

deny contains lib.unverifiable(addr, "Scheme", v) if {
	some addr, r in lib.resources_of("AWS::ElasticLoadBalancingV2::LoadBalancer")
	object.get(r.properties, "Type", "application") == "application"
	v := r.properties.Scheme
	lib.unresolved(v)
}

# Associations by the load balancer they name.
associations[lb] contains a if {
	some a, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	lb := lib.ref_address(r.properties.ResourceArn)
}

# An association whose target is not a resource of this template: it might be any load balancer.
unknown_target_exists if {
	some _, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	not lib.ref_address(object.get(r.properties, "ResourceArn", null))
}

deny contains lib.finding(addr, "WebACLAssociation", msg) if {
	some addr, _ in public
	not associations[addr]
	not unknown_target_exists
	msg := "no AWS::WAFv2::WebACLAssociation attaches a web ACL to this internet-facing load balancer: requests reaching it directly bypass any WAF"
}

deny contains f if {
	some addr, _ in public
	not associations[addr]
	unknown_target_exists
	f := object.union(lib.unverifiable(addr, "WebACLAssociation", null), {"message": "no web ACL association names this internet-facing load balancer, and one names a load balancer cordon cannot see: whether this one has a WAF is known only at deploy time"})
}

deny contains lib.finding(a, "WebACLArn", msg) if {
	some a, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	public[lib.ref_address(r.properties.ResourceArn)]
	t := lib.ref_type(r.properties.WebACLArn)
	t != acl_type
	msg := sprintf("WebACLArn refers to a %s, not an AWS::WAFv2::WebACL", [t])
}

deny contains lib.finding(a, "WebACLArn", "WebACLArn is missing: the association attaches no web ACL") if {
	some a, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	public[lib.ref_address(r.properties.ResourceArn)]
	object.get(r.properties, "WebACLArn", null) == null
}

# A literal ARN or a parameter: a web ACL declared elsewhere, whose rules cordon cannot see.
deny contains lib.unverifiable(a, "WebACLArn", v) if {
	some a, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	public[lib.ref_address(r.properties.ResourceArn)]
	v := r.properties.WebACLArn
	v != null
	not lib.ref_type(v)
}

deny contains lib.finding(acl, "Scope", msg) if {
	some acl in attached
	p := input.resources[acl].properties
	object.get(p, "Scope", "") != "REGIONAL"
	msg := sprintf("Scope is %s; a web ACL attached to a load balancer must have Scope REGIONAL", [lib.shown(p, "Scope")])
}

deny contains lib.finding(acl, "Rules", msg) if {
	some acl in attached
	not edge.aws_common_rules_enforced(input.resources[acl].properties)
	msg := "the web ACL does not enforce the AWS managed rule group AWSManagedRulesCommonRuleSet (missing, or in Count mode)"
}

# Web ACLs of this template attached to a public load balancer.
attached contains acl if {
	some _, r in lib.resources_of("AWS::WAFv2::WebACLAssociation")
	public[lib.ref_address(r.properties.ResourceArn)]
	acl := lib.ref_address(r.properties.WebACLArn)
	input.resources[acl].type == acl_type
}
