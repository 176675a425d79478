package cordon.rules.log_1_aws_s3_data_events_test

import data.cordon.rules.log_1_aws_s3_data_events as rule

cdk_all := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::"]]}

selectors(s) := {"IsLogging": true, "EventSelectors": s}

trail(props) := {"resources": {"Trail": {"type": "AWS::CloudTrail::Trail", "properties": props}}}

paths(props) := {f.path | some f in rule.deny with input as trail(props)}

data_selector(values, rw) := {"ReadWriteType": rw, "DataResources": [{"Type": "AWS::S3::Object", "Values": values}]}

test_pass_cdk_all_buckets if count(paths(selectors([{"IncludeManagementEvents": true}, {"DataResources": [{"Type": "AWS::S3::Object", "Values": [cdk_all]}]}]))) == 0

test_pass_literal_all_buckets if count(paths(selectors([data_selector(["arn:aws:s3"], "All")]))) == 0

test_pass_advanced_selector if {
	s := [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]
	count(paths({"AdvancedEventSelectors": s})) == 0
}

test_fail_no_selectors if paths({"IsLogging": true}) == {"EventSelectors"}

test_fail_management_only if paths(selectors([{"IncludeManagementEvents": true}])) == {"EventSelectors"}

test_fail_writes_only if paths(selectors([data_selector(["arn:aws:s3"], "WriteOnly")])) == {"EventSelectors"}

test_fail_one_bucket_only if paths(selectors([data_selector(["arn:aws:s3:::documents/"], "All")])) == {"EventSelectors"}

test_fail_advanced_selector_narrowed_to_an_arn if {
	s := [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::documents/"]}]}]
	paths({"AdvancedEventSelectors": s}) == {"EventSelectors"}
}

test_fail_advanced_selector_reads_only if {
	s := [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "readOnly", "Equals": ["true"]}]}]
	paths({"AdvancedEventSelectors": s}) == {"EventSelectors"}
}

test_fail_parameter_selectors_are_unverifiable if {
	fs := rule.deny with input as trail({"EventSelectors": {"Ref": "Selectors"}})
	count(fs) == 1
	some f in fs
	f.unverifiable
}
