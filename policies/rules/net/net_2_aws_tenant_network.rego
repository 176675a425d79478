# METADATA
# title: Dedicated and enterprise tenants run in their own VPC, which peers with no other tenant's
# description: >-
#   Every AWS::ECS::Service in a stack of a dedicated or enterprise tenant must use awsvpc networking
#   with subnets declared in that tenant's own stacks (a Ref or an import of its own stack), not in a
#   shared cell's or another tenant's. No AWS::EC2::VPCPeeringConnection may join a tenant's VPC to a
#   VPC of anyone else (another tenant, a cell or the platform). A subnet or VPC known only as a literal
#   id or a parameter is reported as unverifiable.
# custom:
#   id: NET-2-AWS
#   severity: critical
#   level: mandatory
#   controls: [NET-2]
#   remediation: >-
#     Deploy the tenant's services into subnets of the VPC declared in the tenant's own stack, and
#     remove peering between tenant VPCs (use PrivateLink endpoints for the few shared services).
#   resource_types: ["AWS::ECS::Service", "AWS::EC2::Subnet", "AWS::EC2::VPC", "AWS::EC2::VPCPeeringConnection"]
#   checks:
#     "AWS::ECS::Service": [NetworkConfiguration.AwsvpcConfiguration.Subnets]
#     "AWS::EC2::VPCPeeringConnection": [VpcId, PeerVpcId]
package cordon.rules.net_2_aws_tenant_network

import data.cordon.lib
import data.cordon.lib.net

deny_estate contains lib.estate_finding(sname, addr, "NetworkConfiguration.AwsvpcConfiguration.Subnets", msg) if {
	some sname, doc in input.stacks
	tenant := net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "AWS::ECS::Service"
	count(subnets(r.properties)) == 0
	msg := sprintf("the service of %s tenant %s names no awsvpc subnets, so it does not sit in the tenant's own VPC", [net.tier(doc), tenant])
}

deny_estate contains lib.estate_finding(sname, addr, path, msg) if {
	some sname, doc in input.stacks
	tenant := net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "AWS::ECS::Service"
	some i, subnet in subnets(r.properties)
	t := lib.ref_target(subnet) with input as doc
	net.owner(t.stack) != tenant
	path := sprintf("NetworkConfiguration.AwsvpcConfiguration.Subnets[%d]", [i])
	msg := sprintf("%s tenant %s runs in subnet %s of stack %s (%s), not in its own network", [net.tier(doc), tenant, t.address, t.stack, net.owner_text(t.stack)])
}

# A subnet known only as a literal id or a parameter: whose it is cannot be told (kept flagged unverifiable).
deny_estate contains object.union(lib.estate_finding(sname, addr, path, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "AWS::ECS::Service"
	some i, subnet in subnets(r.properties)
	not resolvable(doc, subnet)
	path := sprintf("NetworkConfiguration.AwsvpcConfiguration.Subnets[%d]", [i])
	unv := lib.unverifiable(addr, path, subnet)
}

# Peering that joins a tenant's VPC to a VPC of someone else.
deny_estate contains lib.estate_finding(sname, addr, "PeerVpcId", msg) if {
	some sname, doc in input.stacks
	some addr, r in doc.resources
	r.type == "AWS::EC2::VPCPeeringConnection"
	a := lib.ref_target(r.properties.VpcId) with input as doc
	b := lib.ref_target(r.properties.PeerVpcId) with input as doc
	net.owner(a.stack) != net.owner(b.stack)
	msg := sprintf("peers the VPC of %s (%s) with the VPC of %s (%s): tenant networks are never peered", [a.stack, net.owner_text(a.stack), b.stack, net.owner_text(b.stack)])
}

deny_estate contains object.union(lib.estate_finding(sname, addr, key, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	some addr, r in doc.resources
	r.type == "AWS::EC2::VPCPeeringConnection"
	some key in ["VpcId", "PeerVpcId"]
	not resolvable(doc, object.get(r.properties, key, null))
	unv := lib.unverifiable(addr, key, object.get(r.properties, key, null))
}

subnets(p) := s if {
	s := p.NetworkConfiguration.AwsvpcConfiguration.Subnets
	is_array(s)
} else := []

resolvable(doc, v) if lib.ref_target(v) with input as doc
