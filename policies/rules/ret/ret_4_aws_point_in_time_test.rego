package cordon.rules.ret_4_aws_point_in_time_test

import data.cordon.rules.ret_4_aws_point_in_time as rule

doc(type, props) := {"resources": {"Db": {"type": type, "properties": props}}}

paths(type, props) := {f.path | some f in rule.deny with input as doc(type, props)}

cluster := "AWS::RDS::DBCluster"

instance := "AWS::RDS::DBInstance"

table := "AWS::DynamoDB::Table"

test_pass_cluster_7 if count(paths(cluster, {"Engine": "aurora-postgresql", "BackupRetentionPeriod": 7})) == 0

test_pass_cluster_string_35 if count(paths(cluster, {"BackupRetentionPeriod": "35"})) == 0

test_pass_instance_7 if count(paths(instance, {"Engine": "postgres", "BackupRetentionPeriod": 7})) == 0

test_pass_aurora_member_follows_cluster if count(paths(instance, {"Engine": "aurora-postgresql", "DBClusterIdentifier": {"Ref": "Cluster"}})) == 0

test_pass_read_replica if count(paths(instance, {"SourceDBInstanceIdentifier": "arn:aws:rds:us-east-1:1:db:main"})) == 0

test_pass_table_pitr if count(paths(table, {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}})) == 0

test_pass_table_pitr_7_days if {
	count(paths(table, {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": "true", "RecoveryPeriodInDays": 7}})) == 0
}

test_fail_cluster_6 if paths(cluster, {"BackupRetentionPeriod": 6}) == {"BackupRetentionPeriod"}

test_fail_cluster_missing if paths(cluster, {"Engine": "aurora-mysql"}) == {"BackupRetentionPeriod"}

test_fail_instance_6 if paths(instance, {"Engine": "mysql", "BackupRetentionPeriod": "6"}) == {"BackupRetentionPeriod"}

test_fail_instance_backups_off if paths(instance, {"Engine": "postgres", "BackupRetentionPeriod": 0}) == {"BackupRetentionPeriod"}

test_fail_unresolved_period_is_unverifiable if {
	fs := rule.deny with input as doc(cluster, {"BackupRetentionPeriod": {"Ref": "BackupDays"}})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_table_without_pitr if paths(table, {"BillingMode": "PAY_PER_REQUEST"}) == {"PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"}

test_fail_table_pitr_off if {
	paths(table, {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}}) == {"PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"}
}

test_fail_table_pitr_6_days if {
	paths(table, {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 6}}) == {"PointInTimeRecoverySpecification.RecoveryPeriodInDays"}
}

test_fail_table_unresolved_is_unverifiable if {
	fs := rule.deny with input as doc(table, {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": {"Fn::If": ["Prod", true, false]}}})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

docdb := "AWS::DocDB::DBCluster"

global := "AWS::DynamoDB::GlobalTable"

replica(region, spec) := {"Region": region, "PointInTimeRecoverySpecification": spec}

test_pass_docdb_7 if count(paths(docdb, {"StorageEncrypted": true, "BackupRetentionPeriod": 7})) == 0

test_fail_docdb_default_1 if paths(docdb, {"StorageEncrypted": true}) == {"BackupRetentionPeriod"}

test_fail_docdb_6 if paths(docdb, {"BackupRetentionPeriod": 6}) == {"BackupRetentionPeriod"}

test_pass_global_every_replica if {
	count(paths(global, {"Replicas": [replica("us-east-1", {"PointInTimeRecoveryEnabled": true}), replica("eu-west-1", {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 35})]})) == 0
}

test_fail_global_one_replica_without_pitr if {
	paths(global, {"Replicas": [replica("us-east-1", {"PointInTimeRecoveryEnabled": true}), {"Region": "eu-west-1"}]}) == {"Replicas[1].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"}
}

test_fail_global_replica_6_days if {
	paths(global, {"Replicas": [replica("us-east-1", {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 6})]}) == {"Replicas[0].PointInTimeRecoverySpecification.RecoveryPeriodInDays"}
}

test_fail_global_replica_unresolved_is_unverifiable if {
	fs := rule.deny with input as doc(global, {"Replicas": [replica("us-east-1", {"PointInTimeRecoveryEnabled": {"Ref": "Pitr"}})]})
	count(fs) == 1
	some f in fs
	f.unverifiable
}
