# METADATA
# title: S3 buckets refuse requests that are not sent over TLS
# description: >-
#   Every AWS::S3::Bucket must have an AWS::S3::BucketPolicy that refers to it (by Ref or by its
#   literal BucketName) with a statement denying s3:* to every principal on the bucket's objects when
#   aws:SecureTransport is false. S3 otherwise accepts plain HTTP.
# custom:
#   id: TLS-2-AWS-S3
#   severity: high
#   level: mandatory
#   controls: [TLS-2]
#   remediation: >-
#     Attach a bucket policy with Effect Deny, Principal "*", Action s3:*, Resource the bucket ARN
#     and ARN/*, and Condition {Bool: {aws:SecureTransport: false}} (CDK: enforceSSL: true).
#   resource_types: ["AWS::S3::Bucket", "AWS::S3::BucketPolicy"]
#   checks:
#     "AWS::S3::BucketPolicy": [Bucket, PolicyDocument.Statement]
package cordon.rules.tls_2_aws_s3_secure_transport

import data.cordon.lib
import data.cordon.lib.s3

deny contains lib.finding(addr, "BucketPolicy", msg) if {
	some addr, _ in lib.resources_of("AWS::S3::Bucket")
	not enforced(addr)
	not unverifiable_policy_exists
	not unknown_document(addr)
	msg := "no bucket policy of this bucket denies requests with aws:SecureTransport false: S3 accepts plain HTTP"
}

# A policy whose bucket is known only at deploy time may be the one: every bucket without a proven
# policy is then unverifiable rather than passed.
deny contains lib.unverifiable(addr, "BucketPolicy", v) if {
	some addr, _ in lib.resources_of("AWS::S3::Bucket")
	not enforced(addr)
	some _, p in lib.resources_of("AWS::S3::BucketPolicy")
	v := p.properties.Bucket
	unknown_bucket(v)
}

# A policy of this bucket whose document is an expression (a Terraform data source, jsonencode of
# variables) may be the one that denies plain HTTP: unverifiable rather than absent.
deny contains lib.unverifiable(addr, "BucketPolicy", doc) if {
	some addr, _ in lib.resources_of("AWS::S3::Bucket")
	not enforced(addr)
	not unverifiable_policy_exists
	some _, p in lib.resources_of("AWS::S3::BucketPolicy")
	policy_of(p.properties, addr)
	doc := p.properties.PolicyDocument
	lib.unresolved(doc)
}

unknown_document(addr) if {
	some _, p in lib.resources_of("AWS::S3::BucketPolicy")
	policy_of(p.properties, addr)
	lib.unresolved(p.properties.PolicyDocument)
}

unverifiable_policy_exists if {
	some _, p in lib.resources_of("AWS::S3::BucketPolicy")
	unknown_bucket(p.properties.Bucket)
}

unknown_bucket(v) if {
	lib.unresolved(v)
	not lib.ref_address(v)
}

enforced(addr) if {
	some _, p in lib.resources_of("AWS::S3::BucketPolicy")
	policy_of(p.properties, addr)
	s3.enforces_tls(p.properties)
}

policy_of(p, addr) if lib.ref_address(p.Bucket) == addr

policy_of(p, addr) if {
	is_string(p.Bucket)
	p.Bucket == input.resources[addr].properties.BucketName
}
