# METADATA
# title: AWS databases can be restored to any point of the last 7 days
# description: >-
#   An RDS or Aurora DB cluster, an RDS DB instance that is neither a cluster member nor a read
#   replica, and a DocumentDB cluster must set BackupRetentionPeriod to 7 days or more
#   (CloudFormation defaults to 1), the window their point-in-time restore reaches back. A DynamoDB
#   table, and every replica of a DynamoDB global table (Replicas[].PointInTimeRecoverySpecification),
#   must enable PointInTimeRecoveryEnabled, with RecoveryPeriodInDays, when set, of at least 7.
# custom:
#   id: RET-4-AWS
#   severity: high
#   level: mandatory
#   controls: [RET-4]
#   remediation: >-
#     Set BackupRetentionPeriod to 7 or more on the DB cluster or instance; enable point-in-time
#     recovery on DynamoDB tables and on every replica of a global table.
#   resource_types: ["AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::DocDB::DBCluster", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]
#   checks:
#     "AWS::RDS::DBCluster": [BackupRetentionPeriod]
#     "AWS::RDS::DBInstance": [DBClusterIdentifier, SourceDBInstanceIdentifier, SourceDBClusterIdentifier, BackupRetentionPeriod]
#     "AWS::DocDB::DBCluster": [BackupRetentionPeriod]
#     "AWS::DynamoDB::Table": [PointInTimeRecoverySpecification]
#     "AWS::DynamoDB::GlobalTable": [Replicas.PointInTimeRecoverySpecification]
package cordon.rules.ret_4_aws_point_in_time

import data.cordon.lib

min_days := 7

# Resources whose BackupRetentionPeriod decides point-in-time restore.
backed_up[addr] := r if {
	some addr, r in lib.resources_in({"AWS::RDS::DBCluster", "AWS::DocDB::DBCluster"})
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

# Every PITR setting to judge: {addr, prefix, spec}: a table's own, and each global table replica's.
pitr_specs contains {"addr": addr, "prefix": pitr, "spec": object.get(r.properties, pitr, {})} if {
	some addr, r in lib.resources_of("AWS::DynamoDB::Table")
}

pitr_specs contains {"addr": addr, "prefix": sprintf("Replicas[%d].%s", [i, pitr]), "spec": object.get(replica, pitr, {})} if {
	some addr, r in lib.resources_of("AWS::DynamoDB::GlobalTable")
	some i, replica in r.properties.Replicas
}

deny contains lib.finding(s.addr, concat(".", [s.prefix, "PointInTimeRecoveryEnabled"]), msg) if {
	some s in pitr_specs
	not pitr_on(s.spec)
	not lib.unresolved(object.get(s.spec, "PointInTimeRecoveryEnabled", false))
	msg := "point-in-time recovery is not enabled: the table cannot be restored to a moment of the last 7 days"
}

deny contains lib.finding(s.addr, concat(".", [s.prefix, "RecoveryPeriodInDays"]), msg) if {
	some s in pitr_specs
	pitr_on(s.spec)
	days := lib.number(s.spec.RecoveryPeriodInDays)
	days < min_days
	msg := sprintf("RecoveryPeriodInDays is %v; it must be at least %d", [days, min_days])
}

deny contains lib.unverifiable(s.addr, concat(".", [s.prefix, key]), v) if {
	some s in pitr_specs
	some key in {"PointInTimeRecoveryEnabled", "RecoveryPeriodInDays"}
	v := s.spec[key]
	lib.unresolved(v)
}

pitr_on(spec) if lib.truthy(spec.PointInTimeRecoveryEnabled)
