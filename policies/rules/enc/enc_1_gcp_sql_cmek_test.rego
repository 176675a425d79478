package cordon.rules.enc_1_gcp_sql_cmek_test

import data.cordon.rules.enc_1_gcp_sql_cmek as rule

doc(props) := {"resources": {"google_sql_database_instance.db": {"type": "google_sql_database_instance", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_reference if count(found({"encryption_key_name": "${google_kms_crypto_key.k.id}"})) == 0

test_pass_key_name if count(found({"encryption_key_name": "projects/kms/locations/europe-west1/keyRings/r/cryptoKeys/db"})) == 0

test_fail_missing if found({"database_version": "POSTGRES_16"}) == {["encryption_key_name", false]}

test_fail_empty if found({"encryption_key_name": ""}) == {["encryption_key_name", false]}

test_fail_not_a_key if found({"encryption_key_name": "db-key"}) == {["encryption_key_name", false]}

test_fail_variable_unverifiable if found({"encryption_key_name": "${var.db_key}"}) == {["encryption_key_name", true]}

test_fail_reference_to_ring_unverifiable if {
	d := object.union(doc({"encryption_key_name": "${google_kms_key_ring.r.id}"}), {"resources": {"google_kms_key_ring.r": {"type": "google_kms_key_ring", "properties": {}}}})
	{[f.path, f.unverifiable] | some f in rule.deny with input as d} == {["encryption_key_name", true]}
}
