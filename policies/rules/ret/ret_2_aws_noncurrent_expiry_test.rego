package cordon.rules.ret_2_aws_noncurrent_expiry_test

import data.cordon.rules.ret_2_aws_noncurrent_expiry as rule

kms := {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111111111111:key/k"}}]}

tenant(doc_days, soft) := {"id": "t", "retention": {"documentDays": doc_days, "softDeleteDays": soft, "auditYears": 7}}

bucket(rules) := {"BucketEncryption": kms, "VersioningConfiguration": {"Status": "Enabled"}, "LifecycleConfiguration": {"Rules": rules}}

noncurrent(d) := {"Status": "Enabled", "ExpirationInDays": 90, "NoncurrentVersionExpiration": {"NoncurrentDays": d}}

doc(props, t) := {"tenant": t, "resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": props}}}

paths(props, t) := {f.path | some f in rule.deny with input as doc(props, t)}

test_pass_default_30 if count(paths(bucket([noncurrent(30)]), tenant(90, 30))) == 0

test_pass_no_tenant_30 if count(paths(bucket([noncurrent(30)]), null)) == 0

test_pass_no_tenant_1 if count(paths(bucket([noncurrent(1)]), null)) == 0

test_pass_no_tenant_90 if count(paths(bucket([noncurrent(90)]), null)) == 0

test_fail_no_tenant_91 if paths(bucket([noncurrent(91)]), null) == {"LifecycleConfiguration.Rules"}

test_fail_no_tenant_missing if paths(bucket([{"Status": "Enabled", "ExpirationInDays": 90}]), null) == {"LifecycleConfiguration.Rules"}

test_pass_tenant_7 if count(paths(bucket([noncurrent(7)]), tenant(7, 7))) == 0

test_pass_zero_retention_one_day if count(paths(bucket([noncurrent(1)]), tenant(0, 0))) == 0

test_pass_legacy_property if {
	count(paths(bucket([{"Status": "Enabled", "NoncurrentVersionExpirationInDays": "30"}]), tenant(90, 30))) == 0
}

test_pass_audit_bucket_ignored if count(paths({"BucketEncryption": kms, "ObjectLockEnabled": "true"}, tenant(90, 30))) == 0

test_fail_29_days if paths(bucket([noncurrent(29)]), tenant(90, 30)) == {"LifecycleConfiguration.Rules"}

test_fail_31_days if paths(bucket([noncurrent(31)]), tenant(90, 30)) == {"LifecycleConfiguration.Rules"}

test_fail_zero_retention_keeps_30 if paths(bucket([noncurrent(30)]), tenant(0, 30)) == {"LifecycleConfiguration.Rules"}

test_fail_missing_noncurrent if {
	paths(bucket([{"Status": "Enabled", "ExpirationInDays": 90}]), tenant(90, 30)) == {"LifecycleConfiguration.Rules"}
}

test_fail_disabled_rule if {
	paths(bucket([{"Status": "Disabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]), tenant(90, 30)) == {"LifecycleConfiguration.Rules"}
}

test_fail_versioning_suspended if {
	p := object.union(bucket([noncurrent(30)]), {"VersioningConfiguration": {"Status": "Suspended"}})
	paths(p, tenant(90, 30)) == {"VersioningConfiguration.Status"}
}

test_fail_versioning_missing if {
	paths({"BucketEncryption": kms, "LifecycleConfiguration": {"Rules": [noncurrent(30)]}}, tenant(90, 30)) == {"VersioningConfiguration.Status"}
}

test_fail_unresolved_is_unverifiable if {
	fs := rule.deny with input as doc(bucket([noncurrent({"Ref": "SoftDeleteDays"})]), tenant(90, 30))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurrentDays"
}
