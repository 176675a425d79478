# METADATA
# title: Spanner databases are encrypted with a customer-managed KMS key
# description: >-
#   A google_spanner_database must name a Cloud KMS key in encryption_config.kms_key_name, or, for a
#   multi-region instance configuration, keys in encryption_config.kms_key_names, every one a Cloud
#   KMS key. Without encryption_config Spanner uses a Google-managed key. An interpolation of
#   anything but a google_kms_crypto_key is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-SPANNER
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Add encryption_config { kms_key_name = <the tenant's google_kms_crypto_key in the instance's region> }.
#   resource_types: [google_spanner_database]
#   checks:
#     "google_spanner_database": [encryption_config.kms_key_name, encryption_config.kms_key_names]
package cordon.rules.enc_1_gcp_spanner_cmek

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_of("google_spanner_database")
	keys := [ref.value | some ref in enc.stack_key_refs[addr]]
	some f in enc.gcp_key_findings(addr, "encryption_config", keys, "encryption_config names no Cloud KMS key (kms_key_name or kms_key_names): the database is under a Google-managed key")
}
