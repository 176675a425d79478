package cordon.rules.enc_1_aws_ebs_kms_test

import data.cordon.rules.enc_1_aws_ebs_kms as rule

doc(props) := {"resources": {"Vol": {"type": "AWS::EC2::Volume", "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_encrypted_with_key if count(found({"Encrypted": true, "KmsKeyId": {"Ref": "Key"}, "Size": 100})) == 0

test_pass_string_true_literal_arn if count(found({"Encrypted": "true", "KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/abcd"})) == 0

test_fail_unencrypted if found({"Size": 100, "KmsKeyId": {"Ref": "Key"}}) == {["Encrypted", false]}

test_fail_aws_managed_default if found({"Encrypted": true}) == {["KmsKeyId", false]}

test_fail_aws_ebs_alias if found({"Encrypted": true, "KmsKeyId": "alias/aws/ebs"}) == {["KmsKeyId", false]}

test_fail_both_missing if found({}) == {["Encrypted", false], ["KmsKeyId", false]}

test_fail_encrypted_parameter_unverifiable if found({"Encrypted": {"Ref": "Enc"}, "KmsKeyId": {"Ref": "Key"}}) == {["Encrypted", true]}

test_fail_key_sub_unverifiable if found({"Encrypted": true, "KmsKeyId": {"Fn::Sub": "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyIdParam}"}}) == {["KmsKeyId", true]}
