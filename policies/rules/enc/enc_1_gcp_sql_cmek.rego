# METADATA
# title: Cloud SQL instances are encrypted with a customer-managed KMS key
# description: >-
#   A google_sql_database_instance must name a Cloud KMS key in encryption_key_name (a key name or a
#   reference to a declared google_kms_crypto_key). Without it Google-managed keys encrypt the
#   database, its replicas and backups. An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-SQL
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set encryption_key_name to the tenant's database google_kms_crypto_key (it cannot be changed later).
#   resource_types: [google_sql_database_instance]
#   checks:
#     "google_sql_database_instance": [encryption_key_name]
package cordon.rules.enc_1_gcp_sql_cmek

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "encryption_key_name", msg) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	enc.gcp_key_verdict(enc.prop(r.properties, "encryption_key_name")) == "missing"
	msg := sprintf("encryption_key_name is %s; the instance is encrypted with a Google-managed key", [lib.shown(r.properties, "encryption_key_name")])
}

deny contains lib.unverifiable(addr, "encryption_key_name", r.properties.encryption_key_name) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	enc.gcp_key_verdict(r.properties.encryption_key_name) == "unverifiable"
}
