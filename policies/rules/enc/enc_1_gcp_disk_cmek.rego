# METADATA
# title: Compute Engine disks are encrypted with a customer-managed KMS key
# description: >-
#   A google_compute_disk or google_compute_region_disk must name a Cloud KMS key in
#   disk_encryption_key.kms_key_self_link (a key name or a reference to a declared
#   google_kms_crypto_key). No key means a Google-managed key; raw_key or rsa_encrypted_key
#   (customer-supplied keys) are not KMS keys and cannot be rotated or audited in Cloud KMS.
#   An interpolation of anything else is reported as unverifiable.
# custom:
#   id: ENC-1-GCP-DISK
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Add disk_encryption_key { kms_key_self_link = <the tenant's google_kms_crypto_key> }.
#   resource_types: [google_compute_disk, google_compute_region_disk]
#   checks:
#     "google_compute_disk": [disk_encryption_key.kms_key_self_link]
#     "google_compute_region_disk": [disk_encryption_key.kms_key_self_link]
package cordon.rules.enc_1_gcp_disk_cmek

import data.cordon.lib
import data.cordon.lib.enc

path := "disk_encryption_key.kms_key_self_link"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in disks
	verdict(r.properties) == "missing"
	msg := "no disk_encryption_key.kms_key_self_link naming a Cloud KMS key: the disk uses a Google-managed or customer-supplied key"
}

deny contains lib.unverifiable(addr, path, value) if {
	some addr, r in disks
	verdict(r.properties) == "unverifiable"
	value := [v | some v in keys(r.properties); enc.gcp_key_verdict(v) == "unverifiable"][0]
}

disks[addr] := r if {
	some addr, r in lib.resources_in({"google_compute_disk", "google_compute_region_disk"})
}

keys(p) := [enc.prop(b, "kms_key_self_link") | some b in lib.blocks(p.disk_encryption_key)]

verdict(p) := "ok" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "ok"
} else := "unverifiable" if {
	some v in keys(p)
	enc.gcp_key_verdict(v) == "unverifiable"
} else := "missing"
