package cordon.rules.enc_1_aws_dynamodb_kms_test

import data.cordon.rules.enc_1_aws_dynamodb_kms as rule

doc(type, props) := {"resources": {"T": {"type": type, "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {}}

found(type, props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(type, props)}

table := "AWS::DynamoDB::Table"

global := "AWS::DynamoDB::GlobalTable"

arn := "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"

test_pass_table_customer_key if {
	count(found(table, {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}})) == 0
}

test_pass_table_string_true_literal_arn if count(found(table, {"SSESpecification": {"SSEEnabled": "true", "KMSMasterKeyId": arn}})) == 0

test_pass_global_every_replica_keyed if {
	count(found(global, {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"}, "Replicas": [
		{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": {"Ref": "Key"}}},
		{"Region": "eu-west-1", "SSESpecification": {"KMSMasterKeyId": "arn:aws:kms:eu-west-1:111111111111:key/abcd"}},
	]})) == 0
}

test_fail_table_aws_owned_key if found(table, {"BillingMode": "PAY_PER_REQUEST"}) == {["SSESpecification.SSEEnabled", false], ["SSESpecification.KMSMasterKeyId", false]}

test_fail_table_aws_managed_key if found(table, {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"}}) == {["SSESpecification.KMSMasterKeyId", false]}

test_fail_table_aws_managed_alias if {
	found(table, {"SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": "alias/aws/dynamodb"}}) == {["SSESpecification.KMSMasterKeyId", false]}
}

test_fail_table_sse_off_with_key if {
	found(table, {"SSESpecification": {"SSEEnabled": false, "KMSMasterKeyId": {"Ref": "Key"}}}) == {["SSESpecification.SSEEnabled", false]}
}

test_fail_table_key_parameter_unverifiable if {
	found(table, {"SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": {"Ref": "TableKeyArn"}}}) == {["SSESpecification.KMSMasterKeyId", true]}
}

test_fail_global_one_replica_without_key if {
	found(global, {"SSESpecification": {"SSEEnabled": true}, "Replicas": [
		{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": {"Ref": "Key"}}},
		{"Region": "eu-west-1"},
	]}) == {["Replicas[1].SSESpecification.KMSMasterKeyId", false]}
}

test_fail_global_sse_missing if {
	found(global, {"Replicas": [{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": {"Ref": "Key"}}}]}) == {["SSESpecification.SSEEnabled", false]}
}

test_fail_global_sse_unresolved if {
	found(global, {"SSESpecification": {"SSEEnabled": {"Fn::If": ["Prod", true, false]}}, "Replicas": [{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": {"Ref": "Key"}}}]}) == {["SSESpecification.SSEEnabled", true]}
}
