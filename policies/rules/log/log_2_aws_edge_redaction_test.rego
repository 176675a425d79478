package cordon.rules.log_2_aws_edge_redaction_test

import data.cordon.rules.log_2_aws_edge_redaction as rule

redacted := [{"SingleHeader": {"Name": "authorization"}}, {"SingleHeader": {"Name": "cookie"}}, {"QueryString": {}}]

waf(fields) := {"type": "AWS::WAFv2::LoggingConfiguration", "properties": {"ResourceArn": "arn", "LogDestinationConfigs": ["g"], "RedactedFields": fields}, "references": []}

source := {"type": "AWS::Logs::DeliverySource", "properties": {"Name": "edge", "LogType": "ACCESS_LOGS", "ResourceArn": {"Fn::Join": ["", ["arn:aws:cloudfront::1:distribution/", {"Ref": "Dist"}]]}}, "references": ["Dist"]}

delivery(fields) := {"type": "AWS::Logs::Delivery", "properties": object.union({"DeliverySourceName": {"Ref": "Source"}, "DeliveryDestinationArn": "d"}, fields), "references": ["Source"]}

doc(w, d) := {
	"Dist": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {}}, "references": []},
	"Source": source,
	"Waf": w,
	"Delivery": d,
}

good := doc(waf(redacted), delivery({"RecordFields": ["date", "c-ip", "cs-uri-stem", "sc-status"]}))

# object.union merges recursively: replace a resource whole.
replace(k, v) := object.union(object.remove(good, [k]), {k: v})

findings(resources) := {sprintf("%s %s", [f.resource, f.path]) | some f in rule.deny with input as {"resources": resources}}

test_pass_redacted_and_selected_fields if count(findings(good)) == 0

test_pass_header_names_in_any_case if {
	fields := [{"SingleHeader": {"Name": "Authorization"}}, {"SingleHeader": {"Name": "COOKIE"}}, {"QueryString": {}}]
	count(findings(replace("Waf", waf(fields)))) == 0
}

test_pass_delivery_of_other_source_not_judged if {
	s := object.union(source, {"properties": {"LogType": "APPLICATION_LOGS"}, "references": []})
	count(findings(object.union(object.remove(good, ["Source", "Dist", "Delivery"]), {"Source": s, "Dist": {"type": "AWS::SNS::Topic", "properties": {}, "references": []}, "Delivery": delivery({})}))) == 0
}

test_fail_authorization_not_redacted if findings(replace("Waf", waf(array.slice(redacted, 1, 3)))) == {"Waf RedactedFields"}

test_fail_query_not_redacted if findings(replace("Waf", waf(array.slice(redacted, 0, 2)))) == {"Waf RedactedFields"}

test_fail_redacted_fields_missing if {
	w := {"type": "AWS::WAFv2::LoggingConfiguration", "properties": {"ResourceArn": "arn"}, "references": []}
	findings(replace("Waf", w)) == {"Waf RedactedFields"}
}

test_fail_record_fields_missing if findings(replace("Delivery", delivery({}))) == {"Delivery RecordFields"}

test_fail_query_string_delivered if findings(replace("Delivery", delivery({"RecordFields": ["date", "cs-uri-query"]}))) == {"Delivery RecordFields"}

test_fail_cookie_delivered_to_source_named if {
	d := delivery({"RecordFields": ["date", "cs(Cookie)"], "DeliverySourceName": "edge"})
	findings(replace("Delivery", d)) == {"Delivery RecordFields"}
}

test_fail_legacy_logging if {
	d := {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"Logging": {"Bucket": "b"}}}, "references": []}
	findings(replace("Dist", d)) == {"Dist DistributionConfig.Logging"}
}
