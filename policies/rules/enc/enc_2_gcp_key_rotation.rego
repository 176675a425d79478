# METADATA
# title: Cloud KMS keys rotate at least every 90 days
# description: >-
#   A symmetric Cloud KMS crypto key must set rotation_period to 7776000s (90 days) or less.
#   A key without rotation_period never rotates. A rotation_period (or purpose) that is an
#   interpolation is reported as unverifiable.
# custom:
#   id: ENC-2-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-2]
#   remediation: Set rotation_period = "7776000s" (or shorter) on the google_kms_crypto_key.
#   resource_types: [google_kms_crypto_key]
#   checks:
#     "google_kms_crypto_key": [rotation_period, purpose]
package cordon.rules.enc_2_gcp_key_rotation

import data.cordon.lib

max_seconds := 7776000

deny contains lib.finding(addr, "rotation_period", msg) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	symmetric(r.properties)
	not rotates_in_time(r.properties)
	not lib.unresolved(object.get(r.properties, "rotation_period", null))
	msg := sprintf("rotation_period is %s; it must be at most %ds (90 days)", [lib.shown(r.properties, "rotation_period"), max_seconds])
}

deny contains lib.unverifiable(addr, "rotation_period", r.properties.rotation_period) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	symmetric(r.properties)
	lib.unresolved(r.properties.rotation_period)
}

deny contains lib.unverifiable(addr, "purpose", r.properties.purpose) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	lib.unresolved(r.properties.purpose)
	not rotates_in_time(r.properties)
}

# Only ENCRYPT_DECRYPT keys (the default purpose) support automatic rotation.
symmetric(p) if not lib.has(p, "purpose")

symmetric(p) if p.purpose == "ENCRYPT_DECRYPT"

rotates_in_time(p) if lib.duration_seconds(p.rotation_period) <= max_seconds
