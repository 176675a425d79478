# METADATA
# title: Cloud Logging buckets are encrypted with a customer-managed KMS key
# description: >-
#   A google_logging_project_bucket_config must name a Cloud KMS key in cmek_settings.kms_key_name
#   (a key name or a reference to a declared google_kms_crypto_key); otherwise the logs sit under
#   Google-managed keys. An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-LOGS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Add cmek_settings { kms_key_name = <the logs google_kms_crypto_key> } (a regional bucket; the key in the same location).
#   resource_types: [google_logging_project_bucket_config]
#   checks:
#     "google_logging_project_bucket_config": [cmek_settings.kms_key_name]
package cordon.rules.enc_1_gcp_log_bucket_cmek

import data.cordon.lib
import data.cordon.lib.enc

path := "cmek_settings.kms_key_name"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("google_logging_project_bucket_config")
	verdict(r.properties) == "missing"
	msg := "no cmek_settings.kms_key_name naming a Cloud KMS key: the log bucket uses a Google-managed key"
}

deny contains lib.unverifiable(addr, path, value) if {
	some addr, r in lib.resources_of("google_logging_project_bucket_config")
	verdict(r.properties) == "unverifiable"
	value := [v | some v in keys(r.properties); enc.gcp_key_verdict(v) == "unverifiable"][0]
}

keys(p) := [enc.prop(b, "kms_key_name") | some b in lib.blocks(p.cmek_settings)]

verdict(p) := "ok" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "ok"
} else := "unverifiable" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "unverifiable"
} else := "missing"
