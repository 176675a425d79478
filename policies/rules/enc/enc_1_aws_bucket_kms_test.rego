package cordon.rules.enc_1_aws_bucket_kms_test

import data.cordon.rules.enc_1_aws_bucket_kms as rule

key := {"type": "AWS::KMS::Key", "properties": {}}

bucket(props) := {"resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": props}, "Key": key}, "imports": {}}

sse(by_default) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}}

denied(props) := {f.resource | some f in rule.deny with input as bucket(props); not f.unverifiable}

unverifiable(props) := {f.path | some f in rule.deny with input as bucket(props); f.unverifiable}

test_pass_kms_key_ref if count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}}))

test_pass_kms_key_plain_ref if count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "Key"}}))

test_pass_imported_key if {
	doc := object.union(bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::ImportValue": "keys:DocsKeyArn"}})), {"imports": {"keys:DocsKeyArn": {"stack": "keys", "address": "DocsKey", "type": "AWS::KMS::Key"}}})
	count(rule.deny) == 0 with input as doc
}

test_pass_dsse_key_arn if {
	count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))
}

test_pass_second_rule_has_key if {
	props := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
		{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}},
		{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "Key"}}},
	]}}
	count(rule.deny) == 0 with input as bucket(props)
}

test_fail_sse_s3 if denied(sse({"SSEAlgorithm": "AES256"})) == {"Docs"}

test_fail_kms_without_key_id if denied(sse({"SSEAlgorithm": "aws:kms"})) == {"Docs"}

test_fail_aws_managed_alias if denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"})) == {"Docs"}

test_fail_aws_managed_alias_arn if {
	denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:alias/aws/s3"})) == {"Docs"}
}

test_fail_empty_key_id if denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": ""})) == {"Docs"}

test_fail_no_bucket_encryption if denied({"BucketName": "docs"}) == {"Docs"}

test_fail_key_parameter_unverifiable if {
	unverifiable(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "KeyArnParam"}})) == {rule.key_path}
	count(denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "KeyArnParam"}}))) == 0
}

test_fail_ref_to_non_key_unverifiable if {
	doc := object.union(bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "Role"}})), {"resources": {"Role": {"type": "AWS::IAM::Role", "properties": {}}}})
	{f.path | some f in rule.deny with input as doc; f.unverifiable} == {rule.key_path}
}

test_fail_unresolved_import_unverifiable if {
	unverifiable(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::ImportValue": "nowhere"}})) == {rule.key_path}
}

test_fail_sub_built_arn_unverifiable if {
	v := {"Fn::Sub": "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/abc"}
	unverifiable(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": v})) == {rule.key_path}
}

test_fail_algorithm_condition_unverifiable if {
	algo := {"Fn::If": ["Prod", "aws:kms", "AES256"]}
	unverifiable(sse({"SSEAlgorithm": algo, "KMSMasterKeyID": {"Ref": "Key"}})) == {"BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm"}
}

test_fail_unverifiable_message if {
	some f in rule.deny with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "KeyArnParam"}}))
	f.message == sprintf("%s is {\"Ref\":\"KeyArnParam\"}, known only at deploy time: cordon cannot verify it", [rule.key_path])
}

test_fail_key_id_of_another_service if denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:s3:::docs-key"})) == {"Docs"}

test_pass_literal_alias if count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/tenant-docs"}))
