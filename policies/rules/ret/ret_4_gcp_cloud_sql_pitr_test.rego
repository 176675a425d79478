package cordon.rules.ret_4_gcp_cloud_sql_pitr_test

import data.cordon.rules.ret_4_gcp_cloud_sql_pitr as rule

addr := "google_sql_database_instance.db"

doc(props) := {"resources": {addr: {"type": "google_sql_database_instance", "properties": props}}}

pg(backup) := {"database_version": "POSTGRES_16", "settings": {"backup_configuration": backup}}

paths(props) := {f.path | some f in rule.deny with input as doc(props)}

good := {"enabled": true, "point_in_time_recovery_enabled": true, "transaction_log_retention_days": 7}

test_pass_postgres if count(paths(pg(good))) == 0

test_pass_block_lists if {
	count(paths({"database_version": "POSTGRES_15", "settings": [{"backup_configuration": [object.union(good, {"transaction_log_retention_days": "7"})]}]})) == 0
}

test_pass_mysql_binary_log if {
	count(paths({"database_version": "MYSQL_8_0", "settings": {"backup_configuration": {"enabled": true, "binary_log_enabled": true, "transaction_log_retention_days": 7}}})) == 0
}

test_pass_replica_skipped if count(paths({"database_version": "POSTGRES_16", "master_instance_name": "${google_sql_database_instance.main.name}", "settings": {}})) == 0

test_fail_6_days if paths(pg(object.union(good, {"transaction_log_retention_days": 6}))) == {"settings.backup_configuration.transaction_log_retention_days"}

test_fail_days_missing if {
	paths(pg({"enabled": true, "point_in_time_recovery_enabled": true})) == {"settings.backup_configuration.transaction_log_retention_days"}
}

test_fail_pitr_off if paths(pg(object.union(good, {"point_in_time_recovery_enabled": false}))) == {"settings.backup_configuration.point_in_time_recovery_enabled"}

test_fail_backups_off if paths(pg(object.union(good, {"enabled": false}))) == {"settings.backup_configuration.enabled"}

test_fail_mysql_without_binary_log if {
	paths({"database_version": "MYSQL_8_0", "settings": {"backup_configuration": good}}) == {"settings.backup_configuration.binary_log_enabled"}
}

test_fail_no_backup_configuration if {
	paths({"database_version": "POSTGRES_16", "settings": {"tier": "db-f1-micro"}}) == {
		"settings.backup_configuration.enabled",
		"settings.backup_configuration.point_in_time_recovery_enabled",
		"settings.backup_configuration.transaction_log_retention_days",
	}
}

test_fail_unresolved_is_unverifiable if {
	fs := rule.deny with input as doc(pg(object.union(good, {"transaction_log_retention_days": "${var.log_days}"})))
	count(fs) == 1
	some f in fs
	f.unverifiable
}
