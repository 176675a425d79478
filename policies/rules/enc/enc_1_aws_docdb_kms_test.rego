package cordon.rules.enc_1_aws_docdb_kms_test

import data.cordon.rules.enc_1_aws_docdb_kms as rule

doc(type, props) := {"resources": {"Db": {"type": type, "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}, "imports": {}}

found(type, props) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(type, props)}

cluster := "AWS::DocDB::DBCluster"

elastic := "AWS::DocDBElastic::Cluster"

test_pass_cluster_with_key if count(found(cluster, {"StorageEncrypted": true, "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}})) == 0

test_pass_cluster_string_true_literal if {
	count(found(cluster, {"StorageEncrypted": "true", "KmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"})) == 0
}

test_pass_elastic_with_key if count(found(elastic, {"ClusterName": "docs", "KmsKeyId": {"Ref": "Key"}})) == 0

test_fail_cluster_nothing if found(cluster, {"MasterUsername": "admin"}) == {["StorageEncrypted", false], ["KmsKeyId", false]}

test_fail_cluster_aws_managed_key if found(cluster, {"StorageEncrypted": true}) == {["KmsKeyId", false]}

test_fail_cluster_unencrypted if found(cluster, {"StorageEncrypted": false, "KmsKeyId": {"Ref": "Key"}}) == {["StorageEncrypted", false]}

test_fail_cluster_aws_rds_alias if found(cluster, {"StorageEncrypted": true, "KmsKeyId": "alias/aws/rds"}) == {["KmsKeyId", false]}

test_fail_cluster_key_parameter_unverifiable if found(cluster, {"StorageEncrypted": true, "KmsKeyId": {"Ref": "DocKeyArn"}}) == {["KmsKeyId", true]}

test_fail_elastic_aws_owned_key if found(elastic, {"ClusterName": "docs"}) == {["KmsKeyId", false]}
