# METADATA
# title: S3 buckets are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::S3::Bucket must default to SSE-KMS (aws:kms or aws:kms:dsse) with a KMSMasterKeyID
#   that is not the AWS-managed aws/s3 key. SSE-S3 (AES256) or no key id leaves the data under
#   keys the tenant does not control. A key id that is an intrinsic not pointing at a declared or
#   imported KMS key is reported as unverifiable.
#   A literal must name a KMS key (key or alias ARN, key id, alias/NAME): one outside the input is
#   taken as the customer's own (ENC-5, attributed by ENC-3); another service's ARN or a bare name fails.
# custom:
#   id: ENC-1-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration to SSEAlgorithm aws:kms with
#     KMSMasterKeyID referencing the tenant's AWS::KMS::Key.
#   resource_types: ["AWS::S3::Bucket"]
#   checks:
#     "AWS::S3::Bucket": [BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm, BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID]
package cordon.rules.enc_1_aws_bucket_kms

import data.cordon.lib
import data.cordon.lib.enc

key_path := "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID"

deny contains lib.finding(addr, "BucketEncryption", msg) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	verdict(r.properties) == "missing"
	msg := "BucketEncryption does not name a customer-managed KMS key (SSE-KMS with KMSMasterKeyID)"
}

deny contains lib.unverifiable(addr, key_path, value) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	verdict(r.properties) == "unverifiable"
	value := [d.KMSMasterKeyID | some d in defaults(r.properties); unverifiable_key(d)][0]
}

deny contains lib.unverifiable(addr, "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm", value) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	verdict(r.properties) == "unverifiable"
	not any_unverifiable_key(r.properties)
	value := [d.SSEAlgorithm | some d in defaults(r.properties); lib.unresolved(d.SSEAlgorithm)][0]
}

defaults(p) := [rule.ServerSideEncryptionByDefault | some rule in p.BucketEncryption.ServerSideEncryptionConfiguration]

# "ok" when one default names a customer key with SSE-KMS; "unverifiable" when one could, at deploy time.
verdict(p) := "ok" if {
	some d in defaults(p)
	d.SSEAlgorithm in {"aws:kms", "aws:kms:dsse"}
	enc.aws_key_verdict(enc.prop(d, "KMSMasterKeyID")) == "ok"
} else := "unverifiable" if {
	some d in defaults(p)
	kms_or_unknown(d.SSEAlgorithm)
	enc.aws_key_verdict(enc.prop(d, "KMSMasterKeyID")) in {"ok", "unverifiable"}
} else := "missing"

kms_or_unknown(a) if a in {"aws:kms", "aws:kms:dsse"}

kms_or_unknown(a) if lib.unresolved(a)

any_unverifiable_key(p) if {
	some d in defaults(p)
	unverifiable_key(d)
}

unverifiable_key(d) if enc.aws_key_verdict(enc.prop(d, "KMSMasterKeyID")) == "unverifiable"
