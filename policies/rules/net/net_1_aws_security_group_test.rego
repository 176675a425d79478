package cordon.rules.net_1_aws_security_group_test

import data.cordon.rules.net_1_aws_security_group as rule

sg(rules) := {"resources": {
	"Sg": {"type": "AWS::EC2::SecurityGroup", "properties": {"GroupDescription": "g", "SecurityGroupIngress": rules}},
	"Vpc": {"type": "AWS::EC2::VPC", "properties": {"CidrBlock": "10.0.0.0/16"}},
}}

standalone(props) := {"resources": {"In": {"type": "AWS::EC2::SecurityGroupIngress", "properties": props}}}

found(doc) := {[f.resource, f.path] | some f in rule.deny with input as doc}

unverifiable(doc) := {[f.resource, f.path] | some f in rule.deny with input as doc; f.unverifiable}

https := {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}

test_pass_lb_https_from_anywhere if count(found(sg([https, object.union(https, {"CidrIp": null, "CidrIpv6": "::/0"})]))) == 0

test_pass_https_string_ports_and_protocol_number if {
	count(found(sg([{"IpProtocol": "6", "FromPort": "443", "ToPort": "443", "CidrIp": "0.0.0.0/0"}]))) == 0
}

test_pass_data_port_from_security_group if {
	count(found(standalone({"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "GroupId": "sg-1", "SourceSecurityGroupId": {"Fn::GetAtt": ["App", "GroupId"]}}))) == 0
}

test_pass_app_port_from_a_32 if count(found(sg([{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "CidrIp": "203.0.113.7/32"}]))) == 0

test_pass_vpc_cidr_reference_on_app_port if {
	count(found(sg([{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "CidrIp": {"Fn::GetAtt": ["Vpc", "CidrBlock"]}}]))) == 0
}

test_pass_no_ingress if count(found(sg([]))) == 0

test_fail_ssh_from_anywhere if {
	found(sg([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_http_80_from_anywhere_ipv6 if {
	found(standalone({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIpv6": "::/0"})) == {["In", "CidrIpv6"]}
}

test_fail_range_around_443 if {
	found(sg([{"IpProtocol": "tcp", "FromPort": 442, "ToPort": 443, "CidrIp": "0.0.0.0/0"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_udp_443 if found(sg([object.union(https, {"IpProtocol": "udp"})])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}

test_fail_all_traffic_from_anywhere if {
	found(sg([{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_missing_protocol_and_ports if found(sg([{"CidrIp": "0.0.0.0/0"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}

test_fail_second_rule_only if {
	found(sg([https, {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"}])) == {["Sg", "SecurityGroupIngress[1].CidrIp"]}
}

test_fail_postgres_from_private_cidr if {
	found(standalone({"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "CidrIp": "10.0.1.0/24"})) == {["In", "CidrIp"]}
}

test_fail_postgres_from_a_32 if {
	found(sg([{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "CidrIp": "10.0.1.5/32"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_port_range_spanning_mysql if {
	found(sg([{"IpProtocol": "tcp", "FromPort": 3000, "ToPort": 4000, "CidrIp": "10.0.0.0/8"}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_all_traffic_from_vpc_reaches_data_ports if {
	found(sg([{"IpProtocol": "-1", "CidrIp": {"Fn::GetAtt": ["Vpc", "CidrBlock"]}}])) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
}

test_fail_redis_from_prefix_list if {
	found(standalone({"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "SourcePrefixListId": "pl-123"})) == {["In", "SourcePrefixListId"]}
}

test_pass_boundary_port_below_data_port if {
	count(found(sg([{"IpProtocol": "tcp", "FromPort": 5400, "ToPort": 5431, "CidrIp": "10.0.0.0/8"}]))) == 0
}

test_fail_unresolved_cidr_is_unverifiable if {
	doc := sg([{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "CidrIp": {"Ref": "AllowedCidr"}}])
	unverifiable(doc) == {["Sg", "SecurityGroupIngress[0].CidrIp"]}
	found(doc) == unverifiable(doc)
}

test_fail_unresolved_port_from_anywhere_is_unverifiable if {
	doc := standalone({"IpProtocol": "tcp", "FromPort": {"Ref": "Port"}, "ToPort": 443, "CidrIp": "0.0.0.0/0"})
	unverifiable(doc) == {["In", "FromPort"]}
	found(doc) == unverifiable(doc)
}

test_fail_message if {
	some f in rule.deny with input as sg([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])
	f.message == "ingress from 0.0.0.0/0 on tcp 22-22: only the load balancer's tcp/443 may be open to the internet"
}
