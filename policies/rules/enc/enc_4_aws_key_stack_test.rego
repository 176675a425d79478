package cordon.rules.enc_4_aws_key_stack_test

import data.cordon.rules.enc_4_aws_key_stack as rule

key := {"type": "AWS::KMS::Key", "properties": {}}

doc(type, props) := {"resources": {"Data": {"type": type, "properties": props}, "Key": key, "Alias": {"type": "AWS::KMS::Alias", "properties": {"TargetKeyId": {"Ref": "Key"}}}}, "imports": {"keys:Arn": {"stack": "keys", "address": "Key", "type": "AWS::KMS::Key"}}}

found(type, props) := {[f.resource, f.path] | some f in rule.deny with input as doc(type, props)}

sse(v) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": v}}]}}

test_pass_imported_key if count(found("AWS::S3::Bucket", sse({"Fn::ImportValue": "keys:Arn"}))) == 0

test_pass_literal_arn if count(found("AWS::RDS::DBCluster", {"KmsKeyId": "arn:aws:kms:us-east-1:222222222222:key/abcd"})) == 0

test_pass_parameter if count(found("AWS::Logs::LogGroup", {"KmsKeyId": {"Ref": "KeyArn"}})) == 0

test_pass_key_alone if count(rule.deny) == 0 with input as {"resources": {"Key": key}}

test_fail_bucket_getatt_same_stack if found("AWS::S3::Bucket", sse({"Fn::GetAtt": ["Key", "Arn"]})) == {["Data", "BucketEncryption"]}

test_fail_log_group_ref_same_stack if found("AWS::Logs::LogGroup", {"KmsKeyId": {"Ref": "Key"}}) == {["Data", "KmsKeyId"]}

test_fail_queue_alias_same_stack if found("AWS::SQS::Queue", {"KmsMasterKeyId": {"Ref": "Alias"}}) == {["Data", "KmsMasterKeyId"]}

test_fail_getatt_string_form if found("AWS::RDS::DBCluster", {"KmsKeyId": {"Fn::GetAtt": "Key.Arn"}}) == {["Data", "KmsKeyId"]}

test_pass_kinesis_imported_key if count(found("AWS::Kinesis::Stream", {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Fn::ImportValue": "keys:Arn"}}})) == 0

test_fail_dynamodb_table_same_stack if {
	found("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": {"Ref": "Key"}}}) == {["Data", "SSESpecification.KMSMasterKeyId"]}
}

test_fail_global_table_replica_same_stack if {
	props := {"Replicas": [{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": "arn:aws:kms:us-east-1:222222222222:key/abcd"}}, {"Region": "eu-west-1", "SSESpecification": {"KMSMasterKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}}]}
	found("AWS::DynamoDB::GlobalTable", props) == {["Data", "Replicas[1].SSESpecification.KMSMasterKeyId"]}
}

test_fail_efs_and_docdb_same_stack if {
	found("AWS::EFS::FileSystem", {"Encrypted": true, "KmsKeyId": {"Ref": "Alias"}}) == {["Data", "KmsKeyId"]}
	found("AWS::DocDBElastic::Cluster", {"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}) == {["Data", "KmsKeyId"]}
}
