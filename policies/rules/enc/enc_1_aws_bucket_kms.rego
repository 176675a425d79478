# METADATA
# title: S3 buckets are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::S3::Bucket must default to SSE-KMS (aws:kms or aws:kms:dsse) with a KMSMasterKeyID
#   that is not the AWS-managed aws/s3 key. SSE-S3 (AES256) or no key id leaves the data under
#   keys the tenant does not control.
# custom:
#   id: ENC-1-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration to SSEAlgorithm aws:kms with
#     KMSMasterKeyID referencing the tenant's AWS::KMS::Key.
#   resource_types: ["AWS::S3::Bucket"]
package cordon.rules.enc_1_aws_bucket_kms

import data.cordon.lib

deny contains lib.finding(addr, "BucketEncryption", msg) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	not customer_key(r.properties)
	msg := "BucketEncryption does not name a customer-managed KMS key (SSE-KMS with KMSMasterKeyID)"
}

customer_key(p) if {
	some rule in p.BucketEncryption.ServerSideEncryptionConfiguration
	d := rule.ServerSideEncryptionByDefault
	d.SSEAlgorithm in {"aws:kms", "aws:kms:dsse"}
	lib.has(d, "KMSMasterKeyID")
	not aws_managed(d.KMSMasterKeyID)
}

aws_managed(id) if not id

aws_managed(id) if {
	is_string(id)
	regex.match(`(^|:)alias/aws/`, id)
}

aws_managed(id) if {
	is_string(id)
	trim_space(id) == ""
}
