package cordon.rules.enc_1_gcp_spanner_cmek_test

import data.cordon.rules.enc_1_gcp_spanner_cmek as rule

doc(props) := {"resources": {"google_spanner_database.d": {"type": "google_spanner_database", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

key(region) := sprintf("projects/kms/locations/%s/keyRings/acme/cryptoKeys/spanner", [region])

test_pass_reference if count(found({"instance": "main", "name": "db", "encryption_config": {"kms_key_name": "${google_kms_crypto_key.k.id}"}})) == 0

test_pass_multi_region_keys if {
	count(found({"instance": "main", "name": "db", "encryption_config": [{"kms_key_names": [key("us-east1"), key("us-central1")]}]})) == 0
}

# A plan writes the unset single key as null beside the list.
test_pass_multi_region_keys_beside_a_null_key if {
	count(found({"instance": "main", "name": "db", "encryption_config": [{"kms_key_name": null, "kms_key_names": [key("us-east1"), key("us-central1")]}]})) == 0
}

test_fail_no_encryption_config if found({"instance": "main", "name": "db"}) == {["encryption_config", false]}

test_fail_empty_block if found({"instance": "main", "name": "db", "encryption_config": {}}) == {["encryption_config", false]}

test_fail_one_of_several_not_a_key if {
	found({"instance": "main", "name": "db", "encryption_config": {"kms_key_names": [key("us-east1"), "projects/kms/locations/us-central1/keyRings/acme"]}}) == {["encryption_config", false]}
}

test_fail_variable_unverifiable if found({"instance": "main", "name": "db", "encryption_config": {"kms_key_name": "${var.spanner_key}"}}) == {["encryption_config", true]}

test_fail_list_variable_unverifiable if found({"instance": "main", "name": "db", "encryption_config": {"kms_key_names": "${var.keys}"}}) == {["encryption_config", true]}
