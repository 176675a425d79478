package cordon.rules.log_1_aws_cloudtrail_test

import data.cordon.rules.log_1_aws_cloudtrail as rule

good := {"IsLogging": true, "IsMultiRegionTrail": true, "EnableLogFileValidation": true, "KMSKeyId": {"Fn::GetAtt": ["Key", "Arn"]}, "S3BucketName": "trail"}

doc(props) := {"resources": {
	"Trail": {"type": "AWS::CloudTrail::Trail", "properties": props},
	"Key": {"type": "AWS::KMS::Key", "properties": {}},
	"Topic": {"type": "AWS::SNS::Topic", "properties": {}},
}}

# object.union merges objects recursively: replace the key id whole.
with_key(k) := object.union(object.remove(good, ["KMSKeyId"]), {"KMSKeyId": k})

paths(props) := {f.path | some f in rule.deny with input as doc(props)}

test_pass_all_set if count(paths(good)) == 0

test_pass_string_forms_and_arn if {
	count(paths({"IsLogging": "true", "IsMultiRegionTrail": "True", "EnableLogFileValidation": "true", "KMSKeyId": "arn:aws:kms:us-east-1:111111111111:key/k"})) == 0
}

test_pass_imported_key if {
	d := object.union(doc(with_key({"Fn::ImportValue": "keys:AuditKeyArn"})), {"imports": {"keys:AuditKeyArn": {"stack": "keys", "address": "AuditKey", "type": "AWS::KMS::Key"}}})
	count(rule.deny) == 0 with input as d
}

test_fail_single_region if paths(object.union(good, {"IsMultiRegionTrail": false})) == {"IsMultiRegionTrail"}

test_fail_validation_missing if paths(object.remove(good, ["EnableLogFileValidation"])) == {"EnableLogFileValidation"}

test_fail_not_logging if paths(object.union(good, {"IsLogging": "false"})) == {"IsLogging"}

test_fail_no_key if paths(object.remove(good, ["KMSKeyId"])) == {"KMSKeyId"}

test_fail_empty_key if paths(object.union(good, {"KMSKeyId": ""})) == {"KMSKeyId"}

test_fail_key_ref_to_other_type_is_unverifiable if {
	fs := rule.deny with input as doc(with_key({"Ref": "Topic"}))
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "KMSKeyId"
}

test_fail_parameter_flag_is_unverifiable if {
	fs := rule.deny with input as doc(object.union(good, {"IsMultiRegionTrail": {"Ref": "MultiRegion"}}))
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_pass_literal_key_forms if {
	every k in ["alias/trail", "arn:aws:kms:us-east-1:111111111111:alias/trail", "1234abcd-12ab-34cd-56ef-1234567890ab"] {
		count(paths(with_key(k))) == 0
	}
}

test_fail_literal_that_names_no_key if {
	every k in ["arn:aws:s3:::trail-key", "trail-key", "alias/"] {
		paths(with_key(k)) == {"KMSKeyId"}
	}
}
