package cordon.rules.net_5_aws_environment_separation_test

import data.cordon.rules.net_5_aws_environment_separation as rule

stack(name, env, resources, imports) := {"stack": {"name": name, "environment": env}, "resources": resources, "imports": imports}

keys(env) := stack(sprintf("keys-%s", [env]), env, {"Key": {"type": "AWS::KMS::Key", "properties": {}}}, {})

bucket(key_export) := {"Docs": {"type": "AWS::S3::Bucket", "properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::ImportValue": key_export}}}]}}}}

imports := {
	"keys-prod:Key": {"stack": "keys-prod", "address": "Key", "type": "AWS::KMS::Key"},
	"keys-staging:Key": {"stack": "keys-staging", "address": "Key", "type": "AWS::KMS::Key"},
}

estate(app) := {"stacks": {"keys-prod": keys("prod"), "keys-staging": keys("staging"), "app": app}, "tenants": {}}

found(app) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as estate(app)}

test_pass_same_environment if count(found(stack("app", "staging", bucket("keys-staging:Key"), imports))) == 0

test_pass_two_non_prod_environments if count(found(stack("app", "dev", bucket("keys-staging:Key"), imports))) == 0

test_pass_stack_without_environment if count(found(stack("app", null, bucket("keys-prod:Key"), imports))) == 0

test_fail_staging_bucket_under_prod_key if {
	found(stack("app", "staging", bucket("keys-prod:Key"), imports)) == {["app", "Docs", "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID"]}
}

test_fail_prod_service_in_staging_subnet if {
	net := stack("net-staging", "staging", {"Subnet": {"type": "AWS::EC2::Subnet", "properties": {}}}, {})
	svc := {"Svc": {"type": "AWS::ECS::Service", "properties": {"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": [{"Fn::ImportValue": "n:S"}]}}}}}
	app := stack("app", "prod", svc, {"n:S": {"stack": "net-staging", "address": "Subnet", "type": "AWS::EC2::Subnet"}})
	fs := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as {"stacks": {"net-staging": net, "app": app}, "tenants": {}}}
	fs == {["app", "Svc", "NetworkConfiguration.AwsvpcConfiguration.Subnets[0]"]}
}
