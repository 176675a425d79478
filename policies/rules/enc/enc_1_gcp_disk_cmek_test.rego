package cordon.rules.enc_1_gcp_disk_cmek_test

import data.cordon.rules.enc_1_gcp_disk_cmek as rule

doc(type, props) := {"resources": {"d": {"type": type, "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(type, props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(type, props)}

p := "disk_encryption_key.kms_key_self_link"

test_pass_zonal_reference if count(found("google_compute_disk", {"disk_encryption_key": {"kms_key_self_link": "${google_kms_crypto_key.k.id}"}})) == 0

test_pass_regional_literal if {
	count(found("google_compute_region_disk", {"disk_encryption_key": [{"kms_key_self_link": "projects/kms/locations/europe-west1/keyRings/r/cryptoKeys/disk"}]})) == 0
}

test_fail_no_key if found("google_compute_disk", {"size": 100}) == {[p, false]}

test_fail_csek_raw_key if found("google_compute_disk", {"disk_encryption_key": {"raw_key": "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="}}) == {[p, false]}

test_fail_regional_missing if found("google_compute_region_disk", {"size": 100}) == {[p, false]}

test_fail_variable_unverifiable if found("google_compute_disk", {"disk_encryption_key": {"kms_key_self_link": "${var.disk_key}"}}) == {[p, true]}
