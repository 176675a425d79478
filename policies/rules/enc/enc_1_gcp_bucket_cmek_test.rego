package cordon.rules.enc_1_gcp_bucket_cmek_test

import data.cordon.rules.enc_1_gcp_bucket_cmek as rule

bucket(props) := {"resources": {"google_storage_bucket.b": {"type": "google_storage_bucket", "properties": props}}}

denied(props) := {f.resource | some f in rule.deny with input as bucket(props)}

key := "projects/p/locations/l/keyRings/r/cryptoKeys/k"

test_pass_block_as_object if count(denied({"encryption": {"default_kms_key_name": key}})) == 0

test_pass_block_as_list if count(denied({"encryption": [{"default_kms_key_name": key}]})) == 0

test_pass_interpolated_key if {
	count(denied({"encryption": {"default_kms_key_name": "${google_kms_crypto_key.k.id}"}})) == 0
}

test_fail_no_encryption_block if denied({"name": "b"}) == {"google_storage_bucket.b"}

test_fail_empty_key if denied({"encryption": {"default_kms_key_name": " "}}) == {"google_storage_bucket.b"}

test_fail_empty_block_list if denied({"encryption": []}) == {"google_storage_bucket.b"}

test_fail_null_key if denied({"encryption": {"default_kms_key_name": null}}) == {"google_storage_bucket.b"}
