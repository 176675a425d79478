# METADATA
# title: Cloud Run services are encrypted with a customer-managed KMS key
# description: >-
#   A google_cloud_run_v2_service must name a Cloud KMS key in template.encryption_key (a key name
#   or a reference to a declared google_kms_crypto_key), which encrypts its container images and
#   in-memory data at rest. An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-RUN
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set template.encryption_key to the service's google_kms_crypto_key and grant the Cloud Run service agent access.
#   resource_types: [google_cloud_run_v2_service]
#   checks:
#     "google_cloud_run_v2_service": [template.encryption_key]
package cordon.rules.enc_1_gcp_cloud_run_cmek

import data.cordon.lib
import data.cordon.lib.enc

path := "template.encryption_key"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("google_cloud_run_v2_service")
	verdict(r.properties) == "missing"
	msg := "no template.encryption_key naming a Cloud KMS key: the service is encrypted with a Google-managed key"
}

deny contains lib.unverifiable(addr, path, value) if {
	some addr, r in lib.resources_of("google_cloud_run_v2_service")
	verdict(r.properties) == "unverifiable"
	value := [v | some v in keys(r.properties); enc.gcp_key_verdict(v) == "unverifiable"][0]
}

keys(p) := [enc.prop(t, "encryption_key") | some t in lib.blocks(p.template)]

verdict(p) := "ok" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "ok"
} else := "unverifiable" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "unverifiable"
} else := "missing"
