package cordon.rules.enc_1_gcp_bucket_cmek_test

import data.cordon.rules.enc_1_gcp_bucket_cmek as rule

crypto_key := {"type": "google_kms_crypto_key", "properties": {"name": "k"}}

bucket(props) := {"resources": {"google_storage_bucket.b": {"type": "google_storage_bucket", "properties": props}, "google_kms_crypto_key.k": crypto_key}}

denied(props) := {f.resource | some f in rule.deny with input as bucket(props); not f.unverifiable}

unverifiable(props) := {f.resource | some f in rule.deny with input as bucket(props); f.unverifiable}

key := "projects/p/locations/l/keyRings/r/cryptoKeys/k"

test_pass_block_as_object if count(rule.deny) == 0 with input as bucket({"encryption": {"default_kms_key_name": key}})

test_pass_block_as_list if count(rule.deny) == 0 with input as bucket({"encryption": [{"default_kms_key_name": key}]})

test_pass_interpolated_key if {
	count(rule.deny) == 0 with input as bucket({"encryption": {"default_kms_key_name": "${google_kms_crypto_key.k.id}"}})
}

test_pass_data_source_key if {
	count(rule.deny) == 0 with input as bucket({"encryption": {"default_kms_key_name": "${data.google_kms_crypto_key.k.id}"}})
}

test_fail_no_encryption_block if denied({"name": "b"}) == {"google_storage_bucket.b"}

test_fail_empty_key if denied({"encryption": {"default_kms_key_name": " "}}) == {"google_storage_bucket.b"}

test_fail_empty_block_list if denied({"encryption": []}) == {"google_storage_bucket.b"}

test_fail_null_key if denied({"encryption": {"default_kms_key_name": null}}) == {"google_storage_bucket.b"}

test_fail_not_a_key_name if denied({"encryption": {"default_kms_key_name": "my-key"}}) == {"google_storage_bucket.b"}

test_fail_key_ring_not_key if denied({"encryption": {"default_kms_key_name": "projects/p/locations/l/keyRings/r"}}) == {"google_storage_bucket.b"}

test_fail_variable_unverifiable if {
	unverifiable({"encryption": {"default_kms_key_name": "${var.kms_key}"}}) == {"google_storage_bucket.b"}
	count(denied({"encryption": {"default_kms_key_name": "${var.kms_key}"}})) == 0
}

test_fail_undeclared_key_unverifiable if {
	unverifiable({"encryption": {"default_kms_key_name": "${google_kms_crypto_key.other.id}"}}) == {"google_storage_bucket.b"}
}

test_fail_interpolation_of_non_key_unverifiable if {
	doc := object.union(bucket({"encryption": {"default_kms_key_name": "${google_kms_key_ring.r.id}"}}), {"resources": {"google_kms_key_ring.r": {"type": "google_kms_key_ring", "properties": {}}}})
	{f.path | some f in rule.deny with input as doc; f.unverifiable} == {"encryption.default_kms_key_name"}
}

test_fail_unknown_after_apply_unverifiable if {
	unverifiable({"encryption": {"default_kms_key_name": "${unknown-after-apply}"}}) == {"google_storage_bucket.b"}
}
