package cordon.rules.log_2_aws_log_data_protection_test

import data.cordon.rules.log_2_aws_log_data_protection as rule

ids := ["arn:aws:dataprotection::aws:data-identifier/EmailAddress"]

audit := {"Sid": "audit", "DataIdentifier": ids, "Operation": {"Audit": {"FindingsDestination": {}}}}

redact := {"Sid": "redact", "DataIdentifier": ids, "Operation": {"Deidentify": {"MaskConfig": {}}}}

policy(statements) := {"DataProtectionPolicy": {"Name": "p", "Version": "2021-06-01", "Statement": statements}}

phi := {"id": "medco", "phi": true}

doc(props, t) := {"tenant": t, "resources": {"Logs": {"type": "AWS::Logs::LogGroup", "properties": props}}}

denied(props, t) := {f.resource | some f in rule.deny with input as doc(props, t)}

test_pass_phi_masked if count(denied(policy([audit, redact]), phi)) == 0

test_pass_non_phi_without_policy if count(denied({"RetentionInDays": 365}, {"id": "t", "phi": false})) == 0

test_pass_no_tenant_without_policy if count(denied({"RetentionInDays": 365}, null)) == 0

test_fail_phi_without_policy if denied({"RetentionInDays": 365}, phi) == {"Logs"}

test_fail_phi_audit_only if denied(policy([audit]), phi) == {"Logs"}

test_fail_phi_mask_without_identifiers if denied(policy([audit, object.union(redact, {"DataIdentifier": []})]), phi) == {"Logs"}

test_fail_no_tenant_audit_only_policy if denied(policy([audit]), null) == {"Logs"}

test_fail_unresolved_policy_is_unverifiable if {
	fs := rule.deny with input as doc({"DataProtectionPolicy": {"Fn::If": ["Phi", {}, {"Ref": "AWS::NoValue"}]}}, phi)
	count(fs) == 1
	some f in fs
	f.unverifiable
}
