package cordon.rules.enc_1_gcp_bigtable_cmek_test

import data.cordon.rules.enc_1_gcp_bigtable_cmek as rule

doc(props) := {"resources": {"google_bigtable_instance.i": {"type": "google_bigtable_instance", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

key := "projects/kms/locations/europe-west1/keyRings/acme/cryptoKeys/bigtable"

p := "cluster.kms_key_name"

test_pass_one_cluster_reference if count(found({"name": "i", "cluster": {"cluster_id": "a", "zone": "europe-west1-b", "kms_key_name": "${google_kms_crypto_key.k.id}"}})) == 0

test_pass_every_cluster_keyed if {
	count(found({"name": "i", "cluster": [{"cluster_id": "a", "kms_key_name": key}, {"cluster_id": "b", "kms_key_name": key}]})) == 0
}

test_fail_one_cluster_without_key if found({"name": "i", "cluster": [{"cluster_id": "a", "kms_key_name": key}, {"cluster_id": "b"}]}) == {[p, false]}

test_fail_no_key if found({"name": "i", "cluster": {"cluster_id": "a", "zone": "europe-west1-b"}}) == {[p, false]}

test_fail_no_cluster if found({"name": "i"}) == {[p, false]}

test_fail_variable_unverifiable if found({"name": "i", "cluster": {"cluster_id": "a", "kms_key_name": "${var.bt_key}"}}) == {[p, true]}
