package cordon.rules.enc_3_tenant_keys_test

import data.cordon.rules.enc_3_tenant_keys as rule

aws_key(tenant) := {"type": "AWS::KMS::Key", "properties": {}, "labels": {"tenant": tenant}}

sse(v) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": v}}]}}

aws_stack(name, tenant, resources, imports) := {"stack": {"name": name, "tenant": tenant}, "resources": resources, "imports": imports}

# acme-keys exports DocsKey (acme); beta-keys exports BetaKey (beta).
keys := {
	"acme-keys": aws_stack("acme-keys", "acme", {"DocsKey": aws_key("acme")}, {}),
	"beta-keys": aws_stack("beta-keys", "beta", {"BetaKey": aws_key("beta")}, {}),
}

imports := {
	"acme-keys:Docs": {"stack": "acme-keys", "address": "DocsKey", "type": "AWS::KMS::Key"},
	"beta-keys:Key": {"stack": "beta-keys", "address": "BetaKey", "type": "AWS::KMS::Key"},
}

estate(d, tenants) := {"stacks": object.union(keys, {"data": d}), "tenants": tenants}

bucket_stack(tenant, key) := aws_stack("data", tenant, {"Docs": {"type": "AWS::S3::Bucket", "properties": sse(key), "labels": {}}}, imports)

found(e) := {[f.stack, f.resource, object.get(f, "unverifiable", false)] | some f in rule.deny_estate with input as e}

test_pass_own_key_imported if count(found(estate(bucket_stack("acme", {"Fn::ImportValue": "acme-keys:Docs"}), {}))) == 0

test_fail_other_tenants_key_imported if {
	found(estate(bucket_stack("acme", {"Fn::ImportValue": "beta-keys:Key"}), {})) == {["data", "Docs", false]}
}

test_fail_message if {
	some f in rule.deny_estate with input as estate(bucket_stack("acme", {"Fn::ImportValue": "beta-keys:Key"}), {})
	f.message == "BucketEncryption is beta-keys/BetaKey, a key of tenant beta; the data belongs to tenant acme"
}

test_fail_platform_data_under_tenant_key if {
	found(estate(bucket_stack(null, {"Fn::ImportValue": "acme-keys:Docs"}), {})) == {["data", "Docs", false]}
}

test_pass_platform_data_under_platform_key if {
	e := {"stacks": {"p": aws_stack("p", null, {"K": {"type": "AWS::KMS::Key", "properties": {}, "labels": {}}, "L": {"type": "AWS::Logs::LogGroup", "properties": {"KmsKeyId": {"Fn::GetAtt": ["K", "Arn"]}}, "labels": {}}}, {})}, "tenants": {}}
	count(found(e)) == 0
}

test_fail_same_stack_key_labelled_other_tenant if {
	d := aws_stack("data", "acme", {"K": aws_key("beta"), "L": {"type": "AWS::Logs::LogGroup", "properties": {"KmsKeyId": {"Ref": "K"}}, "labels": {"tenant": "acme"}}}, {})
	found(estate(d, {})) == {["data", "L", false]}
}

test_fail_resource_label_overrides_stack if {
	d := aws_stack("data", "acme", {"Docs": {"type": "AWS::S3::Bucket", "properties": sse({"Fn::ImportValue": "acme-keys:Docs"}), "labels": {"tenant": "beta"}}}, imports)
	found(estate(d, {})) == {["data", "Docs", false]}
}

cmek := "arn:aws:kms:us-east-1:333333333333:key/1234"

test_pass_registered_cmek if count(found(estate(bucket_stack("acme", cmek), {"acme": {"id": "acme", "cmek": {"prod": cmek}}}))) == 0

test_fail_other_tenants_cmek if {
	found(estate(bucket_stack("acme", cmek), {"beta": {"id": "beta", "cmek": {"prod": cmek}}})) == {["data", "Docs", false]}
}

test_fail_unattributable_literal_unverifiable if {
	found(estate(bucket_stack("acme", "arn:aws:kms:us-east-1:999999999999:key/x"), {"acme": {"id": "acme", "cmek": {"prod": cmek}}})) == {["data", "Docs", true]}
}

test_pass_unregistered_tenant_literal_taken_as_customers if {
	count(found(estate(bucket_stack("acme", "arn:aws:kms:us-east-1:999999999999:key/x"), {}))) == 0
}

test_pass_platform_literal_not_judged if count(found(estate(bucket_stack(null, "arn:aws:kms:us-east-1:999999999999:key/x"), {}))) == 0

test_pass_unresolved_left_to_enc_1 if count(found(estate(bucket_stack("acme", {"Ref": "KeyParam"}), {}))) == 0

# GCP: keys referenced in-stack, and key names matching a declared key in another stack.
gcp_stack(name, tenant, resources) := {"stack": {"name": name, "tenant": tenant}, "resources": resources}

ring := {"type": "google_kms_key_ring", "properties": {"name": "beta", "location": "europe-west1", "project": "kms-prd"}, "labels": {}}

beta_key := {"type": "google_kms_crypto_key", "properties": {"name": "documents", "key_ring": "${google_kms_key_ring.r.id}"}, "labels": {"tenant": "beta"}}

gcs(key) := {"type": "google_storage_bucket", "properties": {"encryption": {"default_kms_key_name": key}}, "labels": {"tenant": "acme"}}

test_pass_gcp_own_key if {
	e := {"stacks": {"acme": gcp_stack("acme", "acme", {"google_kms_key_ring.r": ring, "google_kms_crypto_key.k": object.union(beta_key, {"labels": {"tenant": "acme"}}), "b": gcs("${google_kms_crypto_key.k.id}")})}, "tenants": {}}
	count(found(e)) == 0
}

test_fail_gcp_key_name_of_other_tenant if {
	e := {
		"stacks": {
			"beta": gcp_stack("beta", "beta", {"google_kms_key_ring.r": ring, "google_kms_crypto_key.k": beta_key}),
			"acme": gcp_stack("acme", "acme", {"b": gcs("projects/kms-prd/locations/europe-west1/keyRings/beta/cryptoKeys/documents")}),
		},
		"tenants": {},
	}
	found(e) == {["acme", "b", false]}
}

test_fail_gcp_unattributable_key_name if {
	e := {
		"stacks": {
			"beta": gcp_stack("beta", "beta", {"google_kms_key_ring.r": ring, "google_kms_crypto_key.k": beta_key}),
			"acme": gcp_stack("acme", "acme", {"b": gcs("projects/kms-prd/locations/europe-west1/keyRings/beta/cryptoKeys/other")}),
		},
		"tenants": {"acme": {"id": "acme"}},
	}
	found(e) == {["acme", "b", true]}
}

# Every environment's registered key is the tenant's.
test_pass_registered_staging_cmek if {
	count(found(estate(bucket_stack("acme", cmek), {"acme": {"id": "acme", "cmek": {"prod": "arn:aws:kms:us-east-1:333333333333:key/prod", "staging": cmek}}}))) == 0
}

# AWS KMS aliases named literally (a Terraform data stack reading its key stack's alias).
alias_keys := object.union(keys, {"acme-tf-keys": aws_stack(
	"acme-tf-keys", "acme", {
		"aws_kms_key.docs": aws_key("acme"),
		"aws_kms_alias.docs": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/acme/docs", "TargetKeyId": "${aws_kms_key.docs.key_id}"}, "labels": {}},
	},
	{},
)})

alias_estate(d, tenants) := {"stacks": object.union(alias_keys, {"data": d}), "tenants": tenants}

test_pass_own_alias_by_name if {
	count(found(alias_estate(bucket_stack("acme", "alias/acme/docs"), {"acme": {"id": "acme"}}))) == 0
	count(found(alias_estate(bucket_stack("acme", "arn:aws:kms:us-east-1:111122223333:alias/acme/docs"), {"acme": {"id": "acme"}}))) == 0
}

test_fail_other_tenants_alias_by_name if {
	found(alias_estate(bucket_stack("beta", "alias/acme/docs"), {"beta": {"id": "beta"}})) == {["data", "Docs", false]}
}

test_fail_undeclared_alias_unverifiable if {
	found(alias_estate(bucket_stack("acme", "alias/someone/else"), {"acme": {"id": "acme"}})) == {["data", "Docs", true]}
}

staging(d) := object.union(d, {"stack": object.union(d.stack, {"environment": "staging"})})

test_pass_alias_of_same_name_in_another_environment_not_taken if {
	prod := {"acme-prod-keys": object.union(aws_stack("acme-prod-keys", "beta", {"aws_kms_alias.docs": {"type": "AWS::KMS::Alias", "properties": {"AliasName": "alias/acme/docs"}, "labels": {}}}, {}), {"stack": {"name": "acme-prod-keys", "tenant": "beta", "environment": "prod"}})}
	e := {"stacks": object.union(object.union(alias_keys, prod), {"data": staging(bucket_stack("acme", "alias/acme/docs")), "acme-tf-keys": staging(alias_keys["acme-tf-keys"])}), "tenants": {"acme": {"id": "acme"}}}
	count(found(e)) == 0
}

# The stores ENC-1 judges beyond the first ones are followed too (key_refs is shared).
test_fail_dynamodb_replica_under_other_tenants_key if {
	d := aws_stack(
		"data", "acme", {"T": {
			"type": "AWS::DynamoDB::GlobalTable", "properties": {"Replicas": [
				{"Region": "us-east-1", "SSESpecification": {"KMSMasterKeyId": {"Fn::ImportValue": "acme-keys:Docs"}}},
				{"Region": "eu-west-1", "SSESpecification": {"KMSMasterKeyId": {"Fn::ImportValue": "beta-keys:Key"}}},
			]},
			"labels": {},
		}},
		imports,
	)
	found(estate(d, {})) == {["data", "T", false]}
	some f in rule.deny_estate with input as estate(d, {})
	f.path == "Replicas[1].SSESpecification.KMSMasterKeyId"
}

test_pass_kinesis_and_efs_under_own_key if {
	d := aws_stack(
		"data", "acme", {
			"S": {"type": "AWS::Kinesis::Stream", "properties": {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Fn::ImportValue": "acme-keys:Docs"}}}, "labels": {}},
			"F": {"type": "AWS::EFS::FileSystem", "properties": {"Encrypted": true, "KmsKeyId": {"Fn::ImportValue": "acme-keys:Docs"}}, "labels": {}},
		},
		imports,
	)
	count(found(estate(d, {}))) == 0
}

test_fail_docdb_under_other_tenants_key if {
	d := aws_stack("data", "acme", {"D": {"type": "AWS::DocDB::DBCluster", "properties": {"StorageEncrypted": true, "KmsKeyId": {"Fn::ImportValue": "beta-keys:Key"}}, "labels": {}}}, imports)
	found(estate(d, {})) == {["data", "D", false]}
}

beta_key_name := "projects/kms-prd/locations/europe-west1/keyRings/beta/cryptoKeys/documents"

gcp_estate(store) := {
	"stacks": {
		"beta": gcp_stack("beta", "beta", {"google_kms_key_ring.r": ring, "google_kms_crypto_key.k": beta_key}),
		"acme": gcp_stack("acme", "acme", {"s": store}),
	},
	"tenants": {},
}

test_fail_bigquery_dataset_under_other_tenants_key if {
	found(gcp_estate({"type": "google_bigquery_dataset", "properties": {"default_encryption_configuration": {"kms_key_name": beta_key_name}}, "labels": {}})) == {["acme", "s", false]}
}

test_fail_spanner_region_key_of_other_tenant if {
	found(gcp_estate({"type": "google_spanner_database", "properties": {"encryption_config": {"kms_key_names": ["projects/kms-prd/locations/us-east1/keyRings/acme/cryptoKeys/db", beta_key_name]}}, "labels": {}})) == {["acme", "s", false]}
}

test_pass_pubsub_under_own_key if {
	e := {
		"stacks": {"acme": gcp_stack("acme", "acme", {
			"google_kms_key_ring.r": ring,
			"google_kms_crypto_key.k": object.union(beta_key, {"labels": {"tenant": "acme"}}),
			"t": {"type": "google_pubsub_topic", "properties": {"kms_key_name": "${google_kms_crypto_key.k.id}"}, "labels": {}},
			"b": {"type": "google_bigtable_instance", "properties": {"cluster": [{"kms_key_name": "${google_kms_crypto_key.k.id}"}]}, "labels": {}},
		})},
		"tenants": {},
	}
	count(found(e)) == 0
}
