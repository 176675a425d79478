# METADATA
# title: Aurora PostgreSQL exports its statement log to a declared log group kept by the audit contract
# description: >-
#   Every AWS::RDS::DBCluster of engine aurora-postgresql (or postgres, a Multi-AZ cluster) must list
#   postgresql in EnableCloudwatchLogsExports, so pgaudit's entries leave the RDS log files, and set a
#   literal DBClusterIdentifier, so that the group RDS exports into, /aws/rds/cluster/<id>/postgresql,
#   can be declared beforehand: left to RDS it is created without a KMS key and never expires. An
#   AWS::Logs::LogGroup of that name must be declared in the stack with RetentionInDays of at least
#   the tenant's audit contract (auditYears, at least 7, times 365 days); no RetentionInDays (never
#   expire) passes only for a contract longer than CloudWatch's longest retention (3653 days). A
#   missing identifier is a finding, an unresolved one unverifiable. The group's key is proven by
#   ENC-1-AWS-LOGS, which reads every log group.
# custom:
#   id: LOG-1-AWS-PGAUDIT-EXPORT
#   severity: high
#   level: mandatory
#   controls: [LOG-1, RET-3]
#   remediation: >-
#     Set DBClusterIdentifier and EnableCloudwatchLogsExports [postgresql] on the cluster and declare,
#     before it (DependsOn), an AWS::Logs::LogGroup named /aws/rds/cluster/<id>/postgresql with the
#     tenant's logs KmsKeyId and RetentionInDays covering the audit contract (2557 for seven years).
#   resource_types: ["AWS::RDS::DBCluster", "AWS::Logs::LogGroup"]
#   checks:
#     "AWS::RDS::DBCluster": [Engine, DBClusterIdentifier, EnableCloudwatchLogsExports]
#     "AWS::Logs::LogGroup": [LogGroupName, RetentionInDays]
package cordon.rules.log_1_aws_pgaudit_export

import data.cordon.lib
import data.cordon.lib.ret

deny contains lib.finding(addr, "EnableCloudwatchLogsExports", msg) if {
	some addr, r in ret.aws_pgaudit_clusters
	v := object.get(r.properties, "EnableCloudwatchLogsExports", null)
	not lib.unresolved(v)
	not exported(v)
	msg := sprintf("EnableCloudwatchLogsExports is %s: pgaudit's statement log stays in the RDS log files, outside CloudWatch Logs and the audit retention", [shown_exports(r.properties)])
}

deny contains lib.unverifiable(addr, "EnableCloudwatchLogsExports", v) if {
	some addr, r in ret.aws_pgaudit_clusters
	v := r.properties.EnableCloudwatchLogsExports
	lib.unresolved(v)
}

deny contains lib.finding(addr, "DBClusterIdentifier", msg) if {
	some addr, r in ret.aws_pgaudit_clusters
	not lib.has(r.properties, "DBClusterIdentifier")
	msg := "DBClusterIdentifier is missing: RDS names the cluster at deploy time, so its log group /aws/rds/cluster/<id>/postgresql cannot be declared beforehand and RDS creates it without a key or an expiry"
}

deny contains lib.unverifiable(addr, "DBClusterIdentifier", v) if {
	some addr, r in ret.aws_pgaudit_clusters
	v := r.properties.DBClusterIdentifier
	not is_string(v)
}

deny contains lib.finding(addr, "LogGroup", msg) if {
	some addr, r in ret.aws_pgaudit_clusters
	name := ret.aws_pgaudit_group_name(r)
	not ret.aws_log_groups_by_name[name]
	msg := sprintf("no AWS::Logs::LogGroup named %s is declared: RDS creates it on the first export without a KMS key and never expires it", [name])
}

deny contains lib.finding(g, "RetentionInDays", msg) if {
	some r in ret.aws_pgaudit_clusters
	some g in ret.aws_log_groups_by_name[ret.aws_pgaudit_group_name(r)]
	p := input.resources[g].properties
	not lib.unresolved(object.get(p, "RetentionInDays", null))
	not ret.cloudwatch_keeps_audit(p)
	msg := sprintf("RetentionInDays is %s: the statement log is audit evidence, kept at least %d days (%d years)", [lib.shown(p, "RetentionInDays"), ret.audit_min_days, ret.audit_years])
}

deny contains lib.unverifiable(g, "RetentionInDays", v) if {
	some r in ret.aws_pgaudit_clusters
	some g in ret.aws_log_groups_by_name[ret.aws_pgaudit_group_name(r)]
	v := input.resources[g].properties.RetentionInDays
	lib.unresolved(v)
}

exported(v) if {
	is_array(v)
	"postgresql" in v
}

shown_exports(p) := "missing" if not lib.has(p, "EnableCloudwatchLogsExports")

shown_exports(p) := json.marshal(p.EnableCloudwatchLogsExports) if lib.has(p, "EnableCloudwatchLogsExports")
