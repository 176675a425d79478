# METADATA
# title: Artifact Registry repositories are encrypted with a customer-managed KMS key
# description: >-
#   A google_artifact_registry_repository that stores artifacts (standard or remote mode; virtual
#   repositories store nothing) must name a Cloud KMS key in kms_key_name (a key name or a reference
#   to a declared google_kms_crypto_key). An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-ARTIFACTS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set kms_key_name to the artifacts google_kms_crypto_key (it cannot be changed after creation).
#   resource_types: [google_artifact_registry_repository]
#   checks:
#     "google_artifact_registry_repository": [mode, kms_key_name]
package cordon.rules.enc_1_gcp_artifact_registry_cmek

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "kms_key_name", msg) if {
	some addr, r in stores
	enc.gcp_key_verdict(enc.prop(r.properties, "kms_key_name")) == "missing"
	msg := sprintf("kms_key_name is %s; the repository is encrypted with a Google-managed key", [lib.shown(r.properties, "kms_key_name")])
}

deny contains lib.unverifiable(addr, "kms_key_name", r.properties.kms_key_name) if {
	some addr, r in stores
	enc.gcp_key_verdict(r.properties.kms_key_name) == "unverifiable"
}

stores[addr] := r if {
	some addr, r in lib.resources_of("google_artifact_registry_repository")
	object.get(r.properties, "mode", "STANDARD_REPOSITORY") != "VIRTUAL_REPOSITORY"
}
