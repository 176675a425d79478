package cordon.rules.enc_6_aws_key_deletion_test

import data.cordon.rules.enc_6_aws_key_deletion as rule

retained := {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}

key(type, props, attributes) := {"resources": {"Key": {"type": type, "properties": props, "attributes": attributes}}}

found_with(props, attributes) := {[f.path, object.get(f, "unverifiable", false)] |
	some f in rule.deny with input as key("AWS::KMS::Key", props, attributes)
}

found(props) := found_with(props, retained)

test_pass_30 if count(found({"PendingWindowInDays": 30})) == 0

test_pass_30_string if count(found({"PendingWindowInDays": "30"})) == 0

test_pass_default if count(found({"EnableKeyRotation": true})) == 0

test_pass_retain_except_on_create if count(found_with({}, object.union(retained, {"DeletionPolicy": "RetainExceptOnCreate"}))) == 0

test_fail_29 if found({"PendingWindowInDays": 29}) == {["PendingWindowInDays", false]}

test_fail_7 if found({"PendingWindowInDays": "7"}) == {["PendingWindowInDays", false]}

test_fail_null if found({"PendingWindowInDays": null}) == {["PendingWindowInDays", false]}

test_fail_replica_key if {
	{f.resource | some f in rule.deny with input as key("AWS::KMS::ReplicaKey", {"PendingWindowInDays": 7}, retained)} == {"Key"}
}

test_fail_parameter_unverifiable if found({"PendingWindowInDays": {"Ref": "Window"}}) == {["PendingWindowInDays", true]}

test_fail_attributes_missing if found_with({}, {}) == {["DeletionPolicy", false], ["UpdateReplacePolicy", false]}

test_fail_no_attributes_field_at_all if {
	input_doc := {"resources": {"Key": {"type": "AWS::KMS::Key", "properties": {}}}}
	{f.path | some f in rule.deny with input as input_doc} == {"DeletionPolicy", "UpdateReplacePolicy"}
}

test_fail_deletion_policy_delete if found_with({}, object.union(retained, {"DeletionPolicy": "Delete"})) == {["DeletionPolicy", false]}

test_fail_snapshot_on_replace if found_with({}, object.union(retained, {"UpdateReplacePolicy": "Snapshot"})) == {["UpdateReplacePolicy", false]}

test_fail_deletion_policy_unverifiable if {
	found_with({}, object.union(retained, {"DeletionPolicy": {"Fn::If": ["Prod", "Retain", "Delete"]}})) == {["DeletionPolicy", true]}
}

test_pass_offboarded_tenant_keys_are_judged_by_ret_5 if {
	fs := rule.deny with input as {"tenant": {"id": "t", "status": "offboarded"}, "resources": {"K": {"type": "AWS::KMS::Key", "properties": {"Enabled": false}, "attributes": {"DeletionPolicy": "Delete"}}}}
	count(fs) == 0
}

test_fail_offboarding_tenant_keys_stay_protected if {
	fs := rule.deny with input as {"tenant": {"id": "t", "status": "offboarding"}, "resources": {"K": {"type": "AWS::KMS::Key", "properties": {}, "attributes": {"DeletionPolicy": "Delete", "UpdateReplacePolicy": "Retain"}}}}
	{f.path | some f in fs} == {"DeletionPolicy"}
}
