# METADATA
# title: Cloud KMS keys rotate at least every 90 days
# description: >-
#   A symmetric Cloud KMS crypto key must set rotation_period to 7776000s (90 days) or less.
#   A key without rotation_period never rotates.
# custom:
#   id: ENC-2-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-2]
#   remediation: Set rotation_period = "7776000s" (or shorter) on the google_kms_crypto_key.
#   resource_types: [google_kms_crypto_key]
package cordon.rules.enc_2_gcp_key_rotation

import data.cordon.lib

max_seconds := 7776000

deny contains lib.finding(addr, "rotation_period", msg) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	symmetric(r.properties)
	not rotates_in_time(r.properties)
	msg := sprintf("rotation_period is %s; it must be at most %ds (90 days)", [lib.shown(r.properties, "rotation_period"), max_seconds])
}

# Only ENCRYPT_DECRYPT keys (the default purpose) support automatic rotation.
symmetric(p) if not lib.has(p, "purpose")

symmetric(p) if p.purpose == "ENCRYPT_DECRYPT"

rotates_in_time(p) if lib.duration_seconds(p.rotation_period) <= max_seconds
