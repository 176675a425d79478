package cordon.rules.enc_1_gcp_pubsub_cmek_test

import data.cordon.rules.enc_1_gcp_pubsub_cmek as rule

doc(props) := {"resources": {"google_pubsub_topic.t": {"type": "google_pubsub_topic", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_reference if count(found({"name": "jobs", "kms_key_name": "${google_kms_crypto_key.k.id}"})) == 0

test_pass_literal_key if count(found({"name": "jobs", "kms_key_name": "projects/kms/locations/europe-west1/keyRings/acme/cryptoKeys/jobs"})) == 0

test_pass_data_source if count(found({"name": "jobs", "kms_key_name": "${data.google_kms_crypto_key.jobs.id}"})) == 0

test_fail_missing if found({"name": "jobs"}) == {["kms_key_name", false]}

test_fail_null if found({"name": "jobs", "kms_key_name": null}) == {["kms_key_name", false]}

test_fail_key_ring_not_key if found({"name": "jobs", "kms_key_name": "projects/kms/locations/europe-west1/keyRings/acme"}) == {["kms_key_name", false]}

test_fail_variable_unverifiable if found({"name": "jobs", "kms_key_name": "${var.topic_key}"}) == {["kms_key_name", true]}
