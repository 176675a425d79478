package cordon.rules.enc_1_gcp_log_bucket_cmek_test

import data.cordon.rules.enc_1_gcp_log_bucket_cmek as rule

doc(props) := {"resources": {"google_logging_project_bucket_config.audit": {"type": "google_logging_project_bucket_config", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_block_object if count(found({"cmek_settings": {"kms_key_name": "${google_kms_crypto_key.k.id}"}})) == 0

test_pass_block_list_literal if count(found({"cmek_settings": [{"kms_key_name": "projects/kms/locations/europe-west1/keyRings/r/cryptoKeys/logs"}]})) == 0

test_fail_no_cmek_settings if found({"bucket_id": "audit", "retention_days": 2555}) == {["cmek_settings.kms_key_name", false]}

test_fail_empty_block if found({"cmek_settings": {}}) == {["cmek_settings.kms_key_name", false]}

test_fail_empty_list if found({"cmek_settings": []}) == {["cmek_settings.kms_key_name", false]}

test_fail_local_unverifiable if found({"cmek_settings": {"kms_key_name": "${local.logs_key}"}}) == {["cmek_settings.kms_key_name", true]}
