# METADATA
# title: PostgreSQL databases on AWS audit statements with pgaudit, without their parameters
# description: >-
#   Every AWS::RDS::DBClusterParameterGroup and AWS::RDS::DBParameterGroup of an (Aurora) PostgreSQL
#   family must load pgaudit (shared_preload_libraries) and log the ddl, role and write classes
#   (pgaudit.log; `all` counts, a `-class` removes it), and read too when the stack's tenant keeps
#   PHI. pgaudit.log_parameter must be off (0; missing is the engine's off) and log_statement none
#   or ddl (missing is none): mod and all log statements with their literals, i.e. document text.
#   Databases using no declared group are TLS-2-AWS-RDS's findings.
# custom:
#   id: LOG-1-AWS-PGAUDIT
#   severity: high
#   level: mandatory
#   controls: [LOG-1, LOG-2]
#   remediation: >-
#     In the parameter group set shared_preload_libraries to include pgaudit, pgaudit.log to
#     ddl,role,write (plus read for PHI tenants), pgaudit.log_parameter 0 and log_statement none.
#   resource_types: ["AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBParameterGroup"]
#   checks:
#     "AWS::RDS::DBClusterParameterGroup": [Family, Parameters]
#     "AWS::RDS::DBParameterGroup": [Family, Parameters]
package cordon.rules.log_1_aws_pgaudit

import data.cordon.lib
import data.cordon.lib.log

group_types := {"AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBParameterGroup"}

groups[addr] := r if {
	some addr, r in lib.resources_in(group_types)
	is_string(r.properties.Family)
	some prefix in {"aurora-postgresql", "postgres"}
	startswith(r.properties.Family, prefix)
}

param(r, name) := object.get(r.properties, ["Parameters", name], null)

deny contains lib.finding(addr, "Parameters.shared_preload_libraries", msg) if {
	some addr, r in groups
	v := param(r, "shared_preload_libraries")
	not lib.unresolved(v)
	not "pgaudit" in log.class_set(v)
	msg := sprintf("shared_preload_libraries is %s: pgaudit is not loaded, no statement is audited", [shown(v)])
}

deny contains lib.finding(addr, "Parameters.pgaudit.log", msg) if {
	some addr, r in groups
	v := param(r, "pgaudit.log")
	not lib.unresolved(v)
	missing := log.pgaudit_missing(v)
	count(missing) > 0
	msg := sprintf("pgaudit.log is %s: the %s statement classes go unaudited", [shown(v), concat(", ", sort(missing))])
}

deny contains lib.finding(addr, "Parameters.pgaudit.log_parameter", msg) if {
	some addr, r in groups
	v := param(r, "pgaudit.log_parameter")
	v != null
	not lib.unresolved(v)
	not lower(sprintf("%v", [v])) in log.quiet_parameter
	msg := sprintf("pgaudit.log_parameter is %v: statement parameters (document text) would be logged", [v])
}

deny contains lib.finding(addr, "Parameters.log_statement", msg) if {
	some addr, r in groups
	v := param(r, "log_statement")
	v != null
	not lib.unresolved(v)
	not lower(sprintf("%v", [v])) in log.quiet_statement
	msg := sprintf("log_statement is %v: statements would be logged with their literals (document text); pgaudit is the statement log", [v])
}

deny contains lib.unverifiable(addr, sprintf("Parameters.%s", [name]), v) if {
	some addr, r in groups
	some name in ["shared_preload_libraries", "pgaudit.log", "pgaudit.log_parameter", "log_statement"]
	v := param(r, name)
	lib.unresolved(v)
}

shown(null) := "missing"

shown(v) := sprintf("%v", [v]) if v != null
