# METADATA
# title: RDS instances report enhanced monitoring through a monitoring role
# description: >-
#   Every AWS::RDS::DBInstance must set MonitoringInterval to 1, 5, 10, 15, 30 or 60 seconds (missing
#   or 0 is off) and a MonitoringRoleArn, the role RDS assumes to publish OS metrics to the account's
#   RDSOSMetrics log group; an instance of an AWS::RDS::DBCluster of the stack that sets both is
#   covered by the cluster. An unresolved interval is unverifiable; a role given by an intrinsic or an
#   IAM role ARN counts as set (RDS refuses an instance whose role it cannot assume); another literal
#   fails. The RDSOSMetrics group itself is declared once per account and region by the platform
#   stack (DatabaseMonitoring) and its key is proven by ENC-1-AWS-LOGS.
# custom:
#   id: LOG-1-AWS-RDS-MONITORING
#   severity: medium
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Set MonitoringInterval 60 and MonitoringRoleArn (a role trusted by monitoring.rds.amazonaws.com
#     with AmazonRDSEnhancedMonitoringRole) on every DB instance.
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   checks:
#     "AWS::RDS::DBInstance": [DBClusterIdentifier, MonitoringInterval, MonitoringRoleArn]
#     "AWS::RDS::DBCluster": [MonitoringInterval, MonitoringRoleArn]
package cordon.rules.log_1_aws_rds_monitoring

import data.cordon.lib

intervals := {1, 5, 10, 15, 30, 60}

deny contains lib.finding(addr, "MonitoringInterval", msg) if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	v := object.get(r.properties, "MonitoringInterval", null)
	not lib.unresolved(v)
	not monitoring(v)
	not cluster_monitors(r.properties)
	msg := sprintf("MonitoringInterval is %s: enhanced monitoring is off (accepted: 1, 5, 10, 15, 30, 60 seconds)", [lib.shown(r.properties, "MonitoringInterval")])
}

deny contains lib.unverifiable(addr, "MonitoringInterval", v) if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	v := r.properties.MonitoringInterval
	lib.unresolved(v)
	not cluster_monitors(r.properties)
}

deny contains lib.finding(addr, "MonitoringRoleArn", msg) if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	not role_set(r.properties)
	not cluster_monitors(r.properties)
	msg := sprintf("MonitoringRoleArn is %s: RDS has no role to publish enhanced monitoring metrics with", [lib.shown(r.properties, "MonitoringRoleArn")])
}

monitoring(v) if lib.number(v) in intervals

role_set(p) if lib.unresolved(p.MonitoringRoleArn)

# A role outside the input, by ARN, counts as set: RDS refuses an instance whose role it cannot assume.
role_set(p) if lib.aws_arn(p.MonitoringRoleArn, "iam", "role/")

cluster_monitors(p) if {
	c := input.resources[lib.ref_address(p.DBClusterIdentifier)]
	c.type == "AWS::RDS::DBCluster"
	monitoring(c.properties.MonitoringInterval)
	role_set(c.properties)
}
