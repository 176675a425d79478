# METADATA
# title: Cloud KMS keys are safe from deletion
# description: >-
#   A google_kms_crypto_key must keep destroyed versions restorable for at least 30 days
#   (destroy_scheduled_duration >= 2592000s; when absent, Cloud KMS applies its 30-day default) and
#   carry lifecycle { prevent_destroy = true }, so that no plan can destroy the key that all of a
#   tenant's data depends on. A destroy_scheduled_duration that is an interpolation is unverifiable.
# custom:
#   id: ENC-6-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-6]
#   remediation: >-
#     Set destroy_scheduled_duration = "2592000s" (or longer) and add lifecycle { prevent_destroy = true }
#     to the google_kms_crypto_key.
#   resource_types: [google_kms_crypto_key]
#   checks:
#     "google_kms_crypto_key": [destroy_scheduled_duration, lifecycle.prevent_destroy]
package cordon.rules.enc_6_gcp_key_deletion

import data.cordon.lib

min_seconds := 2592000

deny contains lib.finding(addr, "destroy_scheduled_duration", msg) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	lib.has(r.properties, "destroy_scheduled_duration")
	not lib.unresolved(r.properties.destroy_scheduled_duration)
	not window_kept(r.properties)
	msg := sprintf("destroy_scheduled_duration is %s; destroyed versions must stay restorable for at least %ds (30 days)", [lib.shown(r.properties, "destroy_scheduled_duration"), min_seconds])
}

deny contains lib.unverifiable(addr, "destroy_scheduled_duration", r.properties.destroy_scheduled_duration) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	lib.unresolved(r.properties.destroy_scheduled_duration)
}

deny contains lib.finding(addr, "lifecycle.prevent_destroy", msg) if {
	some addr, r in lib.resources_of("google_kms_crypto_key")
	not prevent_destroy(r.properties)
	msg := "lifecycle.prevent_destroy is not true: a plan may destroy the key"
}

window_kept(p) if lib.duration_seconds(p.destroy_scheduled_duration) >= min_seconds

prevent_destroy(p) if {
	some block in lib.blocks(p.lifecycle)
	lib.truthy(block.prevent_destroy)
}
