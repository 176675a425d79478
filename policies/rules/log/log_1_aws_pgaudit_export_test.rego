package cordon.rules.log_1_aws_pgaudit_export_test

import data.cordon.rules.log_1_aws_pgaudit_export as rule

cluster := {"type": "AWS::RDS::DBCluster", "properties": {
	"Engine": "aurora-postgresql",
	"DBClusterIdentifier": "acme-db",
	"EnableCloudwatchLogsExports": ["postgresql"],
}}

group(days) := {"type": "AWS::Logs::LogGroup", "properties": {
	"LogGroupName": "/aws/rds/cluster/acme-db/postgresql",
	"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]},
	"RetentionInDays": days,
}}

with_cluster(k, v) := {"type": cluster.type, "properties": object.union(cluster.properties, {k: v})}

without_cluster(k) := {"type": cluster.type, "properties": object.remove(cluster.properties, [k])}

doc(c, g) := {"resources": {"C": c, "G": g}}

tenant(years) := {"retention": {"auditYears": years}}

findings(d) := {[f.resource, f.path] | some f in rule.deny with input as d; not f.unverifiable}

unverifiable(d) := {[f.resource, f.path] | some f in rule.deny with input as d; f.unverifiable}

test_pass_seven_years if count(rule.deny) == 0 with input as doc(cluster, group(2557))

test_pass_boundary_2555_days if count(rule.deny) == 0 with input as doc(cluster, group(2555))

test_pass_string_days if count(rule.deny) == 0 with input as doc(cluster, group("2557"))

test_pass_identifier_case_folded if count(rule.deny) == 0 with input as doc(with_cluster("DBClusterIdentifier", "Acme-DB"), group(2557))

test_pass_ten_year_contract if count(rule.deny) == 0 with input as object.union(doc(cluster, group(3653)), {"tenant": tenant(10)})

test_pass_never_expire_beyond_cloudwatch if {
	g := {"type": "AWS::Logs::LogGroup", "properties": object.remove(group(0).properties, ["RetentionInDays"])}
	count(rule.deny) == 0 with input as object.union(doc(cluster, g), {"tenant": tenant(11)})
}

test_pass_mysql_cluster_not_judged if {
	c := {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-mysql"}}
	count(rule.deny) == 0 with input as {"resources": {"C": c}}
}

test_pass_multi_az_postgres if count(rule.deny) == 0 with input as doc(with_cluster("Engine", "postgres"), group(2557))

test_fail_export_missing if findings(doc(without_cluster("EnableCloudwatchLogsExports"), group(2557))) == {["C", "EnableCloudwatchLogsExports"]}

test_fail_export_other_logs_only if findings(doc(with_cluster("EnableCloudwatchLogsExports", ["instance", "iam-db-auth-error"]), group(2557))) == {["C", "EnableCloudwatchLogsExports"]}

test_fail_identifier_missing if findings(doc(without_cluster("DBClusterIdentifier"), group(2557))) == {["C", "DBClusterIdentifier"]}

test_fail_identifier_unresolved_is_unverifiable if {
	d := doc(with_cluster("DBClusterIdentifier", {"Ref": "Name"}), group(2557))
	unverifiable(d) == {["C", "DBClusterIdentifier"]}
	count(findings(d)) == 0
}

test_fail_exports_unresolved_is_unverifiable if unverifiable(doc(with_cluster("EnableCloudwatchLogsExports", {"Ref": "Exports"}), group(2557))) == {["C", "EnableCloudwatchLogsExports"]}

test_fail_group_not_declared if {
	g := {"type": "AWS::Logs::LogGroup", "properties": object.union(group(2557).properties, {"LogGroupName": "/aws/rds/cluster/other-db/postgresql"})}
	findings(doc(cluster, g)) == {["C", "LogGroup"]}
}

test_fail_group_name_unresolved if {
	g := {"type": "AWS::Logs::LogGroup", "properties": object.union(group(2557).properties, {"LogGroupName": {"Fn::Sub": "/aws/rds/cluster/${C}/postgresql"}})}
	findings(doc(cluster, g)) == {["C", "LogGroup"]}
}

test_fail_boundary_2554_days if findings(doc(cluster, group(2554))) == {["G", "RetentionInDays"]}

test_fail_one_year if findings(doc(cluster, group(365))) == {["G", "RetentionInDays"]}

test_fail_under_tenant_contract if findings(object.union(doc(cluster, group(2557)), {"tenant": tenant(8)})) == {["G", "RetentionInDays"]}

test_fail_never_expire_within_cloudwatch if {
	g := {"type": "AWS::Logs::LogGroup", "properties": object.remove(group(0).properties, ["RetentionInDays"])}
	findings(object.union(doc(cluster, g), {"tenant": tenant(10)})) == {["G", "RetentionInDays"]}
}

test_fail_retention_unresolved_is_unverifiable if unverifiable(doc(cluster, group({"Ref": "Days"}))) == {["G", "RetentionInDays"]}
