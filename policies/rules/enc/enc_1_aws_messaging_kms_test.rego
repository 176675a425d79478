package cordon.rules.enc_1_aws_messaging_kms_test

import data.cordon.rules.enc_1_aws_messaging_kms as rule

doc(type, props) := {"resources": {"Q": {"type": type, "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}, "Alias": {"type": "AWS::KMS::Alias", "properties": {"TargetKeyId": {"Ref": "Key"}}}}, "imports": {}}

found(type, props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(type, props)}

test_pass_queue_key_ref if count(found("AWS::SQS::Queue", {"KmsMasterKeyId": {"Ref": "Key"}})) == 0

test_pass_topic_alias_ref if count(found("AWS::SNS::Topic", {"KmsMasterKeyId": {"Ref": "Alias"}})) == 0

test_pass_queue_customer_alias if count(found("AWS::SQS::Queue", {"KmsMasterKeyId": "alias/tenant-queues"})) == 0

test_fail_queue_sse_sqs if found("AWS::SQS::Queue", {"SqsManagedSseEnabled": true}) == {["KmsMasterKeyId", false]}

test_fail_queue_aws_managed if found("AWS::SQS::Queue", {"KmsMasterKeyId": "alias/aws/sqs"}) == {["KmsMasterKeyId", false]}

test_fail_topic_aws_managed_arn if {
	found("AWS::SNS::Topic", {"KmsMasterKeyId": "arn:aws:kms:us-east-1:111111111111:alias/aws/sns"}) == {["KmsMasterKeyId", false]}
}

test_fail_topic_missing if found("AWS::SNS::Topic", {"TopicName": "events"}) == {["KmsMasterKeyId", false]}

test_fail_queue_parameter_unverifiable if found("AWS::SQS::Queue", {"KmsMasterKeyId": {"Ref": "QueueKey"}}) == {["KmsMasterKeyId", true]}

test_pass_other_types_ignored if count(found("AWS::SQS::QueuePolicy", {})) == 0
