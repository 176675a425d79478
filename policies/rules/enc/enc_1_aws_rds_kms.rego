# METADATA
# title: RDS and Aurora storage is encrypted with a customer-managed KMS key
# description: >-
#   An AWS::RDS::DBCluster, and an AWS::RDS::DBInstance that is not a member of a cluster (members
#   inherit the cluster's storage), must set StorageEncrypted true and name a customer-managed key in
#   KmsKeyId. Without KmsKeyId, RDS encrypts with the AWS-managed aws/rds key. Intrinsics that do
#   not point at a declared or imported KMS key are reported as unverifiable.
#   A literal must name a KMS key (key or alias ARN, key id, alias/NAME): one outside the input is
#   taken as the customer's own (ENC-5, attributed by ENC-3); another service's ARN or a bare name fails.
# custom:
#   id: ENC-1-AWS-RDS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set StorageEncrypted to true and KmsKeyId to the tenant's database AWS::KMS::Key.
#   resource_types: ["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"]
#   checks:
#     "AWS::RDS::DBCluster": [StorageEncrypted, KmsKeyId]
#     "AWS::RDS::DBInstance": [DBClusterIdentifier, StorageEncrypted, KmsKeyId]
package cordon.rules.enc_1_aws_rds_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "StorageEncrypted", msg) if {
	some addr, r in storage_owners
	not lib.truthy(enc.prop(r.properties, "StorageEncrypted"))
	not lib.unresolved(enc.prop(r.properties, "StorageEncrypted"))
	msg := sprintf("StorageEncrypted is %s; the storage must be encrypted", [lib.shown(r.properties, "StorageEncrypted")])
}

deny contains lib.unverifiable(addr, "StorageEncrypted", r.properties.StorageEncrypted) if {
	some addr, r in storage_owners
	lib.unresolved(r.properties.StorageEncrypted)
}

deny contains lib.finding(addr, "KmsKeyId", msg) if {
	some addr, r in storage_owners
	enc.aws_key_verdict(enc.prop(r.properties, "KmsKeyId")) == "missing"
	msg := sprintf("KmsKeyId is %s; without a customer-managed key RDS uses the AWS-managed aws/rds key", [lib.shown(r.properties, "KmsKeyId")])
}

deny contains lib.unverifiable(addr, "KmsKeyId", r.properties.KmsKeyId) if {
	some addr, r in storage_owners
	enc.aws_key_verdict(r.properties.KmsKeyId) == "unverifiable"
}

# Clusters, and instances that own their storage (not members of a cluster).
storage_owners[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
}

storage_owners[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	not lib.has(r.properties, "DBClusterIdentifier")
}
