# METADATA
# title: Cloud Storage buckets are encrypted with a customer-managed KMS key
# description: >-
#   A google_storage_bucket must name a Cloud KMS key in encryption.default_kms_key_name: a key name
#   (projects/P/locations/L/keyRings/R/cryptoKeys/K) or a reference to a declared
#   google_kms_crypto_key. Without it, Google-managed keys encrypt the data and the tenant's key
#   protects nothing. An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Add an encryption block with default_kms_key_name set to the tenant's crypto key.
#   resource_types: [google_storage_bucket]
#   checks:
#     "google_storage_bucket": [encryption.default_kms_key_name]
package cordon.rules.enc_1_gcp_bucket_cmek

import data.cordon.lib
import data.cordon.lib.enc

path := "encryption.default_kms_key_name"

deny contains lib.finding(addr, path, msg) if {
	flagged[addr] == "missing"
	msg := "no encryption.default_kms_key_name naming a Cloud KMS key: the bucket is encrypted with a Google-managed key"
}

deny contains lib.unverifiable(addr, path, value) if {
	flagged[addr] == "unverifiable"
	value := [v | some v in keys(input.resources[addr].properties); enc.gcp_key_verdict(v) == "unverifiable"][0]
}

# The verdict on each bucket that is not ok, worked out once per bucket.
flagged[addr] := v if {
	some addr, r in lib.resources_of("google_storage_bucket")
	v := verdict(r.properties)
	v != "ok"
}

keys(p) := [enc.prop(b, "default_kms_key_name") | some b in lib.blocks(p.encryption)]

verdict(p) := "ok" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "ok"
} else := "unverifiable" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "unverifiable"
} else := "missing"
