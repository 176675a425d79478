package cordon.rules.log_1_aws_log_retention_test

import data.cordon.rules.log_1_aws_log_retention as rule

group(props) := {"type": "AWS::Logs::LogGroup", "properties": props}

found(resources) := {[f.resource, object.get(f, "unverifiable", false)] | some f in rule.deny with input as {"resources": resources, "imports": {}}}

waf_logging := {"type": "AWS::WAFv2::LoggingConfiguration", "properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}, "LogDestinationConfigs": [{"Fn::GetAtt": ["Waf", "Arn"]}]}}

pg_cluster := {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterIdentifier": "Acme-DB"}}

test_pass_one_day if count(found({"G": group({"RetentionInDays": 1})})) == 0

test_pass_string_days if count(found({"G": group({"RetentionInDays": "365"})})) == 0

# Audit groups are judged by the audit rules, which accept no expiry for a contract beyond 10 years.
test_pass_waf_log_group_without_retention_left_to_ret_3 if count(found({"Waf": group({"LogGroupName": "aws-waf-logs-edge"}), "L": waf_logging})) == 0

test_pass_pgaudit_group_without_retention_left_to_pgaudit_rule if {
	count(found({"Db": pg_cluster, "Pg": group({"LogGroupName": "/aws/rds/cluster/acme-db/postgresql"})})) == 0
}

test_fail_missing if found({"G": group({"KmsKeyId": "arn:aws:kms:us-east-1:1:key/k"})}) == {["G", false]}

test_fail_null if found({"G": group({"RetentionInDays": null})}) == {["G", false]}

test_fail_zero if found({"G": group({"RetentionInDays": 0})}) == {["G", false]}

test_fail_group_of_another_cluster_is_not_audit if {
	found({"Db": pg_cluster, "Pg": group({"LogGroupName": "/aws/rds/cluster/other-db/postgresql"})}) == {["Pg", false]}
}

test_fail_unresolved_is_unverifiable if found({"G": group({"RetentionInDays": {"Ref": "Days"}})}) == {["G", true]}
