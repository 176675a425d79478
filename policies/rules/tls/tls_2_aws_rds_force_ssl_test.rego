package cordon.rules.tls_2_aws_rds_force_ssl_test

import data.cordon.rules.tls_2_aws_rds_force_ssl as rule

cluster(group_props) := {"resources": {
	"Params": {"type": "AWS::RDS::DBClusterParameterGroup", "properties": group_props},
	"Cluster": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterParameterGroupName": {"Ref": "Params"}}},
}}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

pg(v) := {"Family": "aurora-postgresql16", "Parameters": {"rds.force_ssl": v}}

test_pass_force_ssl_string if count(found(cluster(pg("1")))) == 0

test_pass_force_ssl_number if count(found(cluster(pg(1)))) == 0

test_pass_mysql_require_secure_transport if {
	count(found(cluster({"Family": "aurora-mysql8.0", "Parameters": {"require_secure_transport": "ON"}}))) == 0
}

test_pass_mysql_require_secure_transport_one if {
	count(found(cluster({"Family": "mysql8.0", "Parameters": {"require_secure_transport": "1"}}))) == 0
}

test_pass_mariadb_require_secure_transport_lower_case if {
	count(found(cluster({"Family": "mariadb10.11", "Parameters": {"require_secure_transport": "on"}}))) == 0
}

test_pass_sqlserver_force_ssl if count(found(cluster({"Family": "sqlserver-se-16.0", "Parameters": {"rds.force_ssl": "1"}}))) == 0

# rds.force_ssl takes 0 or 1 only; "true" and "on" are not among its documented values.
test_fail_force_ssl_true if found(cluster(pg("true"))) == {["Params", "Parameters.rds.force_ssl"]}

test_fail_force_ssl_on if found(cluster(pg("on"))) == {["Params", "Parameters.rds.force_ssl"]}

test_fail_mysql_true if found(cluster({"Family": "mysql8.0", "Parameters": {"require_secure_transport": "true"}})) == {["Params", "Parameters.require_secure_transport"]}

test_fail_force_ssl_zero if found(cluster(pg("0"))) == {["Params", "Parameters.rds.force_ssl"]}

test_fail_force_ssl_missing if found(cluster({"Family": "postgres16", "Parameters": {"log_connections": "1"}})) == {["Params", "Parameters.rds.force_ssl"]}

test_fail_parameters_missing if found(cluster({"Family": "postgres15"})) == {["Params", "Parameters.rds.force_ssl"]}

test_fail_mysql_off if found(cluster({"Family": "mysql8.0", "Parameters": {"require_secure_transport": "OFF"}})) == {["Params", "Parameters.require_secure_transport"]}

# Aurora MySQL families: "aurora" (5.6), "aurora5.6", "aurora-mysql5.7"; never the PostgreSQL parameter.
test_fail_legacy_aurora_families_need_require_secure_transport if {
	every family in ["aurora", "aurora5.6", "aurora-mysql5.7"] {
		found(cluster({"Family": family, "Parameters": {"rds.force_ssl": "1"}})) == {["Params", "Parameters.require_secure_transport"]}
	}
}

test_pass_family_outside_scope if count(found(cluster({"Family": "oracle-ee-19", "Parameters": {}}))) == 0

test_fail_force_ssl_unresolved if {
	fs := rule.deny with input as cluster(pg({"Ref": "ForceSsl"}))
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_cluster_on_default_group if {
	found({"resources": {"C": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql"}}}}) == {["C", "DBClusterParameterGroupName"]}
}

test_fail_cluster_on_named_default_group if {
	found({"resources": {"C": {"type": "AWS::RDS::DBCluster", "properties": {"DBClusterParameterGroupName": "default.aurora-postgresql16"}}}}) == {["C", "DBClusterParameterGroupName"]}
}

test_fail_cluster_group_parameter if {
	fs := rule.deny with input as {"resources": {"C": {"type": "AWS::RDS::DBCluster", "properties": {"DBClusterParameterGroupName": {"Ref": "GroupParam"}}}}}
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_cluster_group_wrong_type if {
	found({"resources": {
		"G": {"type": "AWS::RDS::DBParameterGroup", "properties": pg("1")},
		"C": {"type": "AWS::RDS::DBCluster", "properties": {"DBClusterParameterGroupName": {"Ref": "G"}}},
	}}) == {["C", "DBClusterParameterGroupName"]}
}

test_pass_cluster_member_instance if {
	d := cluster(pg("1"))
	count(found({"resources": object.union(d.resources, {"I": {"type": "AWS::RDS::DBInstance", "properties": {"Engine": "aurora-postgresql", "DBClusterIdentifier": {"Ref": "Cluster"}}}})})) == 0
}

test_fail_standalone_instance_default_group if {
	found({"resources": {"I": {"type": "AWS::RDS::DBInstance", "properties": {"Engine": "postgres", "DBInstanceClass": "db.t4g.micro"}}}}) == {["I", "DBParameterGroupName"]}
}

test_pass_standalone_instance_with_group if {
	count(found({"resources": {
		"G": {"type": "AWS::RDS::DBParameterGroup", "properties": {"Family": "postgres16", "Parameters": {"rds.force_ssl": "1"}}},
		"I": {"type": "AWS::RDS::DBInstance", "properties": {"Engine": "postgres", "DBParameterGroupName": {"Ref": "G"}}},
	}})) == 0
}

test_pass_oracle_out_of_scope if {
	count(found({"resources": {"I": {"type": "AWS::RDS::DBInstance", "properties": {"Engine": "oracle-se2"}}}})) == 0
}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

test_fail_cluster_group_declared_elsewhere_is_unverifiable if {
	d := {"resources": {"C": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterParameterGroupName": "platform-pg-tls"}}}}
	unverifiable(d) == {["C", "DBClusterParameterGroupName", "DBClusterParameterGroupName names parameter group platform-pg-tls outside the input: whether it forces TLS cannot be checked"]}
	found(d) == {["C", "DBClusterParameterGroupName"]}
}

test_fail_instance_group_declared_elsewhere_is_unverifiable if {
	d := {"resources": {"I": {"type": "AWS::RDS::DBInstance", "properties": {"Engine": "postgres", "DBParameterGroupName": "platform-pg-tls"}}}}
	unverifiable(d) == {["I", "DBParameterGroupName", "DBParameterGroupName names parameter group platform-pg-tls outside the input: whether it forces TLS cannot be checked"]}
}

test_pass_group_named_here if {
	count(found({"resources": {
		"G": {"type": "AWS::RDS::DBClusterParameterGroup", "properties": {"DBClusterParameterGroupName": "Tenant-PG", "Family": "aurora-postgresql16", "Parameters": {"rds.force_ssl": "1"}}},
		"C": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterParameterGroupName": "tenant-pg"}},
	}})) == 0
}

test_fail_group_named_here_of_the_other_kind_is_unverifiable if {
	# An instance parameter group does not serve a cluster: the cluster's name points elsewhere.
	d := {"resources": {
		"G": {"type": "AWS::RDS::DBParameterGroup", "properties": {"DBParameterGroupName": "tenant-pg", "Family": "aurora-postgresql16", "Parameters": {"rds.force_ssl": "1"}}},
		"C": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterParameterGroupName": "tenant-pg"}},
	}}
	count(unverifiable(d)) == 1
}

test_fail_group_name_of_the_wrong_kind if {
	every v in ["default.aurora-postgresql16", "arn:aws:rds:eu-west-1:123456789012:cluster-pg:tls", "tls--pg", ""] {
		d := {"resources": {"C": {"type": "AWS::RDS::DBCluster", "properties": {"Engine": "aurora-postgresql", "DBClusterParameterGroupName": v}}}}
		found(d) == {["C", "DBClusterParameterGroupName"]}
		count(unverifiable(d)) == 0
	}
}
