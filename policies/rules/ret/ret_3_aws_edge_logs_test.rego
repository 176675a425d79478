package cordon.rules.ret_3_aws_edge_logs_test

import data.cordon.rules.ret_3_aws_edge_logs as rule

group(days) := {"type": "AWS::Logs::LogGroup", "properties": {"KmsKeyId": "k", "RetentionInDays": days}}

forever := {"type": "AWS::Logs::LogGroup", "properties": {"KmsKeyId": "k"}}

edge(waf_group, access_group) := {"resources": {
	"Acl": {"type": "AWS::WAFv2::WebACL", "properties": {}},
	"WafLogging": {"type": "AWS::WAFv2::LoggingConfiguration", "properties": {
		"ResourceArn": {"Fn::GetAtt": ["Acl", "Arn"]},
		"LogDestinationConfigs": [{"Fn::GetAtt": ["WafLogs", "Arn"]}],
	}},
	"WafLogs": waf_group,
	"Dist": {"type": "AWS::CloudFront::Distribution", "properties": {}},
	"Source": {"type": "AWS::Logs::DeliverySource", "properties": {"LogType": "ACCESS_LOGS", "Name": "src"}, "references": ["Dist"]},
	"Dest": {"type": "AWS::Logs::DeliveryDestination", "properties": {"DestinationResourceArn": {"Fn::GetAtt": ["AccessLogs", "Arn"]}}},
	"Delivery": {"type": "AWS::Logs::Delivery", "properties": {"DeliverySourceName": "src", "DeliveryDestinationArn": {"Fn::GetAtt": ["Dest", "Arn"]}}},
	"AccessLogs": access_group,
	"AppLogs": group(30),
}}

tenant(years) := {"retention": {"auditYears": years}}

findings(d) := {[f.resource, f.path] | some f in rule.deny with input as d; not f.unverifiable}

# AppLogs (30 days) receives no edge logs and is not judged.
test_pass_seven_years if count(rule.deny) == 0 with input as edge(group(2557), group(2557))

test_pass_boundary_2555 if count(rule.deny) == 0 with input as edge(group(2555), group("2555"))

test_pass_never_expire_beyond_cloudwatch if count(rule.deny) == 0 with input as object.union(edge(forever, forever), {"tenant": tenant(11)})

test_pass_ten_year_contract if count(rule.deny) == 0 with input as object.union(edge(group(3653), group(3653)), {"tenant": tenant(10)})

test_fail_waf_logs_one_year if findings(edge(group(365), group(2557))) == {["WafLogs", "RetentionInDays"]}

test_fail_access_logs_boundary_2554 if findings(edge(group(2557), group(2554))) == {["AccessLogs", "RetentionInDays"]}

test_fail_under_tenant_contract if findings(object.union(edge(group(2557), group(2922)), {"tenant": tenant(8)})) == {["WafLogs", "RetentionInDays"]}

test_fail_never_expire_within_cloudwatch if findings(edge(forever, group(2557))) == {["WafLogs", "RetentionInDays"]}

test_fail_unresolved_is_unverifiable if {
	fs := {[f.resource, f.path] | some f in rule.deny with input as edge(group({"Ref": "Days"}), group(2557)); f.unverifiable}
	fs == {["WafLogs", "RetentionInDays"]}
}

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

waf_to(v) := json.patch(edge(group(2557), group(2557)), [{"op": "replace", "path": "/resources/WafLogging/properties/LogDestinationConfigs", "value": [v]}])

test_fail_waf_logs_to_a_group_outside_are_unverifiable if {
	arn := "arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-central"
	unverifiable(waf_to(arn)) == {["WafLogging", "LogDestinationConfigs", sprintf("LogDestinationConfigs names log group %s outside the input: the retention of the edge logs it receives cannot be checked", [arn])]}
}

test_fail_waf_logs_to_a_group_named_here_are_judged if {
	d := json.patch(waf_to("arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-edge"), [{"op": "add", "path": "/resources/Named", "value": {"type": "AWS::Logs::LogGroup", "properties": {"LogGroupName": "aws-waf-logs-edge", "RetentionInDays": 30}}}])
	findings(d) == {["Named", "RetentionInDays"]}
	count(unverifiable(d)) == 0
}

test_pass_waf_logs_to_a_bucket if {
	# RET-3 judges log groups; S3 and Firehose destinations are out of its scope, declared or not.
	count(rule.deny) == 0 with input as waf_to("arn:aws:s3:::aws-waf-logs-central")
}

test_fail_access_logs_to_a_destination_outside_are_unverifiable if {
	arn := "arn:aws:logs:us-east-1:123456789012:delivery-destination:central"
	d := json.patch(edge(group(2557), group(2557)), [{"op": "replace", "path": "/resources/Delivery/properties/DeliveryDestinationArn", "value": arn}])
	unverifiable(d) == {["Delivery", "DeliveryDestinationArn", sprintf("DeliveryDestinationArn names delivery destination %s outside the input: the retention of the edge logs it receives cannot be checked", [arn])]}
}

test_fail_access_logs_to_a_group_outside_are_unverifiable if {
	arn := "arn:aws:logs:us-east-1:123456789012:log-group:/edge/central:*"
	d := json.patch(edge(group(2557), group(2557)), [{"op": "replace", "path": "/resources/Dest/properties/DestinationResourceArn", "value": arn}])
	unverifiable(d) == {["Dest", "DestinationResourceArn", sprintf("DestinationResourceArn names log group %s outside the input: the retention of the edge logs it receives cannot be checked", [arn])]}
}
