package cordon.rules.log_1_aws_rds_monitoring_test

import data.cordon.rules.log_1_aws_rds_monitoring as rule

role := "arn:aws:iam::111111111111:role/cordon-rds-monitoring-us-east-1"

instance(props) := {"type": "AWS::RDS::DBInstance", "properties": object.union(
	{"Engine": "aurora-postgresql", "DBClusterIdentifier": {"Ref": "C"}, "MonitoringInterval": 60, "MonitoringRoleArn": role},
	props,
)}

without(k) := {"type": "AWS::RDS::DBInstance", "properties": object.remove(instance({}).properties, [k])}

cluster(props) := {"type": "AWS::RDS::DBCluster", "properties": object.union({"Engine": "aurora-postgresql"}, props)}

doc(i) := {"resources": {"I": i, "C": cluster({})}}

findings(d) := {f.path | some f in rule.deny with input as d; not f.unverifiable}

unverifiable(d) := {f.path | some f in rule.deny with input as d; f.unverifiable}

test_pass_sixty_seconds if count(rule.deny) == 0 with input as doc(instance({}))

test_pass_one_second_string if count(rule.deny) == 0 with input as doc(instance({"MonitoringInterval": "1"}))

test_pass_role_by_reference if count(rule.deny) == 0 with input as doc(instance({"MonitoringRoleArn": {"Fn::GetAtt": ["R", "Arn"]}}))

test_pass_cluster_monitors if {
	d := {"resources": {"I": without("MonitoringInterval"), "C": cluster({"MonitoringInterval": 30, "MonitoringRoleArn": role})}}
	count(rule.deny) == 0 with input as d
}

test_fail_interval_missing if findings(doc(without("MonitoringInterval"))) == {"MonitoringInterval"}

test_fail_interval_zero if findings(doc(instance({"MonitoringInterval": 0}))) == {"MonitoringInterval"}

test_fail_interval_not_accepted if findings(doc(instance({"MonitoringInterval": 120}))) == {"MonitoringInterval"}

test_fail_role_missing if findings(doc(without("MonitoringRoleArn"))) == {"MonitoringRoleArn"}

test_fail_role_empty if findings(doc(instance({"MonitoringRoleArn": " "}))) == {"MonitoringRoleArn"}

test_fail_cluster_without_role_does_not_cover if {
	d := {"resources": {"I": without("MonitoringRoleArn"), "C": cluster({"MonitoringInterval": 30})}}
	findings(d) == {"MonitoringRoleArn"}
}

test_fail_interval_unresolved_is_unverifiable if {
	d := doc(instance({"MonitoringInterval": {"Ref": "Interval"}}))
	unverifiable(d) == {"MonitoringInterval"}
	count(findings(d)) == 0
}

test_fail_role_literal_of_the_wrong_kind if {
	every v in ["rds-monitoring", "arn:aws:iam::123456789012:user/rds", "arn:aws:s3:::role/x"] {
		findings(doc(instance({"MonitoringRoleArn": v}))) == {"MonitoringRoleArn"}
	}
}

test_pass_role_outside_by_arn if count(rule.deny) == 0 with input as doc(instance({"MonitoringRoleArn": "arn:aws:iam::123456789012:role/rds-monitoring"}))
