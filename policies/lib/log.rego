# Helpers of the LOG rules shared across clouds.
package cordon.lib.log

# pgaudit statement classes a tenant's database must audit: reads too where PHI is kept.
pgaudit_required := {"ddl", "role", "write", "read"} if input.tenant.phi == true

else := {"ddl", "role", "write"}

# Required classes a pgaudit.log value leaves out (`all` counts, `-class` removes a class).
pgaudit_missing(v) := {c | some c in pgaudit_required; not pgaudit_logged(v, c)}

pgaudit_logged(v, c) if c in class_set(v)

pgaudit_logged(v, c) if {
	s := class_set(v)
	"all" in s
	not concat("", ["-", c]) in s
}

class_set(v) := {trim_space(x) | some x in split(lower(v), ",")} if is_string(v)

else := set()

# pgaudit.log_parameter and log_statement values that keep statement literals (document text) out.
quiet_parameter := {"0", "off", "false"}

quiet_statement := {"none", "ddl"}
