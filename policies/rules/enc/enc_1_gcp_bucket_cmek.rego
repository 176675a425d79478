# METADATA
# title: Cloud Storage buckets are encrypted with a customer-managed KMS key
# description: >-
#   A google_storage_bucket must name a Cloud KMS key in encryption.default_kms_key_name.
#   Without it, Google-managed keys encrypt the data and the tenant's key protects nothing.
# custom:
#   id: ENC-1-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Add an encryption block with default_kms_key_name set to the tenant's crypto key.
#   resource_types: [google_storage_bucket]
package cordon.rules.enc_1_gcp_bucket_cmek

import data.cordon.lib

deny contains lib.finding(addr, "encryption.default_kms_key_name", msg) if {
	some addr, r in lib.resources_of("google_storage_bucket")
	not customer_key(r.properties)
	msg := "no encryption.default_kms_key_name: the bucket is encrypted with a Google-managed key"
}

customer_key(p) if {
	some block in lib.blocks(p.encryption)
	is_string(block.default_kms_key_name)
	trim_space(block.default_kms_key_name) != ""
}
