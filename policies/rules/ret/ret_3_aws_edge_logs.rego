# METADATA
# title: CloudFront access logs and WAF logs are kept by the audit contract
# description: >-
#   Edge request logs are the record of access attempts, audit evidence like the trail. Every
#   AWS::Logs::LogGroup that an AWS::WAFv2::LoggingConfiguration writes to (LogDestinationConfigs),
#   or that an AWS::Logs::DeliveryDestination receives through an AWS::Logs::Delivery from a
#   delivery source referring to an AWS::CloudFront::Distribution, must keep events at least the
#   stack's tenant's auditYears (at least 7) times 365 days; a platform stack's, 7 years. No
#   RetentionInDays (never expire) passes only for a contract beyond CloudWatch's longest retention
#   (3653 days). An unresolved RetentionInDays is unverifiable.
# custom:
#   id: RET-3-AWS-EDGE-LOGS
#   severity: high
#   level: mandatory
#   controls: [RET-3]
#   remediation: >-
#     Set RetentionInDays on the edge's access and WAF log groups to the shortest CloudWatch value
#     covering the tenant's auditYears (2557 for seven years).
#   resource_types:
#     - AWS::Logs::LogGroup
#     - AWS::WAFv2::LoggingConfiguration
#     - AWS::Logs::Delivery
#     - AWS::Logs::DeliverySource
#     - AWS::Logs::DeliveryDestination
#     - AWS::CloudFront::Distribution
#   checks:
#     "AWS::Logs::LogGroup": [RetentionInDays]
#     "AWS::WAFv2::LoggingConfiguration": [LogDestinationConfigs]
#     "AWS::Logs::DeliveryDestination": [DestinationResourceArn]
package cordon.rules.ret_3_aws_edge_logs

import data.cordon.lib
import data.cordon.lib.ret

# Log groups receiving WAF logs.
edge_groups contains g if {
	some c in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	some d in c.properties.LogDestinationConfigs
	g := lib.ref_address(d)
	input.resources[g].type == "AWS::Logs::LogGroup"
}

# Log groups receiving a distribution's access logs.
edge_groups contains g if {
	some src, s in lib.resources_of("AWS::Logs::DeliverySource")
	some dist in s.references
	input.resources[dist].type == "AWS::CloudFront::Distribution"
	some d in lib.resources_of("AWS::Logs::Delivery")
	from_source(d.properties.DeliverySourceName, src, s)
	dest := input.resources[lib.ref_address(d.properties.DeliveryDestinationArn)]
	dest.type == "AWS::Logs::DeliveryDestination"
	g := lib.ref_address(dest.properties.DestinationResourceArn)
	input.resources[g].type == "AWS::Logs::LogGroup"
}

from_source(v, src, _) if lib.ref_address(v) == src

from_source(v, _, s) if {
	is_string(v)
	v == s.properties.Name
}

deny contains lib.finding(g, "RetentionInDays", msg) if {
	some g in edge_groups
	p := input.resources[g].properties
	not lib.unresolved(object.get(p, "RetentionInDays", null))
	not ret.cloudwatch_keeps_audit(p)
	msg := sprintf("RetentionInDays is %s: edge request logs record access attempts, audit evidence kept at least %d days (%d years)", [lib.shown(p, "RetentionInDays"), ret.audit_min_days, ret.audit_years])
}

deny contains lib.unverifiable(g, "RetentionInDays", v) if {
	some g in edge_groups
	v := input.resources[g].properties.RetentionInDays
	lib.unresolved(v)
}
