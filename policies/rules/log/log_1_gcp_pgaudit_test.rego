package cordon.rules.log_1_gcp_pgaudit_test

import data.cordon.rules.log_1_gcp_pgaudit as rule

good := {"cloudsql.enable_pgaudit": "on", "pgaudit.log": "ddl,role,write", "pgaudit.log_parameter": "off", "log_statement": "none"}

instance(flags, version) := {"type": "google_sql_database_instance", "properties": {"database_version": version, "settings": [{"database_flags": [{"name": k, "value": v} | some k, v in flags]}]}}

with_flag(k, v) := object.union(object.remove(good, [k]), {k: v})

findings(flags, tenant) := {f.message | some f in rule.deny with input as {"resources": {"db": instance(flags, "POSTGRES_16")}, "tenant": tenant}}

test_pass_required_classes if count(findings(good, null)) == 0

test_pass_phi_with_read if count(findings(with_flag("pgaudit.log", "ddl,role,write,read"), {"phi": true})) == 0

test_pass_quiet_settings_missing if count(findings(object.remove(good, ["pgaudit.log_parameter", "log_statement"]), null)) == 0

test_pass_mysql_not_judged if count(rule.deny) == 0 with input as {"resources": {"db": instance({}, "MYSQL_8_0")}}

test_fail_pgaudit_off if {
	fs := findings(with_flag("cloudsql.enable_pgaudit", "off"), null)
	count(fs) == 1
	some m in fs
	startswith(m, "cloudsql.enable_pgaudit is off")
}

test_fail_no_flags_without_version if {
	i := {"type": "google_sql_database_instance", "properties": {"settings": [{}]}}
	fs := {f.message | some f in rule.deny with input as {"resources": {"db": i}}}
	count(fs) == 2
}

test_fail_role_missing if {
	fs := findings(with_flag("pgaudit.log", "ddl,write"), null)
	fs == {"pgaudit.log is ddl,write: the role statement classes go unaudited"}
}

test_fail_phi_without_read if findings(good, {"phi": true}) == {"pgaudit.log is ddl,role,write: the read statement classes go unaudited"}

test_fail_log_parameter_on if count(findings(with_flag("pgaudit.log_parameter", "on"), null)) == 1

test_fail_log_statement_all if count(findings(with_flag("log_statement", "all"), null)) == 1

test_fail_unresolved_flag_is_unverifiable if {
	fs := rule.deny with input as {"resources": {"db": instance(with_flag("pgaudit.log", "${var.classes}"), "POSTGRES_16")}}
	count(fs) == 1
	some f in fs
	f.unverifiable
}
