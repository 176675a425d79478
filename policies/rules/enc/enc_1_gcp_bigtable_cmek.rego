# METADATA
# title: Bigtable instances are encrypted with a customer-managed KMS key
# description: >-
#   Every cluster block of a google_bigtable_instance must name a Cloud KMS key in kms_key_name
#   (Bigtable encrypts each cluster with its own regional key); a cluster without one uses a
#   Google-managed key. An interpolation of anything but a google_kms_crypto_key is reported as
#   unverifiable.
# custom:
#   id: ENC-1-GCP-BIGTABLE
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set kms_key_name in every cluster block to the tenant's google_kms_crypto_key of the cluster's region.
#   resource_types: [google_bigtable_instance]
#   checks:
#     "google_bigtable_instance": [cluster.kms_key_name]
package cordon.rules.enc_1_gcp_bigtable_cmek

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_of("google_bigtable_instance")
	keys := [enc.prop(c, "kms_key_name") | some c in lib.blocks(r.properties.cluster)]
	some f in enc.gcp_key_findings(addr, "cluster.kms_key_name", keys, "a cluster names no Cloud KMS key in kms_key_name (or the instance declares no cluster): its tables are under a Google-managed key")
}
