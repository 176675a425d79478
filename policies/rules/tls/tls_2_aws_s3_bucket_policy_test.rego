package cordon.rules.tls_2_aws_s3_bucket_policy_test

import data.cordon.rules.tls_2_aws_s3_bucket_policy as rule

deny_plain := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::shared-archive", "arn:aws:s3:::shared-archive/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

allow_reader := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared-archive/*"}

policy(bucket, statements) := {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": bucket, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}}

found(resources) := {f.resource | some f in rule.deny with input as {"resources": resources, "imports": {}}}

test_pass_literal_bucket_elsewhere_denies_plain if count(found({"P": policy("shared-archive", [allow_reader, deny_plain])})) == 0

test_pass_imported_bucket_single_statement if count(found({"P": policy({"Fn::ImportValue": "data:ArchiveBucket"}, deny_plain)})) == 0

# A policy of a bucket of this template is TLS-2-AWS-S3's to judge, with the bucket.
test_pass_bucket_declared_here_by_ref if count(found({"B": {"type": "AWS::S3::Bucket", "properties": {}}, "P": policy({"Ref": "B"}, [allow_reader])})) == 0

test_pass_bucket_declared_here_by_name if {
	count(found({"B": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "shared-archive"}}, "P": policy("shared-archive", [allow_reader])})) == 0
}

test_fail_literal_bucket_elsewhere_allows_plain if found({"P": policy("shared-archive", [allow_reader])}) == {"P"}

test_fail_parameter_bucket_allows_plain if found({"P": policy({"Ref": "BucketName"}, [allow_reader])}) == {"P"}

test_fail_secure_transport_true if {
	found({"P": policy("shared-archive", [object.union(deny_plain, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})])}) == {"P"}
}

test_fail_bucket_arn_only if found({"P": policy("shared-archive", [object.union(deny_plain, {"Resource": "arn:aws:s3:::shared-archive"})])}) == {"P"}

test_fail_no_bucket if found({"P": {"type": "AWS::S3::BucketPolicy", "properties": {"PolicyDocument": {"Statement": [allow_reader]}}}}) == {"P"}
