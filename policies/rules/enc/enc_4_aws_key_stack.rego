# METADATA
# title: KMS keys are never declared beside the data they protect
# description: >-
#   A data store (S3 bucket, RDS cluster or instance, log group, EBS volume, SQS queue, SNS topic,
#   DynamoDB table or global table replica, DocumentDB cluster, Kinesis stream, EFS file system) must not be encrypted with a KMS key (or alias) declared in its own template: keys live in a key
#   stack of their own (another account or stack, imported with Fn::ImportValue or given as an ARN),
#   so deleting or replacing the data stack can never take the key with it and the data's operators
#   do not administer its key.
# custom:
#   id: ENC-4-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-4]
#   remediation: Move the AWS::KMS::Key to the key stack and import its ARN (Fn::ImportValue) in the data stack.
#   resource_types: ["AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Logs::LogGroup", "AWS::EC2::Volume", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::Kinesis::Stream", "AWS::EFS::FileSystem", "AWS::KMS::Key", "AWS::KMS::ReplicaKey", "AWS::KMS::Alias"]
#   checks:
#     "AWS::S3::Bucket": [BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID]
#     "AWS::RDS::DBCluster": [KmsKeyId]
#     "AWS::RDS::DBInstance": [KmsKeyId]
#     "AWS::Logs::LogGroup": [KmsKeyId]
#     "AWS::EC2::Volume": [KmsKeyId]
#     "AWS::SQS::Queue": [KmsMasterKeyId]
#     "AWS::SNS::Topic": [KmsMasterKeyId]
#     "AWS::DynamoDB::Table": [SSESpecification.KMSMasterKeyId]
#     "AWS::DynamoDB::GlobalTable": [Replicas.SSESpecification.KMSMasterKeyId]
#     "AWS::DocDB::DBCluster": [KmsKeyId]
#     "AWS::DocDBElastic::Cluster": [KmsKeyId]
#     "AWS::Kinesis::Stream": [StreamEncryption.KeyId]
#     "AWS::EFS::FileSystem": [KmsKeyId]
package cordon.rules.enc_4_aws_key_stack

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, ref.path, msg) if {
	some addr, refs in enc.stack_key_refs
	r := input.resources[addr]
	startswith(r.type, "AWS::")
	some ref in refs
	key := lib.ref_address(ref.value)
	input.resources[key].type in enc.aws_key_types
	msg := sprintf("%s refers to %s %s declared in the same template: keys belong in the key stack", [ref.path, input.resources[key].type, key])
}
