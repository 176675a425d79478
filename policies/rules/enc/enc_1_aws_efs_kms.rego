# METADATA
# title: EFS file systems are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::EFS::FileSystem must set Encrypted true and name a customer-managed key in KmsKeyId:
#   without Encrypted the file system is not encrypted at rest, and without a key EFS uses the
#   AWS-managed aws/elasticfilesystem key. An intrinsic that does not point at a declared or imported
#   KMS key is reported as unverifiable.
# custom:
#   id: ENC-1-AWS-EFS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set Encrypted to true and KmsKeyId to the tenant's AWS::KMS::Key.
#   resource_types: ["AWS::EFS::FileSystem"]
#   checks:
#     "AWS::EFS::FileSystem": [Encrypted, KmsKeyId]
package cordon.rules.enc_1_aws_efs_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_of("AWS::EFS::FileSystem")
	some f in enc.aws_switch_findings(addr, "Encrypted", enc.prop(r.properties, "Encrypted"), "the file system is not encrypted at rest")
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::EFS::FileSystem")
	some f in enc.aws_key_findings(addr, "KmsKeyId", enc.prop(r.properties, "KmsKeyId"), "EFS uses the AWS-managed aws/elasticfilesystem key")
}
