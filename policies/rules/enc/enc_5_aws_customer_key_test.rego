package cordon.rules.enc_5_aws_customer_key_test

import data.cordon.rules.enc_5_aws_customer_key as rule

cmek := "arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

stark := {"id": "stark", "tier": "enterprise", "cmek": {"key": cmek}}

doc(tenant, tier, key) := {
	"tenant": tenant,
	"stack": {"name": "s", "tier": tier},
	"resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]}}}},
	"imports": {"keys:Docs": {"stack": "keys", "address": "DocsKey", "type": "AWS::KMS::Key"}},
}

found(d) := {f.resource | some f in rule.deny with input as d}

test_pass_customer_key if count(found(doc(stark, "enterprise", cmek))) == 0

test_pass_not_enterprise if count(found(doc({"id": "g", "tier": "dedicated"}, "dedicated", {"Fn::ImportValue": "keys:Docs"}))) == 0

test_pass_literal_without_registry if count(found(doc(null, "enterprise", "arn:aws:kms:us-east-1:444444444444:key/x"))) == 0

test_pass_parameter_left_to_enc_1 if count(found(doc(stark, "enterprise", {"Ref": "KeyArn"}))) == 0

test_fail_our_imported_key if found(doc(stark, "enterprise", {"Fn::ImportValue": "keys:Docs"})) == {"Docs"}

test_fail_our_imported_key_by_tier_label if found(doc(null, "enterprise", {"Fn::ImportValue": "keys:Docs"})) == {"Docs"}

test_fail_other_arn if found(doc(stark, "enterprise", "arn:aws:kms:us-east-1:333333333333:key/other")) == {"Docs"}

test_fail_enterprise_without_cmek if found(doc({"id": "e", "tier": "enterprise"}, "enterprise", cmek)) == {"Docs"}

test_fail_message if {
	some f in rule.deny with input as doc(stark, "enterprise", "arn:aws:kms:us-east-1:333333333333:key/other")
	f.message == sprintf("KMSMasterKeyID is \"arn:aws:kms:us-east-1:333333333333:key/other\", not the tenant's customer-managed key %s", [cmek])
}
