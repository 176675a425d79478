# METADATA
# title: Every CloudWatch Logs log group sets how long it keeps events
# description: >-
#   An AWS::Logs::LogGroup without RetentionInDays keeps every event forever, a retention nobody
#   chose, and one the logs' owner cannot state: every log group must set RetentionInDays to a
#   number of days. Log groups that hold audit evidence are judged instead against the tenant's
#   audit contract by RET-3-AWS-EDGE-LOGS (edge request logs) and LOG-1-AWS-PGAUDIT-EXPORT (the
#   exported pgaudit statement log), where never expiring is right for a contract beyond
#   CloudWatch's longest retention; so one fault is reported once. An unresolved RetentionInDays is
#   unverifiable.
# custom:
#   id: LOG-1-AWS-LOG-RETENTION
#   severity: medium
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Set RetentionInDays on the log group (a value CloudWatch Logs accepts, such as 365; 2557 for
#     seven years of audit evidence).
#   resource_types:
#     - AWS::Logs::LogGroup
#     - AWS::WAFv2::LoggingConfiguration
#     - AWS::Logs::Delivery
#     - AWS::Logs::DeliverySource
#     - AWS::Logs::DeliveryDestination
#     - AWS::CloudFront::Distribution
#     - AWS::RDS::DBCluster
#   checks:
#     "AWS::Logs::LogGroup": [RetentionInDays]
package cordon.rules.log_1_aws_log_retention

import data.cordon.lib
import data.cordon.lib.ret

groups[addr] := r if {
	some addr, r in lib.resources_of("AWS::Logs::LogGroup")
	not addr in ret.aws_audit_log_groups
}

deny contains lib.finding(addr, "RetentionInDays", msg) if {
	some addr, r in groups
	v := object.get(r.properties, "RetentionInDays", null)
	not lib.unresolved(v)
	not expires(r.properties)
	msg := sprintf("RetentionInDays is %s: the log group keeps every event forever, a retention nobody chose", [lib.shown(r.properties, "RetentionInDays")])
}

deny contains lib.unverifiable(addr, "RetentionInDays", v) if {
	some addr, r in groups
	v := r.properties.RetentionInDays
	lib.unresolved(v)
}

expires(p) if lib.number(p.RetentionInDays) >= 1
