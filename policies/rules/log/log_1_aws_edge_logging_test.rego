package cordon.rules.log_1_aws_edge_logging_test

import data.cordon.rules.log_1_aws_edge_logging as rule

dist := {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"Enabled": true}}, "references": []}

acl := {"type": "AWS::WAFv2::WebACL", "properties": {"Scope": "CLOUDFRONT"}, "references": []}

source := {"type": "AWS::Logs::DeliverySource", "properties": {"Name": "edge", "LogType": "ACCESS_LOGS", "ResourceArn": {"Fn::Join": ["", ["arn:aws:cloudfront::1:distribution/", {"Ref": "Dist"}]]}}, "references": ["Dist"]}

destination := {"type": "AWS::Logs::DeliveryDestination", "properties": {"Name": "edge", "DestinationResourceArn": {"Fn::GetAtt": ["Logs", "Arn"]}}, "references": ["Logs"]}

delivery := {"type": "AWS::Logs::Delivery", "properties": {"DeliverySourceName": {"Ref": "Source"}, "DeliveryDestinationArn": {"Fn::GetAtt": ["Destination", "Arn"]}}, "references": ["Destination", "Source"]}

waf_logging := {"type": "AWS::WAFv2::LoggingConfiguration", "properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}, "LogDestinationConfigs": [{"Fn::GetAtt": ["WafLogs", "Arn"]}]}, "references": ["Acl", "WafLogs"]}

good := {
	"Dist": dist, "Acl": acl, "Source": source, "Destination": destination, "Delivery": delivery,
	"WafLogging": waf_logging,
	"Logs": {"type": "AWS::Logs::LogGroup", "properties": {}, "references": []},
	"WafLogs": {"type": "AWS::Logs::LogGroup", "properties": {}, "references": []},
}

# object.union merges recursively: replace a resource whole.
replace(k, v) := object.union(object.remove(good, [k]), {k: v})

findings(resources) := {sprintf("%s %s", [f.resource, f.path]) | some f in rule.deny with input as {"resources": resources}}

test_pass_delivery_and_waf_logging if count(findings(good)) == 0

test_pass_delivery_naming_its_source if {
	d := object.union(delivery, {"properties": {"DeliverySourceName": "edge"}})
	count(findings(replace("Delivery", d))) == 0
}

test_pass_legacy_logging_bucket if {
	r := object.remove(good, ["Source", "Delivery", "Destination"])
	d := {"type": dist.type, "references": [], "properties": {"DistributionConfig": {"Logging": {"Bucket": "logs.s3.amazonaws.com"}}}}
	count(findings(object.union(r, {"Dist": d}))) == 0
}

test_fail_no_delivery if findings(object.remove(good, ["Delivery"])) == {"Dist DistributionConfig.Logging"}

test_fail_source_of_another_distribution if {
	s := object.union(source, {"references": ["Other"]})
	findings(replace("Source", s)) == {"Dist DistributionConfig.Logging"}
}

test_fail_source_of_other_logs if {
	s := object.union(source, {"properties": {"LogType": "CONNECTION_LOGS"}})
	findings(replace("Source", s)) == {"Dist DistributionConfig.Logging"}
}

unverifiable(resources) := {[f.resource, f.message] | some f in rule.deny with input as {"resources": resources}; f.unverifiable}

test_fail_delivery_to_a_destination_outside_is_unverifiable if {
	arn := "arn:aws:logs:us-east-1:123456789012:delivery-destination:central"
	d := object.union(delivery, {"properties": {"DeliveryDestinationArn": arn}})
	findings(replace("Delivery", d)) == {"Dist DistributionConfig.Logging"}
	unverifiable(replace("Delivery", d)) == {["Dist", sprintf("DeliveryDestinationArn names delivery destination %s outside the input: where its access logs go cannot be checked", [arn])]}
}

test_fail_delivery_to_no_destination if {
	every v in ["arn:aws:s3:::central-logs", "arn:aws:logs:us-east-1:123456789012:log-group:edge", "central", ""] {
		d := object.union(delivery, {"properties": {"DeliveryDestinationArn": v}})
		findings(replace("Delivery", d)) == {"Dist DistributionConfig.Logging"}
		count(unverifiable(replace("Delivery", d))) == 0
	}
}

test_fail_empty_legacy_bucket if {
	r := object.remove(good, ["Source", "Delivery", "Destination"])
	d := {"type": dist.type, "references": [], "properties": {"DistributionConfig": {"Logging": {"Bucket": ""}}}}
	findings(object.union(r, {"Dist": d})) == {"Dist DistributionConfig.Logging"}
}

test_fail_acl_without_logging if findings(object.remove(good, ["WafLogging"])) == {"Acl LoggingConfiguration"}

test_fail_logging_without_destinations if {
	w := {"type": waf_logging.type, "references": ["Acl"], "properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}, "LogDestinationConfigs": []}}
	findings(replace("WafLogging", w)) == {"Acl LoggingConfiguration", "WafLogging LogDestinationConfigs"}
}

test_fail_logging_missing_destinations if {
	w := {"type": waf_logging.type, "references": ["Acl"], "properties": {"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]}}}
	findings(replace("WafLogging", w)) == {"Acl LoggingConfiguration", "WafLogging LogDestinationConfigs"}
}
