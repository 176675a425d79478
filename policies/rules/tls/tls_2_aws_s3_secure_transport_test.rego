package cordon.rules.tls_2_aws_s3_secure_transport_test

import data.cordon.rules.tls_2_aws_s3_secure_transport as rule

deny_plain := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "s3:*",
	"Resource": [{"Fn::GetAtt": ["B", "Arn"]}, {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]}],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

stack(policy) := {"resources": {
	"B": {"type": "AWS::S3::Bucket", "properties": {"BucketName": "docs"}},
	"P": {"type": "AWS::S3::BucketPolicy", "properties": policy},
}}

doc(statements) := {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

fail := {["B", "BucketPolicy"]}

test_pass_cdk_enforce_ssl if count(found(stack(doc([deny_plain])))) == 0

test_pass_single_statement_object if count(found(stack(doc(deny_plain)))) == 0

test_pass_literal_bucket_name if {
	count(found(stack({"Bucket": "docs", "PolicyDocument": {"Statement": [object.union(deny_plain, {"Principal": "*", "Resource": "arn:aws:s3:::docs/*", "Condition": {"Bool": {"aws:SecureTransport": false}}})]}}))) == 0
}

test_fail_no_policy if {
	found({"resources": {"B": {"type": "AWS::S3::Bucket", "properties": {}}}}) == fail
}

test_fail_policy_of_other_bucket if {
	d := {"resources": {
		"B": {"type": "AWS::S3::Bucket", "properties": {}},
		"C": {"type": "AWS::S3::Bucket", "properties": {}},
		"P": {"type": "AWS::S3::BucketPolicy", "properties": {"Bucket": {"Ref": "C"}, "PolicyDocument": {"Statement": [deny_plain]}}},
	}}
	found(d) == fail
}

test_fail_allow_instead_of_deny if found(stack(doc([object.union(deny_plain, {"Effect": "Allow"})]))) == fail

test_fail_secure_transport_true if found(stack(doc([object.union(deny_plain, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})]))) == fail

test_fail_only_some_actions if found(stack(doc([object.union(deny_plain, {"Action": ["s3:GetObject"]})]))) == fail

test_fail_one_principal if found(stack(doc([object.union(deny_plain, {"Principal": {"AWS": "arn:aws:iam::1:root"}})]))) == fail

test_fail_bucket_arn_only if found(stack(doc([object.union(deny_plain, {"Resource": {"Fn::GetAtt": ["B", "Arn"]}})]))) == fail

test_fail_tls_version_only if {
	found(stack(doc([object.union(object.remove(deny_plain, {"Condition"}), {"Condition": {"NumericLessThan": {"s3:TlsVersion": 1.2}}})]))) == fail
}

test_fail_policy_bucket_unresolved if {
	fs := rule.deny with input as stack({"Bucket": {"Ref": "BucketNameParam"}, "PolicyDocument": {"Statement": [deny_plain]}})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.resource == "B"
}

test_fail_document_expression_is_unverifiable if {
	fs := {f | some f in rule.deny with input as stack({"Bucket": {"Ref": "B"}, "PolicyDocument": "${data.aws_iam_policy_document.tls.json}"})}
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "BucketPolicy"
}
