package cordon.rules.log_1_aws_pgaudit_test

import data.cordon.rules.log_1_aws_pgaudit as rule

good := {"rds.force_ssl": "1", "shared_preload_libraries": "pg_stat_statements, pgaudit", "pgaudit.log": "ddl,role,write", "pgaudit.log_parameter": "0", "log_statement": "none"}

group(params) := {"type": "AWS::RDS::DBClusterParameterGroup", "properties": {"Family": "aurora-postgresql16", "Parameters": params}}

with_param(k, v) := object.union(object.remove(good, [k]), {k: v})

findings(params, tenant) := {f.path | some f in rule.deny with input as {"resources": {"G": group(params)}, "tenant": tenant}}

unverifiable(params) := {f.path | some f in rule.deny with input as {"resources": {"G": group(params)}}; f.unverifiable}

test_pass_required_classes if count(findings(good, null)) == 0

test_pass_phi_with_read if count(findings(with_param("pgaudit.log", "DDL, role, write, read"), {"phi": true})) == 0

test_pass_all if count(findings(with_param("pgaudit.log", "all"), {"phi": true})) == 0

test_pass_quiet_settings_missing if count(findings(object.remove(good, ["pgaudit.log_parameter", "log_statement"]), null)) == 0

test_pass_log_statement_ddl if count(findings(with_param("log_statement", "ddl"), null)) == 0

test_pass_mysql_group_not_judged if {
	g := {"type": "AWS::RDS::DBParameterGroup", "properties": {"Family": "mysql8.0", "Parameters": {}}}
	count(rule.deny) == 0 with input as {"resources": {"G": g}}
}

test_fail_not_loaded if findings(with_param("shared_preload_libraries", "pg_stat_statements"), null) == {"Parameters.shared_preload_libraries"}

test_fail_no_parameters if {
	g := {"type": "AWS::RDS::DBParameterGroup", "properties": {"Family": "postgres16"}}
	fs := {f.path | some f in rule.deny with input as {"resources": {"G": g}}}
	fs == {"Parameters.shared_preload_libraries", "Parameters.pgaudit.log"}
}

test_fail_write_missing if findings(with_param("pgaudit.log", "ddl,role"), null) == {"Parameters.pgaudit.log"}

test_fail_phi_without_read if findings(good, {"phi": true}) == {"Parameters.pgaudit.log"}

test_fail_all_minus_write if findings(with_param("pgaudit.log", "all,-write"), null) == {"Parameters.pgaudit.log"}

test_fail_log_parameter_on if findings(with_param("pgaudit.log_parameter", "1"), null) == {"Parameters.pgaudit.log_parameter"}

test_fail_log_statement_mod if findings(with_param("log_statement", "mod"), null) == {"Parameters.log_statement"}

test_fail_parameter_ref_is_unverifiable if unverifiable(with_param("pgaudit.log", {"Ref": "AuditClasses"})) == {"Parameters.pgaudit.log"}
