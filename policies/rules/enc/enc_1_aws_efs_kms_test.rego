package cordon.rules.enc_1_aws_efs_kms_test

import data.cordon.rules.enc_1_aws_efs_kms as rule

doc(props) := {"resources": {"Fs": {"type": "AWS::EFS::FileSystem", "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {"keys:FilesKeyArn": {"stack": "keys", "address": "FilesKey", "type": "AWS::KMS::Key"}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_key_ref if count(found({"Encrypted": true, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}})) == 0

test_pass_imported_key if count(found({"Encrypted": "true", "KmsKeyId": {"Fn::ImportValue": "keys:FilesKeyArn"}})) == 0

test_fail_nothing if found({"PerformanceMode": "generalPurpose"}) == {["Encrypted", false], ["KmsKeyId", false]}

test_fail_aws_managed_key if found({"Encrypted": true}) == {["KmsKeyId", false]}

test_fail_aws_managed_alias_arn if {
	found({"Encrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:111111111111:alias/aws/elasticfilesystem"}) == {["KmsKeyId", false]}
}

test_fail_unencrypted_with_key if found({"Encrypted": false, "KmsKeyId": {"Ref": "Key"}}) == {["Encrypted", false]}

test_fail_key_parameter_unverifiable if found({"Encrypted": true, "KmsKeyId": {"Ref": "FilesKeyArn"}}) == {["KmsKeyId", true]}
