# METADATA
# title: An S3 bucket policy for a bucket declared elsewhere refuses plain HTTP itself
# description: >-
#   A bucket has exactly one bucket policy, so an AWS::S3::BucketPolicy whose Bucket is not an
#   AWS::S3::Bucket of this template (a literal name of a bucket declared elsewhere, an
#   Fn::ImportValue, or a parameter) is that bucket's whole policy: it must hold a statement denying
#   s3:* to every principal on the bucket's objects when aws:SecureTransport is false. A policy of a
#   bucket declared here is judged with its bucket by TLS-2-AWS-S3.
# custom:
#   id: TLS-2-AWS-S3-POLICY
#   severity: high
#   level: mandatory
#   controls: [TLS-2]
#   remediation: >-
#     Add to the policy a statement with Effect Deny, Principal "*", Action s3:*, Resource the bucket
#     ARN and ARN/*, and Condition {Bool: {aws:SecureTransport: false}}.
#   resource_types: ["AWS::S3::BucketPolicy", "AWS::S3::Bucket"]
#   checks:
#     "AWS::S3::BucketPolicy": [Bucket, PolicyDocument.Statement]
package cordon.rules.tls_2_aws_s3_bucket_policy

import data.cordon.lib
import data.cordon.lib.s3

deny contains lib.finding(addr, "PolicyDocument.Statement", msg) if {
	some addr, p in lib.resources_of("AWS::S3::BucketPolicy")
	not declared_here(object.get(p.properties, "Bucket", null))
	not s3.enforces_tls(p.properties)
	msg := sprintf("the policy of bucket %s, declared outside this template, does not deny requests with aws:SecureTransport false: the bucket accepts plain HTTP", [json.marshal(object.get(p.properties, "Bucket", null))])
}

declared_here(v) if input.resources[lib.ref_address(v)].type == "AWS::S3::Bucket"

declared_here(v) if {
	is_string(v)
	some b in lib.resources_of("AWS::S3::Bucket")
	b.properties.BucketName == v
}
