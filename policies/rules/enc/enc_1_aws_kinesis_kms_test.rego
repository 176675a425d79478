package cordon.rules.enc_1_aws_kinesis_kms_test

import data.cordon.rules.enc_1_aws_kinesis_kms as rule

doc(props) := {"resources": {"S": {"type": "AWS::Kinesis::Stream", "properties": props}, "Alias": {"type": "AWS::KMS::Alias", "properties": {}}}, "imports": {}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_alias_ref if count(found({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Ref": "Alias"}}})) == 0

test_pass_customer_alias_name if count(found({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/tenant-events"}})) == 0

test_fail_no_encryption if found({"ShardCount": 1}) == {["StreamEncryption.EncryptionType", false], ["StreamEncryption.KeyId", false]}

test_fail_type_none if found({"StreamEncryption": {"EncryptionType": "NONE", "KeyId": {"Ref": "Alias"}}}) == {["StreamEncryption.EncryptionType", false]}

test_fail_aws_managed_kinesis_key if found({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}}) == {["StreamEncryption.KeyId", false]}

test_fail_key_parameter_unverifiable if found({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Ref": "StreamKey"}}}) == {["StreamEncryption.KeyId", true]}

test_fail_type_unresolved if {
	found({"StreamEncryption": {"EncryptionType": {"Fn::If": ["Enc", "KMS", "NONE"]}, "KeyId": {"Ref": "Alias"}}}) == {["StreamEncryption.EncryptionType", true]}
}
