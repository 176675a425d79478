package cordon.rules.enc_2_aws_key_rotation_test

import data.cordon.rules.enc_2_aws_key_rotation as rule

key(props) := {"resources": {"Key1": {"type": "AWS::KMS::Key", "properties": props}}}

paths(props) := {f.path | some f in rule.deny with input as key(props)}

test_pass_90_days if count(paths({"EnableKeyRotation": true, "RotationPeriodInDays": 90})) == 0

test_pass_string_forms if count(paths({"EnableKeyRotation": "true", "RotationPeriodInDays": "90"})) == 0

test_pass_asymmetric_key if count(paths({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"})) == 0

test_pass_hmac_key if count(paths({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"})) == 0

test_fail_91_days if paths({"EnableKeyRotation": true, "RotationPeriodInDays": 91}) == {"RotationPeriodInDays"}

test_fail_period_missing if paths({"EnableKeyRotation": true}) == {"RotationPeriodInDays"}

test_fail_rotation_off if paths({"EnableKeyRotation": false, "RotationPeriodInDays": 90}) == {"EnableKeyRotation"}

test_fail_rotation_missing if paths({}) == {"EnableKeyRotation"}

test_fail_rotation_unresolved_intrinsic_unverifiable if {
	unverifiable({"EnableKeyRotation": {"Ref": "RotateParam"}, "RotationPeriodInDays": 90}) == {"EnableKeyRotation"}
	count(findings({"EnableKeyRotation": {"Ref": "RotateParam"}, "RotationPeriodInDays": 90})) == 0
}

test_fail_explicit_symmetric_spec if {
	paths({"KeySpec": "SYMMETRIC_DEFAULT", "EnableKeyRotation": "false"}) == {"EnableKeyRotation"}
}

test_fail_message_names_default if {
	some f in rule.deny with input as key({"EnableKeyRotation": true})
	f.message == "RotationPeriodInDays is missing (KMS defaults to 365); it must be at most 90"
}

unverifiable(props) := {f.path | some f in rule.deny with input as key(props); f.unverifiable}

findings(props) := {f.path | some f in rule.deny with input as key(props); not f.unverifiable}

test_pass_89_days if count(paths({"EnableKeyRotation": true, "RotationPeriodInDays": 89})) == 0

test_fail_period_parameter_unverifiable if {
	unverifiable({"EnableKeyRotation": true, "RotationPeriodInDays": {"Ref": "Period"}}) == {"RotationPeriodInDays"}
	count(findings({"EnableKeyRotation": true, "RotationPeriodInDays": {"Ref": "Period"}})) == 0
}

test_fail_period_missing_while_rotation_unknown if {
	findings({"EnableKeyRotation": {"Fn::If": ["Prod", true, false]}}) == {"RotationPeriodInDays"}
	unverifiable({"EnableKeyRotation": {"Fn::If": ["Prod", true, false]}}) == {"EnableKeyRotation"}
}

test_fail_spec_parameter_unverifiable if {
	unverifiable({"KeySpec": {"Ref": "Spec"}}) == {"KeySpec"}
	count(findings({"KeySpec": {"Ref": "Spec"}})) == 0
}

test_pass_spec_parameter_with_rotation if {
	count(paths({"KeySpec": {"Ref": "Spec"}, "EnableKeyRotation": true, "RotationPeriodInDays": 90})) == 0
}

test_pass_asymmetric_with_unknown_usage if count(paths({"KeySpec": "RSA_2048", "KeyUsage": {"Ref": "Usage"}})) == 0
