package cordon.rules.enc_1_aws_bucket_kms_test

import data.cordon.rules.enc_1_aws_bucket_kms as rule

bucket(props) := {"resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": props}}}

sse(by_default) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}}

denied(props) := {f.resource | some f in rule.deny with input as bucket(props)}

test_pass_kms_key_ref if count(denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}}))) == 0

test_pass_dsse_key_arn if {
	count(denied(sse({"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))) == 0
}

test_fail_sse_s3 if denied(sse({"SSEAlgorithm": "AES256"})) == {"Docs"}

test_fail_kms_without_key_id if denied(sse({"SSEAlgorithm": "aws:kms"})) == {"Docs"}

test_fail_aws_managed_alias if denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"})) == {"Docs"}

test_fail_aws_managed_alias_arn if {
	denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:alias/aws/s3"})) == {"Docs"}
}

test_fail_empty_key_id if denied(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": ""})) == {"Docs"}

test_fail_no_bucket_encryption if denied({"BucketName": "docs"}) == {"Docs"}
