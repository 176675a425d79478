package cordon.rules.enc_1_gcp_cloud_run_cmek_test

import data.cordon.rules.enc_1_gcp_cloud_run_cmek as rule

doc(props) := {"resources": {"google_cloud_run_v2_service.app": {"type": "google_cloud_run_v2_service", "properties": props}, "google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_reference if count(found({"template": {"encryption_key": "${google_kms_crypto_key.k.id}", "containers": [{"image": "x"}]}})) == 0

test_pass_list_block_literal if count(found({"template": [{"encryption_key": "projects/kms/locations/us-central1/keyRings/r/cryptoKeys/run"}]})) == 0

test_fail_no_template if found({"name": "app"}) == {["template.encryption_key", false]}

test_fail_template_without_key if found({"template": {"containers": [{"image": "x"}]}}) == {["template.encryption_key", false]}

test_fail_variable_unverifiable if found({"template": {"encryption_key": "${var.key}"}}) == {["template.encryption_key", true]}
