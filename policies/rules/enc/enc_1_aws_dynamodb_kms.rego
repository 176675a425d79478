# METADATA
# title: DynamoDB tables and global tables are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::DynamoDB::Table must set SSESpecification.SSEEnabled true and name a customer-managed
#   key in SSESpecification.KMSMasterKeyId: without SSEEnabled DynamoDB uses an AWS-owned key, and
#   without a key the AWS-managed alias/aws/dynamodb. An AWS::DynamoDB::GlobalTable must set
#   SSESpecification.SSEEnabled true and every replica must name its region's customer-managed key
#   in Replicas[].SSESpecification.KMSMasterKeyId. An intrinsic that does not point at a declared or
#   imported KMS key is reported as unverifiable.
# custom:
#   id: ENC-1-AWS-DYNAMODB
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: >-
#     Set SSESpecification {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <the tenant's AWS::KMS::Key>}
#     on the table; on a global table, SSEEnabled true and a KMSMasterKeyId in every replica's SSESpecification.
#   resource_types: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]
#   checks:
#     "AWS::DynamoDB::Table": [SSESpecification.SSEEnabled, SSESpecification.KMSMasterKeyId]
#     "AWS::DynamoDB::GlobalTable": [SSESpecification.SSEEnabled, Replicas.SSESpecification.KMSMasterKeyId]
package cordon.rules.enc_1_aws_dynamodb_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains f if {
	some addr, r in lib.resources_in({"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"})
	v := object.get(r.properties, ["SSESpecification", "SSEEnabled"], null)
	some f in enc.aws_switch_findings(addr, "SSESpecification.SSEEnabled", v, "the table is encrypted with an AWS-owned key")
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::DynamoDB::Table")
	v := object.get(r.properties, ["SSESpecification", "KMSMasterKeyId"], null)
	some f in enc.aws_key_findings(addr, "SSESpecification.KMSMasterKeyId", v, "the table is under the AWS-managed alias/aws/dynamodb key")
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::DynamoDB::GlobalTable")
	some i, replica in replicas(r.properties)
	v := object.get(replica, ["SSESpecification", "KMSMasterKeyId"], null)
	path := sprintf("Replicas[%d].SSESpecification.KMSMasterKeyId", [i])
	some f in enc.aws_key_findings(addr, path, v, sprintf("the replica in %v is under the AWS-managed alias/aws/dynamodb key", [object.get(replica, "Region", "an unnamed region")]))
}

replicas(p) := p.Replicas if is_array(p.Replicas)

replicas(p) := [] if not is_array(p.Replicas)
