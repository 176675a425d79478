package cordon.rules.enc_6_gcp_key_deletion_test

import data.cordon.rules.enc_6_gcp_key_deletion as rule

key(props) := {"resources": {"google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": props}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as key(props)}

kept := {"prevent_destroy": true}

test_pass_30_days if count(found({"destroy_scheduled_duration": "2592000s", "lifecycle": kept})) == 0

test_pass_longer_hcl_list_block if count(found({"destroy_scheduled_duration": "7776000s", "lifecycle": [kept]})) == 0

test_pass_default_window if count(found({"lifecycle": kept})) == 0

test_fail_one_second_short if found({"destroy_scheduled_duration": "2591999s", "lifecycle": kept}) == {["destroy_scheduled_duration", false]}

test_fail_one_day if found({"destroy_scheduled_duration": "86400s", "lifecycle": kept}) == {["destroy_scheduled_duration", false]}

test_fail_malformed if found({"destroy_scheduled_duration": "30d", "lifecycle": kept}) == {["destroy_scheduled_duration", false]}

test_fail_no_lifecycle if found({"destroy_scheduled_duration": "2592000s"}) == {["lifecycle.prevent_destroy", false]}

test_fail_prevent_destroy_false if found({"destroy_scheduled_duration": "2592000s", "lifecycle": {"prevent_destroy": false}}) == {["lifecycle.prevent_destroy", false]}

test_fail_lifecycle_without_prevent_destroy if found({"lifecycle": {"ignore_changes": ["labels"]}}) == {["lifecycle.prevent_destroy", false]}

test_fail_variable_unverifiable if found({"destroy_scheduled_duration": "${var.window}", "lifecycle": kept}) == {["destroy_scheduled_duration", true]}
