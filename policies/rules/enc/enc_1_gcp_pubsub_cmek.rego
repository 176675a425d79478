# METADATA
# title: Pub/Sub topics are encrypted with a customer-managed KMS key
# description: >-
#   A google_pubsub_topic must name a Cloud KMS key in kms_key_name; without it the messages it
#   holds are under a Google-managed key. An interpolation of anything but a google_kms_crypto_key is
#   reported as unverifiable.
# custom:
#   id: ENC-1-GCP-PUBSUB
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set kms_key_name to the tenant's google_kms_crypto_key (the Pub/Sub service agent needs encrypter/decrypter on it).
#   resource_types: [google_pubsub_topic]
#   checks:
#     "google_pubsub_topic": [kms_key_name]
package cordon.rules.enc_1_gcp_pubsub_cmek

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_of("google_pubsub_topic")
	some f in enc.gcp_key_findings(addr, "kms_key_name", [enc.prop(r.properties, "kms_key_name")], "kms_key_name names no Cloud KMS key: the topic's messages are under a Google-managed key")
}
