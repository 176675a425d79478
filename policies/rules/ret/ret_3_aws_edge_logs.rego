# METADATA
# title: CloudFront access logs and WAF logs are kept by the audit contract
# description: >-
#   Edge request logs are the record of access attempts, audit evidence like the trail. Every
#   AWS::Logs::LogGroup that an AWS::WAFv2::LoggingConfiguration writes to (LogDestinationConfigs),
#   or that an AWS::Logs::DeliveryDestination receives through an AWS::Logs::Delivery from a
#   delivery source referring to an AWS::CloudFront::Distribution, must keep events at least the
#   stack's tenant's auditYears (at least 7) times 365 days; a platform stack's, 7 years. No
#   RetentionInDays (never expire) passes only for a contract beyond CloudWatch's longest retention
#   (3653 days). An unresolved RetentionInDays is unverifiable, and so is a log group outside the
#   input that edge logs go to: a literal log group ARN (arn:aws:logs:…:log-group:NAME) in
#   LogDestinationConfigs or a destination's DestinationResourceArn, or a delivery to a destination
#   outside the input (arn:aws:logs:…:delivery-destination:NAME). A group declared here under that
#   name is judged as such.
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
#     "AWS::Logs::LogGroup": [LogGroupName, RetentionInDays]
#     "AWS::WAFv2::LoggingConfiguration": [LogDestinationConfigs]
#     "AWS::Logs::DeliveryDestination": [DestinationResourceArn]
#     "AWS::Logs::Delivery": [DeliverySourceName, DeliveryDestinationArn]
package cordon.rules.ret_3_aws_edge_logs

import data.cordon.lib
import data.cordon.lib.ret

deny contains lib.outside(addr, key, key, v, "log group", unseen) if {
	some [addr, key, v] in ret.aws_edge_log_targets
	name := ret.aws_log_group_arn_name(v)
	not ret.aws_log_groups_by_name[name]
}

deny contains lib.outside(addr, "DeliveryDestinationArn", "DeliveryDestinationArn", v, "delivery destination", unseen) if {
	some addr, d in ret.aws_edge_access_deliveries
	v := d.properties.DeliveryDestinationArn
	lib.aws_arn(v, "logs", "delivery-destination:")
}

unseen := "the retention of the edge logs it receives"

deny contains lib.finding(g, "RetentionInDays", msg) if {
	some g in ret.aws_edge_log_groups
	p := input.resources[g].properties
	not lib.unresolved(object.get(p, "RetentionInDays", null))
	not ret.cloudwatch_keeps_audit(p)
	msg := sprintf("RetentionInDays is %s: edge request logs record access attempts, audit evidence kept at least %d days (%d years)", [lib.shown(p, "RetentionInDays"), ret.audit_min_days, ret.audit_years])
}

deny contains lib.unverifiable(g, "RetentionInDays", v) if {
	some g in ret.aws_edge_log_groups
	v := input.resources[g].properties.RetentionInDays
	lib.unresolved(v)
}
