package cordon.rules.ops_1_aws_scanning_test

import data.cordon.rules.ops_1_aws_scanning as rule

one(type, props) := {"resources": {"R": {"type": type, "properties": props}}}

found(inp) := {[f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

test_pass_scan_on_push if count(found(one("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": true}}))) == 0

test_pass_scan_on_push_string if count(found(one("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": "true"}}))) == 0

test_pass_registry_scans_everything if {
	inp := {"resources": {
		"R": {"type": "AWS::ECR::Repository", "properties": {}},
		"S": {"type": "AWS::ECR::RegistryScanningConfiguration", "properties": {"ScanType": "ENHANCED", "Rules": [{"ScanFrequency": "CONTINUOUS_SCAN", "RepositoryFilters": [{"Filter": "*", "FilterType": "WILDCARD"}]}]}},
	}}
	count(found(inp)) == 0
}

test_pass_detector_enabled if count(found(one("AWS::GuardDuty::Detector", {"Enable": true}))) == 0

test_fail_scan_off if found(one("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": false}})) == {["R", "ImageScanningConfiguration.ScanOnPush", false]}

test_fail_scan_missing if found(one("AWS::ECR::Repository", {"RepositoryName": "app"})) == {["R", "ImageScanningConfiguration.ScanOnPush", false]}

test_fail_registry_scans_some_repositories_only if {
	inp := {"resources": {
		"R": {"type": "AWS::ECR::Repository", "properties": {}},
		"S": {"type": "AWS::ECR::RegistryScanningConfiguration", "properties": {"Rules": [{"ScanFrequency": "SCAN_ON_PUSH", "RepositoryFilters": [{"Filter": "prod-*", "FilterType": "WILDCARD"}]}]}},
	}}
	found(inp) == {["R", "ImageScanningConfiguration.ScanOnPush", false]}
}

test_fail_scan_unresolved if {
	found(one("AWS::ECR::Repository", {"ImageScanningConfiguration": {"ScanOnPush": {"Ref": "Scan"}}})) == {["R", "ImageScanningConfiguration.ScanOnPush", true]}
}

test_fail_detector_disabled if found(one("AWS::GuardDuty::Detector", {"Enable": "false"})) == {["R", "Enable", false]}

test_fail_detector_enable_missing if found(one("AWS::GuardDuty::Detector", {})) == {["R", "Enable", false]}

test_fail_detector_unresolved if found(one("AWS::GuardDuty::Detector", {"Enable": {"Fn::If": ["C", true, false]}})) == {["R", "Enable", true]}
