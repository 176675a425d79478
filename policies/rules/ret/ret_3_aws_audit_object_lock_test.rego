package cordon.rules.ret_3_aws_audit_object_lock_test

import data.cordon.rules.ret_3_aws_audit_object_lock as rule

locked(d) := {"ObjectLockEnabled": true, "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": d}}}

doc(props) := {"tenant": null, "resources": {"Audit": {"type": "AWS::S3::Bucket", "properties": props}}}

trail_doc(props) := {"tenant": null, "resources": {
	"Audit": {"type": "AWS::S3::Bucket", "properties": props},
	"Trail": {"type": "AWS::CloudTrail::Trail", "properties": {"S3BucketName": {"Ref": "Audit"}}},
}}

paths(props) := {f.path | some f in rule.deny with input as doc(props)}

trail_paths(props) := {f.path | some f in rule.deny with input as trail_doc(props)}

test_pass_2555_days if count(paths(locked({"Mode": "COMPLIANCE", "Days": 2555}))) == 0

test_pass_2557_days if count(paths(locked({"Mode": "COMPLIANCE", "Days": 2557}))) == 0

test_pass_7_years if count(paths(locked({"Mode": "COMPLIANCE", "Years": 7}))) == 0

test_pass_string_forms if {
	count(paths({"ObjectLockEnabled": "true", "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": "7"}}}})) == 0
}

test_pass_plain_bucket_not_audit if count(paths({"BucketName": "docs"})) == 0

test_fail_governance if paths(locked({"Mode": "GOVERNANCE", "Days": 2555})) == {"ObjectLockConfiguration.Rule.DefaultRetention.Mode"}

test_fail_2554_days if paths(locked({"Mode": "COMPLIANCE", "Days": 2554})) == {"ObjectLockConfiguration.Rule.DefaultRetention"}

test_fail_365_days_hard if {
	some f in rule.deny with input as doc(locked({"Mode": "COMPLIANCE", "Days": 364}))
	endswith(f.message, "never less than 365 days")
}

test_fail_6_years if paths(locked({"Mode": "COMPLIANCE", "Years": 6})) == {"ObjectLockConfiguration.Rule.DefaultRetention"}

test_fail_no_default_retention if {
	paths({"ObjectLockEnabled": true, "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}}) == {
		"ObjectLockConfiguration.Rule.DefaultRetention.Mode",
		"ObjectLockConfiguration.Rule.DefaultRetention",
	}
}

test_fail_trail_bucket_without_lock if trail_paths({"BucketName": "trail"}) == {"ObjectLockEnabled"}

test_fail_trail_bucket_lock_disabled if trail_paths({"ObjectLockEnabled": false}) == {"ObjectLockEnabled"}

test_fail_configuration_without_flag if {
	paths({"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 7}}}}) == {"ObjectLockEnabled"}
}

test_fail_unresolved_days_is_unverifiable if {
	fs := rule.deny with input as doc(locked({"Mode": "COMPLIANCE", "Days": {"Ref": "AuditDays"}}))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "ObjectLockConfiguration.Rule.DefaultRetention.Days"
}

test_fail_tenant_audit_years if {
	fs := {f.path | some f in rule.deny with input as object.union(doc(locked({"Mode": "COMPLIANCE", "Years": 7})), {"tenant": {"retention": {"auditYears": 10}}})}
	fs == {"ObjectLockConfiguration.Rule.DefaultRetention"}
}

test_fail_unresolved_mode_is_unverifiable if {
	fs := rule.deny with input as doc(locked({"Mode": {"Ref": "LockMode"}, "Years": 7}))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "ObjectLockConfiguration.Rule.DefaultRetention.Mode"
}
