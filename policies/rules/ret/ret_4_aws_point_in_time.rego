# METADATA
# title: AWS databases can be restored to any point of the last 7 days
# description: >-
#   An RDS or Aurora DB cluster, and an RDS DB instance that is neither a cluster member nor a read
#   replica, must set BackupRetentionPeriod to 7 days or more (CloudFormation defaults to 1). A
#   DynamoDB table must enable PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, with
#   RecoveryPeriodInDays, when set, of at least 7.
# custom:
#   id: RET-4-AWS
#   severity: high
#   level: mandatory
#   controls: [RET-4]
#   remediation: >-
#     Set BackupRetentionPeriod to 7 or more on the DB cluster or instance; enable point-in-time
#     recovery on DynamoDB tables.
#   resource_types: ["AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::DynamoDB::Table"]
#   checks:
#     "AWS::RDS::DBCluster": [BackupRetentionPeriod]
#     "AWS::RDS::DBInstance": [DBClusterIdentifier, SourceDBInstanceIdentifier, SourceDBClusterIdentifier, BackupRetentionPeriod]
#     "AWS::DynamoDB::Table": [PointInTimeRecoverySpecification]
package cordon.rules.ret_4_aws_point_in_time

import data.cordon.lib

min_days := 7

# Resources whose BackupRetentionPeriod decides point-in-time restore.
backed_up[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
}

backed_up[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	standalone(r.properties)
}

# Aurora members follow their cluster's retention; read replicas have no backups of their own.
standalone(p) if {
	not lib.has(p, "DBClusterIdentifier")
	not lib.has(p, "SourceDBInstanceIdentifier")
	not lib.has(p, "SourceDBClusterIdentifier")
}

deny contains lib.finding(addr, "BackupRetentionPeriod", msg) if {
	some addr, r in backed_up
	not retained(r.properties)
	not unresolved_period(r.properties)
	msg := sprintf("BackupRetentionPeriod is %s (CloudFormation defaults to 1); it must be at least %d days", [lib.shown(r.properties, "BackupRetentionPeriod"), min_days])
}

deny contains lib.unverifiable(addr, "BackupRetentionPeriod", r.properties.BackupRetentionPeriod) if {
	some addr, r in backed_up
	unresolved_period(r.properties)
}

retained(p) if lib.number(p.BackupRetentionPeriod) >= min_days

unresolved_period(p) if lib.unresolved(p.BackupRetentionPeriod)

pitr := "PointInTimeRecoverySpecification"

deny contains lib.finding(addr, concat(".", [pitr, "PointInTimeRecoveryEnabled"]), msg) if {
	some addr, r in lib.resources_of("AWS::DynamoDB::Table")
	not pitr_on(r.properties)
	not lib.unresolved(object.get(r.properties, [pitr, "PointInTimeRecoveryEnabled"], false))
	msg := "point-in-time recovery is not enabled: the table cannot be restored to a moment of the last 7 days"
}

deny contains lib.finding(addr, concat(".", [pitr, "RecoveryPeriodInDays"]), msg) if {
	some addr, r in lib.resources_of("AWS::DynamoDB::Table")
	pitr_on(r.properties)
	days := lib.number(r.properties[pitr].RecoveryPeriodInDays)
	days < min_days
	msg := sprintf("RecoveryPeriodInDays is %v; it must be at least %d", [days, min_days])
}

deny contains lib.unverifiable(addr, concat(".", [pitr, key]), v) if {
	some addr, r in lib.resources_of("AWS::DynamoDB::Table")
	some key in {"PointInTimeRecoveryEnabled", "RecoveryPeriodInDays"}
	v := r.properties[pitr][key]
	lib.unresolved(v)
}

pitr_on(p) if lib.truthy(p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled)
