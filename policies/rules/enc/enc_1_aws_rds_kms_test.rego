package cordon.rules.enc_1_aws_rds_kms_test

import data.cordon.rules.enc_1_aws_rds_kms as rule

doc(type, props) := {"resources": {"Db": {"type": type, "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {}}

found(type, props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(type, props)}

cluster := "AWS::RDS::DBCluster"

instance := "AWS::RDS::DBInstance"

test_pass_cluster_with_key if count(found(cluster, {"StorageEncrypted": true, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}})) == 0

test_pass_instance_string_forms if {
	count(found(instance, {"StorageEncrypted": "true", "KmsKeyId": "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"})) == 0
}

test_pass_cluster_member_inherits if count(found(instance, {"DBClusterIdentifier": {"Ref": "Cluster"}, "Engine": "aurora-postgresql"})) == 0

test_fail_cluster_unencrypted if found(cluster, {"StorageEncrypted": false, "KmsKeyId": {"Ref": "Key"}}) == {["StorageEncrypted", false]}

test_fail_cluster_encrypted_with_aws_managed_key if found(cluster, {"StorageEncrypted": true}) == {["KmsKeyId", false]}

test_fail_instance_nothing if found(instance, {"Engine": "postgres"}) == {["StorageEncrypted", false], ["KmsKeyId", false]}

test_fail_aws_rds_alias if found(instance, {"StorageEncrypted": true, "KmsKeyId": "alias/aws/rds"}) == {["KmsKeyId", false]}

test_fail_key_parameter_unverifiable if found(cluster, {"StorageEncrypted": true, "KmsKeyId": {"Ref": "DbKeyArn"}}) == {["KmsKeyId", true]}

test_fail_encryption_condition_unverifiable if {
	found(cluster, {"StorageEncrypted": {"Fn::If": ["Prod", true, false]}, "KmsKeyId": {"Ref": "Key"}}) == {["StorageEncrypted", true]}
}

test_fail_imported_non_key_unverifiable if {
	d := object.union(doc(cluster, {"StorageEncrypted": true, "KmsKeyId": {"Fn::ImportValue": "x"}}), {"imports": {"x": {"stack": "s", "address": "Role", "type": "AWS::IAM::Role"}}})
	{[f.path, f.unverifiable] | some f in rule.deny with input as d} == {["KmsKeyId", true]}
}

# A literal KMS key outside the input is the customer's own key on purpose (ENC-5; ENC-3 attributes it).
test_pass_literal_kms_key_forms if {
	every k in [
		"arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:kms:eu-west-1:111111111111:alias/tenant-data",
		"1234abcd-12ab-34cd-56ef-1234567890ab",
		"mrk-1234abcd12ab34cd56ef1234567890ab",
		"alias/tenant-data",
	] {
		count(found(cluster, {"StorageEncrypted": true, "KmsKeyId": k})) == 0
	}
}

test_fail_literal_that_names_no_kms_key if {
	every k in [
		"arn:aws:s3:::tenant-data", # another service's ARN
		"arn:aws:kms:eu-west-1:111111111111:key/", # a KMS ARN naming nothing
		"tenant-data-key", # a name, not an id or alias
		"alias/",
		"",
	] {
		found(cluster, {"StorageEncrypted": true, "KmsKeyId": k}) == {["KmsKeyId", false]}
	}
}
