package cordon.rules.ret_1_aws_bucket_expiry_test

import data.cordon.rules.ret_1_aws_bucket_expiry as rule

kms := {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Ref": "Key"}}}]}

tenant(days) := {"id": "t", "retention": {"documentDays": days, "softDeleteDays": 30, "auditYears": 7}}

bucket(rules) := {"BucketEncryption": kms, "LifecycleConfiguration": {"Rules": rules}}

doc(props, t) := {"tenant": t, "resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": props}, "Key": {"type": "AWS::KMS::Key", "properties": {}}}}

denied(props, t) := {f.resource | some f in rule.deny with input as doc(props, t)}

expiry(days) := {"Status": "Enabled", "ExpirationInDays": days}

test_pass_tenant_days if count(denied(bucket([expiry(90)]), tenant(90))) == 0

test_pass_string_days if count(denied(bucket([expiry("30")]), tenant(30))) == 0

test_pass_zero_retention_one_day if count(denied(bucket([expiry(1)]), tenant(0))) == 0

test_pass_no_tenant_any_expiry if count(denied(bucket([expiry(400)]), null)) == 0

test_pass_no_tenant_expiry_date if count(denied(bucket([{"Status": "Enabled", "ExpirationDate": "2030-01-01T00:00:00"}]), null)) == 0

test_pass_one_of_several_rules if {
	count(denied(bucket([{"Status": "Enabled", "Prefix": "tmp/", "ExpirationInDays": 1}, expiry(90)]), tenant(90))) == 0
}

test_pass_object_lock_bucket_is_audit if {
	count(denied({"BucketEncryption": kms, "ObjectLockEnabled": true}, tenant(90))) == 0
}

test_pass_unencrypted_bucket_is_left_to_enc_1 if count(denied({}, tenant(90))) == 0

test_pass_trail_destination_is_audit if {
	d := {"tenant": tenant(90), "resources": {
		"Logs": {"type": "AWS::S3::Bucket", "properties": {"BucketEncryption": kms}},
		"Trail": {"type": "AWS::CloudTrail::Trail", "properties": {"S3BucketName": {"Ref": "Logs"}}},
	}}
	count(rule.deny) == 0 with input as d
}

test_pass_access_log_destination if {
	d := {"tenant": tenant(90), "resources": {
		"Logs": {"type": "AWS::S3::Bucket", "properties": {"BucketEncryption": kms}},
		"Docs": {"type": "AWS::S3::Bucket", "properties": object.union(bucket([expiry(90)]), {"LoggingConfiguration": {"DestinationBucketName": {"Ref": "Logs"}}})},
	}}
	count(rule.deny) == 0 with input as d
}

test_fail_days_differ if denied(bucket([expiry(91)]), tenant(90)) == {"Docs"}

test_fail_days_shorter if denied(bucket([expiry(89)]), tenant(90)) == {"Docs"}

test_fail_zero_retention_kept_longer if denied(bucket([expiry(2)]), tenant(0)) == {"Docs"}

test_fail_rule_disabled if denied(bucket([{"Status": "Disabled", "ExpirationInDays": 90}]), tenant(90)) == {"Docs"}

test_fail_prefix_only if denied(bucket([{"Status": "Enabled", "Prefix": "inbox/", "ExpirationInDays": 90}]), tenant(90)) == {"Docs"}

test_fail_tag_filter if {
	denied(bucket([{"Status": "Enabled", "TagFilters": [{"Key": "k", "Value": "v"}], "ExpirationInDays": 90}]), tenant(90)) == {"Docs"}
}

test_fail_no_lifecycle if denied({"BucketEncryption": kms}, tenant(90)) == {"Docs"}

test_fail_no_tenant_no_expiry if denied(bucket([{"Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]), null) == {"Docs"}

test_fail_unresolved_days_is_unverifiable if {
	fs := rule.deny with input as doc(bucket([expiry({"Ref": "RetentionDays"})]), tenant(90))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "LifecycleConfiguration.Rules[0].ExpirationInDays"
}

test_fail_message if {
	some f in rule.deny with input as doc(bucket([expiry(365)]), tenant(90))
	f.message == "no enabled lifecycle rule over the whole bucket expires objects after 90 days (documentDays 90) (ExpirationInDays: 365)"
}
