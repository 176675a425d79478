package cordon.rules.enc_1_gcp_artifact_registry_cmek_test

import data.cordon.rules.enc_1_gcp_artifact_registry_cmek as rule

doc(props) := {"resources": {"google_artifact_registry_repository.r": {"type": "google_artifact_registry_repository", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_reference if count(found({"format": "DOCKER", "kms_key_name": "${google_kms_crypto_key.k.id}"})) == 0

test_pass_virtual_repository if count(found({"format": "DOCKER", "mode": "VIRTUAL_REPOSITORY"})) == 0

test_fail_missing if found({"format": "DOCKER"}) == {["kms_key_name", false]}

test_fail_remote_missing if found({"format": "DOCKER", "mode": "REMOTE_REPOSITORY"}) == {["kms_key_name", false]}

test_fail_variable_unverifiable if found({"kms_key_name": "${var.key}"}) == {["kms_key_name", true]}
