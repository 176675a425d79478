# METADATA
# title: Cloud SQL instances refuse connections without TLS
# description: >-
#   A google_sql_database_instance must set settings.ip_configuration.ssl_mode to ENCRYPTED_ONLY or
#   TRUSTED_CLIENT_CERTIFICATE_REQUIRED (the legacy require_ssl true is equivalent to the latter).
#   Without it, the default ALLOW_UNENCRYPTED_AND_ENCRYPTED accepts plain-text connections.
# custom:
#   id: TLS-2-GCP
#   severity: high
#   level: mandatory
#   controls: [TLS-2]
#   remediation: Set settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } } on the instance.
#   resource_types: [google_sql_database_instance]
#   checks:
#     "google_sql_database_instance": [settings.ip_configuration.ssl_mode, settings.ip_configuration.require_ssl]
package cordon.rules.tls_2_gcp_cloud_sql_ssl

import data.cordon.lib
import data.cordon.lib.tls

path := "settings.ip_configuration.ssl_mode"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	not encrypted(r.properties)
	not unresolved_mode(r.properties)
	msg := sprintf("ssl_mode is %s; it must be ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (the default, ALLOW_UNENCRYPTED_AND_ENCRYPTED, accepts plain text)", [mode(r.properties)])
}

deny contains lib.unverifiable(addr, path, v) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	not encrypted(r.properties)
	some ip in ip_configurations(r.properties)
	v := ip.ssl_mode
	lib.unresolved(v)
}

ip_configurations(p) := [ip |
	some s in lib.blocks(p.settings)
	some ip in lib.blocks(s.ip_configuration)
]

encrypted(p) if {
	some ip in ip_configurations(p)
	tls.cloud_sql_ssl_modes[ip.ssl_mode]
}

encrypted(p) if {
	some ip in ip_configurations(p)
	not lib.has(ip, "ssl_mode")
	lib.truthy(ip.require_ssl)
}

unresolved_mode(p) if {
	some ip in ip_configurations(p)
	lib.unresolved(ip.ssl_mode)
}

mode(p) := sprintf("%v", [m]) if {
	some ip in ip_configurations(p)
	m := ip.ssl_mode
} else := "missing"
