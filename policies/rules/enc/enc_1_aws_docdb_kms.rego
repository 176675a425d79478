# METADATA
# title: DocumentDB clusters are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::DocDB::DBCluster must set StorageEncrypted true and name a customer-managed key in
#   KmsKeyId: without StorageEncrypted the storage is not encrypted, and without a key DocumentDB
#   uses the AWS-managed aws/rds key. An AWS::DocDBElastic::Cluster is always encrypted, with an
#   AWS-owned key unless KmsKeyId names one. An intrinsic that does not point at a declared or
#   imported KMS key is reported as unverifiable.
# custom:
#   id: ENC-1-AWS-DOCDB
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set StorageEncrypted to true and KmsKeyId to the tenant's database AWS::KMS::Key (KmsKeyId on an elastic cluster).
#   resource_types: ["AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster"]
#   checks:
#     "AWS::DocDB::DBCluster": [StorageEncrypted, KmsKeyId]
#     "AWS::DocDBElastic::Cluster": [KmsKeyId]
package cordon.rules.enc_1_aws_docdb_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_of("AWS::DocDB::DBCluster")
	some f in enc.aws_switch_findings(addr, "StorageEncrypted", enc.prop(r.properties, "StorageEncrypted"), "the cluster's storage is not encrypted")
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::DocDB::DBCluster")
	some f in enc.aws_key_findings(addr, "KmsKeyId", enc.prop(r.properties, "KmsKeyId"), "DocumentDB uses the AWS-managed aws/rds key")
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::DocDBElastic::Cluster")
	some f in enc.aws_key_findings(addr, "KmsKeyId", enc.prop(r.properties, "KmsKeyId"), "the elastic cluster is under an AWS-owned key")
}
