# METADATA
# title: Security groups admit the internet only on the load balancer's 443, and the data tier only from a security group
# description: >-
#   Every ingress rule of an AWS::EC2::SecurityGroup (inline SecurityGroupIngress) or
#   AWS::EC2::SecurityGroupIngress that is open to the internet (CidrIp 0.0.0.0/0 or CidrIpv6 ::/0)
#   must be exactly tcp 443 to 443. Any ingress that reaches a database or cache port (PostgreSQL,
#   MySQL, SQL Server, Oracle, Redis, Memcached, MongoDB, Redshift, Cassandra, OpenSearch) must come
#   from another security group, never from a CIDR or prefix list, so that only the app tier reaches the
#   data tier. Missing protocol or ports count as all of them.
# custom:
#   id: NET-1-AWS
#   severity: critical
#   level: mandatory
#   controls: [NET-1]
#   remediation: >-
#     Open only tcp/443 to 0.0.0.0/0 (or ::/0) on the load balancer's security group; let the app tier
#     in with SourceSecurityGroupId of the load balancer's group and the data tier with
#     SourceSecurityGroupId of the app tier's group.
#   resource_types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   checks:
#     "AWS::EC2::SecurityGroup": [SecurityGroupIngress]
#     "AWS::EC2::SecurityGroupIngress": [CidrIp, CidrIpv6, SourcePrefixListId, IpProtocol, FromPort, ToPort]
package cordon.rules.net_1_aws_security_group

import data.cordon.lib

# Ports of data stores: only another security group may reach them.
data_ports := {5432, 3306, 1433, 1521, 6379, 11211, 27017, 5439, 9042, 9200, 9300}

# Ingress rules as [address, path prefix, rule]: inline ones under their index, standalone ones at the top.
ingress contains [addr, sprintf("SecurityGroupIngress[%d].", [i]), e] if {
	some addr, r in lib.resources_of("AWS::EC2::SecurityGroup")
	some i, e in inline(r.properties)
}

ingress contains [addr, "", r.properties] if {
	some addr, r in lib.resources_of("AWS::EC2::SecurityGroupIngress")
}

inline(p) := p.SecurityGroupIngress if is_array(p.SecurityGroupIngress)

cidr_keys := ["CidrIp", "CidrIpv6"]

# 1. Internet-wide ingress other than tcp/443.
deny contains lib.finding(addr, concat("", [prefix, key]), msg) if {
	some [addr, prefix, e] in ingress
	some key in cidr_keys
	open_cidr(e[key])
	not ports_unresolved(e)
	not https_only(e)
	msg := sprintf("ingress from %s on %s: only the load balancer's tcp/443 may be open to the internet", [e[key], ports_text(e)])
}

# 2. A data-store port reachable from a CIDR or prefix list rather than from the app tier's security group.
deny contains lib.finding(addr, concat("", [prefix, key]), msg) if {
	some [addr, prefix, e] in ingress
	some key in ["CidrIp", "CidrIpv6", "SourcePrefixListId"]
	lib.has(e, key)
	not open_cidr(e[key])
	not ports_unresolved(e)
	some port in data_ports
	covers(e, port)
	msg := sprintf("ingress to data port %d from %s %s: the data tier must be reachable only from the app tier's security group (SourceSecurityGroupId)", [port, key, json.marshal(e[key])])
}

# A CIDR source whose value is known only at deploy time (and is not a VPC's own CIDR block).
deny contains lib.unverifiable(addr, concat("", [prefix, key]), e[key]) if {
	some [addr, prefix, e] in ingress
	some key in cidr_keys
	lib.unresolved(e[key])
	not vpc_cidr(e[key])
	not data_port_reachable(e)
}

# An internet-wide source whose protocol or ports are known only at deploy time.
deny contains lib.unverifiable(addr, concat("", [prefix, field]), e[field]) if {
	some [addr, prefix, e] in ingress
	some key in cidr_keys
	open_cidr(e[key])
	some field in ["IpProtocol", "FromPort", "ToPort"]
	lib.unresolved(e[field])
}

# A CIDR source whose protocol or ports are known only at deploy time might reach the data tier.
deny contains lib.unverifiable(addr, concat("", [prefix, field]), e[field]) if {
	some [addr, prefix, e] in ingress
	some key in ["CidrIp", "CidrIpv6", "SourcePrefixListId"]
	lib.has(e, key)
	not open_cidr(e[key])
	some field in ["IpProtocol", "FromPort", "ToPort"]
	lib.unresolved(e[field])
}

# A VPC's own CIDR block (Fn::GetAtt [Vpc, CidrBlock] or its import) is private and known.
vpc_cidr(v) if lib.ref_type(v) == "AWS::EC2::VPC"

data_port_reachable(e) if {
	not ports_unresolved(e)
	some port in data_ports
	covers(e, port)
}

# 0.0.0.0/0, ::/0 or any other /0: the whole internet.
open_cidr(v) if {
	is_string(v)
	endswith(trim_space(v), "/0")
}

ports_unresolved(e) if {
	some field in ["IpProtocol", "FromPort", "ToPort"]
	lib.unresolved(e[field])
}

# The protocol by name; a missing IpProtocol is treated as all protocols (fail closed).
protocol(e) := "all" if not lib.has(e, "IpProtocol")

protocol(e) := p if {
	v := lower(text(e.IpProtocol))
	names := {"-1": "all", "all": "all", "6": "tcp", "tcp": "tcp", "17": "udp", "udp": "udp", "1": "icmp", "icmp": "icmp", "58": "icmpv6", "icmpv6": "icmpv6"}
	p := object.get(names, v, v)
}

https_only(e) if {
	protocol(e) == "tcp"
	lib.number(e.FromPort) == 443
	lib.number(e.ToPort) == 443
}

# Whether a tcp rule's range includes the port; missing ports or -1 mean every port.
covers(e, _) if protocol(e) == "all"

covers(e, port) if {
	protocol(e) == "tcp"
	low(e) <= port
	port <= high(e)
}

low(e) := 0 if not lib.has(e, "FromPort")

low(e) := 0 if lib.number(e.FromPort) == -1

low(e) := n if {
	n := lib.number(e.FromPort)
	n != -1
}

# lib.number reads digits only, so "-1" as a string is handled here.
low(e) := 0 if e.FromPort == "-1"

high(e) := 65535 if not lib.has(e, "ToPort")

high(e) := 65535 if e.ToPort == -1

high(e) := 65535 if e.ToPort == "-1"

high(e) := n if {
	n := lib.number(e.ToPort)
	n != -1
}

ports_text(e) := "all protocols and ports" if protocol(e) == "all"

ports_text(e) := sprintf("%s %s-%s", [protocol(e), text(object.get(e, "FromPort", "any")), text(object.get(e, "ToPort", "any"))]) if protocol(e) != "all"

# A value as text; json.marshal because the wasm SDK's sprintf cannot format null.
text(x) := x if is_string(x)

text(x) := json.marshal(x) if not is_string(x)
