package cordon.rules.net_2_aws_tenant_network_test

import data.cordon.rules.net_2_aws_tenant_network as rule

tenants := {
	"globex": {"id": "globex", "tier": "dedicated"},
	"stark": {"id": "stark", "tier": "enterprise"},
	"initech": {"id": "initech", "tier": "pooled"},
}

stack(name, tenant, resources, imports) := {"stack": {"name": name, "tenant": tenant, "environment": "prod"}, "resources": resources, "imports": imports}

subnet := {"type": "AWS::EC2::Subnet", "properties": {}}

vpc := {"type": "AWS::EC2::VPC", "properties": {}}

service(subnets) := {"type": "AWS::ECS::Service", "properties": {"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": subnets}}}}

cell := stack("cell", null, {"Subnet1": subnet, "CellVpc": vpc}, {})

cell_import := {"cell:Subnet1": {"stack": "cell", "address": "Subnet1", "type": "AWS::EC2::Subnet"}}

estate(stacks) := {"stacks": stacks, "tenants": tenants}

found(stacks) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as estate(stacks)}

unverifiable(stacks) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as estate(stacks); f.unverifiable}

own := stack("globex-prod", "globex", {"Subnet1": subnet, "Svc": service([{"Ref": "Subnet1"}])}, {})

test_pass_dedicated_in_own_subnet if count(found({"cell": cell, "globex-prod": own})) == 0

test_pass_pooled_in_cell if {
	count(found({"cell": cell, "initech-prod": stack("initech-prod", "initech", {"Svc": service([{"Fn::ImportValue": "cell:Subnet1"}])}, cell_import)})) == 0
}

test_pass_own_subnet_through_import if {
	net_stack := stack("stark-net", "stark", {"Subnet1": subnet}, {})
	svc := stack("stark-prod", "stark", {"Svc": service([{"Fn::ImportValue": "net:S"}])}, {"net:S": {"stack": "stark-net", "address": "Subnet1", "type": "AWS::EC2::Subnet"}})
	count(found({"stark-net": net_stack, "stark-prod": svc})) == 0
}

test_fail_dedicated_in_cell_subnet if {
	svc := stack("globex-prod", "globex", {"Svc": service([{"Fn::ImportValue": "cell:Subnet1"}])}, cell_import)
	found({"cell": cell, "globex-prod": svc}) == {["globex-prod", "Svc", "NetworkConfiguration.AwsvpcConfiguration.Subnets[0]"]}
}

test_fail_enterprise_in_other_tenant_subnet if {
	svc := stack("stark-prod", "stark", {"Svc": service([{"Fn::ImportValue": "g:S"}])}, {"g:S": {"stack": "globex-prod", "address": "Subnet1", "type": "AWS::EC2::Subnet"}})
	found({"globex-prod": own, "stark-prod": svc}) == {["stark-prod", "Svc", "NetworkConfiguration.AwsvpcConfiguration.Subnets[0]"]}
}

test_fail_no_network_configuration if {
	svc := stack("globex-prod", "globex", {"Svc": {"type": "AWS::ECS::Service", "properties": {"LaunchType": "EC2"}}}, {})
	found({"globex-prod": svc}) == {["globex-prod", "Svc", "NetworkConfiguration.AwsvpcConfiguration.Subnets"]}
}

test_fail_literal_subnet_unverifiable if {
	svc := stack("globex-prod", "globex", {"Svc": service(["subnet-0abc"])}, {})
	unverifiable({"globex-prod": svc}) == {["globex-prod", "Svc", "NetworkConfiguration.AwsvpcConfiguration.Subnets[0]"]}
}

peering(vpc_id, peer) := {"type": "AWS::EC2::VPCPeeringConnection", "properties": {"VpcId": vpc_id, "PeerVpcId": peer}}

test_fail_peering_between_tenants if {
	g := stack("globex-prod", "globex", {"Vpc": vpc, "Peer": peering({"Ref": "Vpc"}, {"Fn::ImportValue": "s:V"})}, {"s:V": {"stack": "stark-prod", "address": "Vpc", "type": "AWS::EC2::VPC"}})
	s := stack("stark-prod", "stark", {"Vpc": vpc}, {})
	found({"globex-prod": g, "stark-prod": s}) == {["globex-prod", "Peer", "PeerVpcId"]}
}

test_fail_peering_tenant_with_cell if {
	g := stack("globex-prod", "globex", {"Vpc": vpc, "Peer": peering({"Ref": "Vpc"}, {"Fn::ImportValue": "c:V"})}, {"c:V": {"stack": "cell", "address": "CellVpc", "type": "AWS::EC2::VPC"}})
	found({"cell": cell, "globex-prod": g}) == {["globex-prod", "Peer", "PeerVpcId"]}
}

test_pass_peering_within_platform if {
	c := stack("cell", null, {"A": vpc, "B": vpc, "Peer": peering({"Ref": "A"}, {"Ref": "B"})}, {})
	count(found({"cell": c})) == 0
}

test_fail_peering_literal_peer_unverifiable if {
	g := stack("globex-prod", "globex", {"Vpc": vpc, "Peer": peering({"Ref": "Vpc"}, "vpc-0123")}, {})
	unverifiable({"globex-prod": g}) == {["globex-prod", "Peer", "PeerVpcId"]}
}

test_fail_tier_from_stack_label_without_registry if {
	svc := {"stack": {"name": "globex-prod", "tenant": "globex", "environment": "prod", "tier": "dedicated"}, "resources": {"Svc": service([{"Fn::ImportValue": "cell:Subnet1"}])}, "imports": cell_import}
	fs := {[f.stack, f.resource] | some f in rule.deny_estate with input as {"stacks": {"cell": cell, "globex-prod": svc}, "tenants": {}}}
	fs == {["globex-prod", "Svc"]}
}
