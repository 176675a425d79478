package cordon.rules.enc_1_aws_log_group_kms_test

import data.cordon.rules.enc_1_aws_log_group_kms as rule

doc(props) := {"resources": {"Logs": {"type": "AWS::Logs::LogGroup", "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {"keys:LogsKey": {"stack": "keys", "address": "LogsKey", "type": "AWS::KMS::Key"}}}

found(props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(props)}

test_pass_getatt_key if count(found({"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}})) == 0

test_pass_imported_key if count(found({"KmsKeyId": {"Fn::ImportValue": "keys:LogsKey"}, "RetentionInDays": 365})) == 0

test_pass_literal_arn if count(found({"KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"})) == 0

test_fail_missing if found({"RetentionInDays": 365}) == {["KmsKeyId", false]}

test_fail_empty if found({"KmsKeyId": ""}) == {["KmsKeyId", false]}

test_fail_null if found({"KmsKeyId": null}) == {["KmsKeyId", false]}

test_fail_parameter_unverifiable if found({"KmsKeyId": {"Ref": "LogsKeyArn"}}) == {["KmsKeyId", true]}

test_fail_import_not_in_run_unverifiable if found({"KmsKeyId": {"Fn::ImportValue": "elsewhere:Key"}}) == {["KmsKeyId", true]}

test_fail_message if {
	some f in rule.deny with input as doc({})
	f.message == "KmsKeyId is missing; the log group is encrypted with a service-owned key"
}
