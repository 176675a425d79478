package cordon.rules.enc_5_aws_customer_key_test

import data.cordon.rules.enc_5_aws_customer_key as rule

cmek := "arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

cmek_staging := "arn:aws:kms:us-east-1:444444444444:key/5678abcd-56ab-78cd-90ef-5678901234ab"

stark := {"id": "stark", "tier": "enterprise", "cmek": {"prod": cmek, "staging": cmek_staging}}

doc(tenant, tier, key) := doc_in("prod", tenant, tier, key)

doc_in(env, tenant, tier, key) := {
	"tenant": tenant,
	"stack": {"name": "s", "tier": tier, "environment": env},
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

test_pass_staging_key_in_staging if count(found(doc_in("staging", stark, "enterprise", cmek_staging))) == 0

# Each environment has its own customer key: prod's key in a staging stack is not the customer's key there.
test_fail_prod_key_in_staging if found(doc_in("staging", stark, "enterprise", cmek)) == {"Docs"}

test_fail_staging_key_in_prod if found(doc_in("prod", stark, "enterprise", cmek_staging)) == {"Docs"}

test_fail_no_environment_label_fails_closed if {
	some f in rule.deny with input as doc_in(null, stark, "enterprise", cmek)
	f.message == sprintf("KMSMasterKeyID is %s, not the tenant's customer-managed key (none registered: the stack has no environment label)", [json.marshal(cmek)])
}
