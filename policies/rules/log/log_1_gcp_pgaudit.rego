# METADATA
# title: Cloud SQL for PostgreSQL audits statements with pgaudit, without their parameters
# description: >-
#   Every google_sql_database_instance whose database_version is POSTGRES_* (or missing) must set
#   the database flags cloudsql.enable_pgaudit on and pgaudit.log with the ddl, role and write classes
#   (`all` counts, a `-class` removes it), and read too when the stack's tenant keeps PHI; the
#   entries are data-access audit logs, which the project's audit sink carries to the central
#   bucket. pgaudit.log_parameter must be off (missing is off) and log_statement none or ddl
#   (missing is none): mod and all log statements with their literals, i.e. document text.
# custom:
#   id: LOG-1-GCP-PGAUDIT
#   severity: high
#   level: mandatory
#   controls: [LOG-1, LOG-2]
#   remediation: >-
#     Add database_flags cloudsql.enable_pgaudit = on, pgaudit.log = ddl,role,write (plus read for
#     PHI tenants), pgaudit.log_parameter = off and log_statement = none to settings.
#   resource_types: [google_sql_database_instance]
#   checks:
#     "google_sql_database_instance": [database_version, settings.database_flags]
package cordon.rules.log_1_gcp_pgaudit

import data.cordon.lib
import data.cordon.lib.log

instances[addr] := r if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	postgres(r.properties)
}

postgres(p) if not lib.has(p, "database_version")

postgres(p) if lib.unresolved(p.database_version)

postgres(p) if {
	is_string(p.database_version)
	startswith(p.database_version, "POSTGRES")
}

flags(p) := {f.name: f.value |
	some s in lib.blocks(p.settings)
	some f in lib.blocks(s.database_flags)
	is_string(f.name)
}

flag(r, name) := object.get(flags(r.properties), name, null)

path := "settings.database_flags"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in instances
	v := flag(r, "cloudsql.enable_pgaudit")
	not lib.unresolved(v)
	not switched_on(v)
	msg := sprintf("cloudsql.enable_pgaudit is %s: no statement is audited", [shown(v)])
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in instances
	v := flag(r, "pgaudit.log")
	not lib.unresolved(v)
	missing := log.pgaudit_missing(v)
	count(missing) > 0
	msg := sprintf("pgaudit.log is %s: the %s statement classes go unaudited", [shown(v), concat(", ", sort(missing))])
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in instances
	v := flag(r, "pgaudit.log_parameter")
	v != null
	not lib.unresolved(v)
	not lower(sprintf("%v", [v])) in log.quiet_parameter
	msg := sprintf("pgaudit.log_parameter is %v: statement parameters (document text) would be logged", [v])
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in instances
	v := flag(r, "log_statement")
	v != null
	not lib.unresolved(v)
	not lower(sprintf("%v", [v])) in log.quiet_statement
	msg := sprintf("log_statement is %v: statements would be logged with their literals (document text); pgaudit is the statement log", [v])
}

deny contains lib.unverifiable(addr, path, v) if {
	some addr, r in instances
	some name in ["cloudsql.enable_pgaudit", "pgaudit.log", "pgaudit.log_parameter", "log_statement"]
	v := flag(r, name)
	lib.unresolved(v)
}

switched_on(v) if lower(v) == "on"

shown(null) := "missing"

shown(v) := sprintf("%v", [v]) if v != null
