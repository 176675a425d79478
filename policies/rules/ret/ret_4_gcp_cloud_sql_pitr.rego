# METADATA
# title: Cloud SQL instances can be restored to any point of the last 7 days
# description: >-
#   A Cloud SQL primary instance must have settings.backup_configuration with enabled = true,
#   point-in-time recovery on (point_in_time_recovery_enabled; binary_log_enabled for MySQL) and
#   transaction_log_retention_days of at least 7. Read replicas (master_instance_name set) have no
#   backups of their own and are skipped.
# custom:
#   id: RET-4-GCP
#   severity: high
#   level: mandatory
#   controls: [RET-4]
#   remediation: >-
#     Set settings.backup_configuration { enabled = true, point_in_time_recovery_enabled = true
#     (binary_log_enabled for MySQL), transaction_log_retention_days = 7 }.
#   resource_types: [google_sql_database_instance]
#   checks:
#     "google_sql_database_instance": [master_instance_name, database_version, settings.backup_configuration]
package cordon.rules.ret_4_gcp_cloud_sql_pitr

import data.cordon.lib

min_days := 7

bc := "settings.backup_configuration"

primaries[addr] := r if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	not replica(r.properties)
}

replica(p) if {
	is_string(p.master_instance_name)
	p.master_instance_name != ""
}

# The backup_configuration blocks of the instance, [] when absent.
backups(p) := [b |
	some s in lib.blocks(p.settings)
	some b in lib.blocks(s.backup_configuration)
]

deny contains lib.finding(addr, concat(".", [bc, "enabled"]), "automated backups are not enabled") if {
	some addr, r in primaries
	not some_on(backups(r.properties), "enabled")
	not some_unresolved(backups(r.properties), "enabled")
}

deny contains lib.finding(addr, concat(".", [bc, flag]), sprintf("%s is not true: point-in-time recovery is off", [flag])) if {
	some addr, r in primaries
	flag := pitr_flag(r.properties)
	not some_on(backups(r.properties), flag)
	not some_unresolved(backups(r.properties), flag)
}

deny contains lib.finding(addr, concat(".", [bc, "transaction_log_retention_days"]), msg) if {
	some addr, r in primaries
	not logs_kept(backups(r.properties))
	not some_unresolved(backups(r.properties), "transaction_log_retention_days")
	msg := sprintf("transaction_log_retention_days is %s; it must be at least %d", [shown_days(backups(r.properties)), min_days])
}

deny contains lib.unverifiable(addr, concat(".", [bc, key]), b[key]) if {
	some addr, r in primaries
	some b in backups(r.properties)
	some key in {"enabled", "point_in_time_recovery_enabled", "binary_log_enabled", "transaction_log_retention_days"}
	lib.unresolved(b[key])
}

pitr_flag(p) := "binary_log_enabled" if startswith(object.get(p, "database_version", ""), "MYSQL")

pitr_flag(p) := "point_in_time_recovery_enabled" if not startswith(object.get(p, "database_version", ""), "MYSQL")

some_on(blocks, key) if {
	some b in blocks
	lib.truthy(b[key])
}

some_unresolved(blocks, key) if {
	some b in blocks
	lib.unresolved(b[key])
}

logs_kept(blocks) if {
	some b in blocks
	lib.number(b.transaction_log_retention_days) >= min_days
}

shown_days(blocks) := lib.shown(blocks[0], "transaction_log_retention_days") if count(blocks) > 0

shown_days(blocks) := "missing" if count(blocks) == 0
