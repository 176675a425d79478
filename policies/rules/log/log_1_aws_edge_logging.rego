# METADATA
# title: CloudFront distributions and WAF web ACLs log every request
# description: >-
#   Every AWS::CloudFront::Distribution must deliver its access logs: an AWS::Logs::DeliverySource
#   of LogType ACCESS_LOGS that refers to the distribution, with an AWS::Logs::Delivery from that
#   source (by Ref or by its Name) to an AWS::Logs::DeliveryDestination of this stack, or the legacy
#   DistributionConfig.Logging.Bucket. A delivery to a destination outside the input, by its ARN
#   (arn:aws:logs:REGION:ACCOUNT:delivery-destination:NAME, e.g. a central logging account's), is
#   unverifiable: where the logs go cannot be checked. Every AWS::WAFv2::WebACL must have an
#   AWS::WAFv2::LoggingConfiguration whose ResourceArn refers to it and whose LogDestinationConfigs
#   is not empty, so requests the WAF blocks (access attempts) leave a trace.
# custom:
#   id: LOG-1-AWS-EDGE
#   severity: high
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Declare, beside the distribution, an AWS::Logs::DeliverySource (LogType ACCESS_LOGS,
#     ResourceArn the distribution's ARN), an AWS::Logs::DeliveryDestination (a KMS-encrypted log
#     group) and an AWS::Logs::Delivery joining them; and an AWS::WAFv2::LoggingConfiguration with
#     ResourceArn the web ACL's Arn and LogDestinationConfigs an aws-waf-logs-* log group.
#   resource_types:
#     - AWS::CloudFront::Distribution
#     - AWS::WAFv2::WebACL
#     - AWS::WAFv2::LoggingConfiguration
#     - AWS::Logs::DeliverySource
#     - AWS::Logs::Delivery
#     - AWS::Logs::DeliveryDestination
#   checks:
#     "AWS::CloudFront::Distribution": [DistributionConfig.Logging.Bucket]
#     "AWS::WAFv2::LoggingConfiguration": [LogDestinationConfigs]
#     "AWS::Logs::DeliverySource": [LogType]
#     "AWS::Logs::Delivery": [DeliverySourceName, DeliveryDestinationArn]
package cordon.rules.log_1_aws_edge_logging

import data.cordon.lib

deny contains lib.finding(addr, "DistributionConfig.Logging", msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	not delivered(addr)
	not legacy_logging(r.properties)
	count(outside_destinations(addr)) == 0
	msg := "the distribution delivers no access logs: no ACCESS_LOGS delivery source referring to it with a delivery to a destination, nor a legacy Logging bucket"
}

deny contains lib.outside(addr, "DistributionConfig.Logging", "DeliveryDestinationArn", v, "delivery destination", "where its access logs go") if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	not delivered(addr)
	not legacy_logging(r.properties)
	some v in outside_destinations(addr)
}

deny contains lib.finding(addr, "LoggingConfiguration", msg) if {
	some addr, _ in lib.resources_of("AWS::WAFv2::WebACL")
	not logged_acl(addr)
	msg := "the web ACL has no AWS::WAFv2::LoggingConfiguration referring to it with a log destination: blocked requests leave no trace"
}

deny contains lib.finding(addr, "LogDestinationConfigs", msg) if {
	some addr, r in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	not destinations(r.properties)
	msg := sprintf("LogDestinationConfigs is %s: the WAF logs go nowhere", [lib.shown(r.properties, "LogDestinationConfigs")])
}

# A delivery source for the distribution's access logs, delivered to a destination of this stack.
delivered(dist) if {
	some src, s in lib.resources_of("AWS::Logs::DeliverySource")
	s.properties.LogType == "ACCESS_LOGS"
	dist in s.references
	some _, d in lib.resources_of("AWS::Logs::Delivery")
	from_source(d.properties.DeliverySourceName, src, s)
	input.resources[lib.ref_address(d.properties.DeliveryDestinationArn)].type == "AWS::Logs::DeliveryDestination"
}

# Delivery destinations outside the input (a central logging account's, by ARN) that the
# distribution's access logs are delivered to.
outside_destinations(dist) := {v |
	some src, s in lib.resources_of("AWS::Logs::DeliverySource")
	s.properties.LogType == "ACCESS_LOGS"
	dist in s.references
	some _, d in lib.resources_of("AWS::Logs::Delivery")
	from_source(d.properties.DeliverySourceName, src, s)
	v := d.properties.DeliveryDestinationArn
	lib.aws_arn(v, "logs", "delivery-destination:")
}

from_source(v, src, _) if lib.ref_address(v) == src

from_source(v, _, s) if {
	is_string(v)
	v == s.properties.Name
}

legacy_logging(p) if {
	b := p.DistributionConfig.Logging.Bucket
	b != null
	b != ""
}

logged_acl(acl) if {
	some _, r in lib.resources_of("AWS::WAFv2::LoggingConfiguration")
	lib.ref_address(r.properties.ResourceArn) == acl
	destinations(r.properties)
}

destinations(p) if {
	is_array(p.LogDestinationConfigs)
	count(p.LogDestinationConfigs) > 0
}
