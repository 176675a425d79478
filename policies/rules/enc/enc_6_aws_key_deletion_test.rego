package cordon.rules.enc_6_aws_key_deletion_test

import data.cordon.rules.enc_6_aws_key_deletion as rule

key(type, props) := {"resources": {"Key": {"type": type, "properties": props}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as key("AWS::KMS::Key", props)}

test_pass_30 if count(found({"PendingWindowInDays": 30})) == 0

test_pass_30_string if count(found({"PendingWindowInDays": "30"})) == 0

test_pass_default if count(found({"EnableKeyRotation": true})) == 0

test_fail_29 if found({"PendingWindowInDays": 29}) == {["PendingWindowInDays", false]}

test_fail_7 if found({"PendingWindowInDays": "7"}) == {["PendingWindowInDays", false]}

test_fail_null if found({"PendingWindowInDays": null}) == {["PendingWindowInDays", false]}

test_fail_replica_key if {
	{f.resource | some f in rule.deny with input as key("AWS::KMS::ReplicaKey", {"PendingWindowInDays": 7})} == {"Key"}
}

test_fail_parameter_unverifiable if found({"PendingWindowInDays": {"Ref": "Window"}}) == {["PendingWindowInDays", true]}
