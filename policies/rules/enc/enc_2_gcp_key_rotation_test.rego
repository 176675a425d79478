package cordon.rules.enc_2_gcp_key_rotation_test

import data.cordon.rules.enc_2_gcp_key_rotation as rule

key(props) := {"resources": {"google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": props}}}

denied(props) := {f.resource | some f in rule.deny with input as key(props)}

test_pass_90_days if count(denied({"rotation_period": "7776000s"})) == 0

test_pass_shorter if count(denied({"rotation_period": "86400s", "purpose": "ENCRYPT_DECRYPT"})) == 0

test_pass_asymmetric_key_without_rotation if count(denied({"purpose": "ASYMMETRIC_SIGN"})) == 0

test_fail_one_second_over if denied({"rotation_period": "7776001s"}) == {"google_kms_crypto_key.k"}

test_fail_fraction_over if denied({"rotation_period": "7776000.5s"}) == {"google_kms_crypto_key.k"}

test_fail_missing if denied({"purpose": "ENCRYPT_DECRYPT"}) == {"google_kms_crypto_key.k"}

test_fail_malformed if denied({"rotation_period": "90d"}) == {"google_kms_crypto_key.k"}

test_fail_number_not_duration if denied({"rotation_period": 7776000}) == {"google_kms_crypto_key.k"}

test_fail_message_names_value if {
	some f in rule.deny with input as key({"rotation_period": "31536000s"})
	f.message == "rotation_period is 31536000s; it must be at most 7776000s (90 days)"
	f.path == "rotation_period"
}

test_pass_other_types_ignored if {
	count(rule.deny) == 0 with input as {"resources": {"x": {"type": "google_storage_bucket", "properties": {}}}}
}

unverifiable(props) := {f.path | some f in rule.deny with input as key(props); f.unverifiable}

test_pass_one_second_under if count(denied({"rotation_period": "7775999s"})) == 0

test_fail_variable_unverifiable if {
	unverifiable({"rotation_period": "${var.rotation}"}) == {"rotation_period"}
	count({f | some f in rule.deny with input as key({"rotation_period": "${var.rotation}"}); not f.unverifiable}) == 0
}

test_fail_purpose_variable_unverifiable if unverifiable({"purpose": "${var.purpose}"}) == {"purpose"}

test_pass_purpose_variable_with_rotation if count(denied({"purpose": "${var.purpose}", "rotation_period": "7776000s"})) == 0
