package cordon.rules.net_3_aws_vpc_flow_logs_test

import data.cordon.rules.net_3_aws_vpc_flow_logs as rule

vpc := {"type": "AWS::EC2::VPC", "properties": {"CidrBlock": "10.0.0.0/16"}}

flow(props) := {"type": "AWS::EC2::FlowLog", "properties": object.union({"ResourceType": "VPC", "ResourceId": {"Ref": "Vpc"}}, props)} if not props.ResourceId

# object.union merges nested objects, so a flow log of another target is written whole.
flow(props) := {"type": "AWS::EC2::FlowLog", "properties": object.union({"ResourceType": "VPC"}, props)} if props.ResourceId

doc(logs) := {"resources": object.union({"Vpc": vpc, "Other": vpc}, logs)}

found(logs) := {[f.resource, f.path] | some f in rule.deny with input as doc(logs)}

unverifiable(logs) := {[f.resource, f.path] | some f in rule.deny with input as doc(logs); f.unverifiable}

other := {"F2": flow({"TrafficType": "ALL", "ResourceId": {"Fn::GetAtt": ["Other", "VpcId"]}})}

both := object.union(other, {"F1": flow({"TrafficType": "ALL"})})

test_pass_every_vpc_logged if count(found(both)) == 0

test_pass_lowercase_all if count(found(object.union(other, {"F1": flow({"TrafficType": "all"})}))) == 0

test_fail_one_vpc_without_flow_log if found({"F1": flow({"TrafficType": "ALL"})}) == {["Other", "FlowLog"]}

test_fail_no_flow_logs if found({}) == {["Vpc", "FlowLog"], ["Other", "FlowLog"]}

test_fail_reject_only if found(object.union(other, {"F1": flow({"TrafficType": "REJECT"})})) == {["Vpc", "FlowLog"]}

test_fail_traffic_type_missing if found(object.union(other, {"F1": flow({})})) == {["Vpc", "FlowLog"]}

test_fail_flow_log_on_a_subnet_only if {
	subnet_log := flow({"TrafficType": "ALL", "ResourceType": "Subnet", "ResourceId": {"Ref": "Subnet"}})
	found(object.union(other, {"F1": subnet_log, "Subnet": {"type": "AWS::EC2::Subnet", "properties": {}}})) == {["Vpc", "FlowLog"]}
}

test_fail_unresolved_traffic_type if {
	logs := object.union(other, {"F1": flow({"TrafficType": {"Ref": "Traffic"}})})
	unverifiable(logs) == {["Vpc", "FlowLog.TrafficType"]}
	found(logs) == unverifiable(logs)
}

test_fail_unresolved_target if {
	logs := {"F1": flow({"TrafficType": "ALL"}), "F2": flow({"TrafficType": "ALL", "ResourceId": {"Ref": "VpcIdParam"}})}
	unverifiable(logs) == {["Other", "FlowLog.ResourceId"]}
	found(logs) == unverifiable(logs)
}

test_fail_message if {
	some f in rule.deny with input as doc(object.union(other, {"F1": flow({"TrafficType": "ACCEPT"})}))
	f.message == "no AWS::EC2::FlowLog with TrafficType ALL references this VPC (its flow logs capture ACCEPT)"
}
