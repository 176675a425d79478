# METADATA
# title: Firewall rules admit the internet only on 443, and the data tier only from private ranges
# description: >-
#   An enabled INGRESS google_compute_firewall that allows traffic from the whole internet
#   (source_ranges 0.0.0.0/0 or ::/0, or no source at all, which Google treats as 0.0.0.0/0) may allow
#   only tcp 443. Google's load balancer and health-check ranges (130.211.0.0/22, 35.191.0.0/16) and
#   single addresses are not the internet. An allow rule that reaches a database or cache port must
#   come from private (RFC 1918, RFC 6598, ULA) ranges, source tags or service accounts of the app tier,
#   never from a public range.
# custom:
#   id: NET-1-GCP
#   severity: critical
#   level: mandatory
#   controls: [NET-1]
#   remediation: >-
#     Restrict source_ranges to 130.211.0.0/22 and 35.191.0.0/16 for the load balancer's backends (tcp
#     443), and to the app subnet's range (or source_service_accounts of the app tier) for data ports.
#   resource_types: [google_compute_firewall]
#   checks:
#     "google_compute_firewall": [direction, disabled, allow, source_ranges, source_tags, source_service_accounts]
package cordon.rules.net_1_gcp_firewall

import data.cordon.lib

data_ports := {5432, 3306, 1433, 1521, 6379, 11211, 27017, 5439, 9042, 9200, 9300}

private_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"]

# Enabled INGRESS rules with at least one allow block; direction defaults to INGRESS.
ingress_allow contains [addr, p] if {
	some addr, r in lib.resources_of("google_compute_firewall")
	p := r.properties
	upper(object.get(p, "direction", "INGRESS")) == "INGRESS"
	not lib.truthy(object.get(p, "disabled", false))
	count(allows(p)) > 0
}

allows(p) := [b | some b in lib.blocks(object.get(p, "allow", []))]

# With no source_ranges, source_tags or source_service_accounts, Google applies 0.0.0.0/0.
sources(p) := p.source_ranges if count(object.get(p, "source_ranges", [])) > 0

sources(p) := ["0.0.0.0/0"] if {
	count(object.get(p, "source_ranges", [])) == 0
	count(object.get(p, "source_tags", [])) == 0
	count(object.get(p, "source_service_accounts", [])) == 0
}

# 1. The internet allowed anything but tcp 443.
deny contains lib.finding(addr, "source_ranges", msg) if {
	some [addr, p] in ingress_allow
	some range in sources(p)
	open_range(range)
	some b in allows(p)
	not https_only(b)
	msg := sprintf("INGRESS allow from %s on %s: only tcp/443 may be open to the internet", [range, allow_text(b)])
}

# 2. A data port reachable from a public range (not the internet as a whole: reported above).
deny contains lib.finding(addr, "source_ranges", msg) if {
	some [addr, p] in ingress_allow
	some range in object.get(p, "source_ranges", [])
	is_string(range)
	not lib.unresolved(range)
	not open_range(range)
	not private(range)
	some b in allows(p)
	some port in data_ports
	covers(b, port)
	msg := sprintf("INGRESS allow to data port %d from public range %s: the data tier must be reachable only from the app tier", [port, range])
}

# A source range known only at deploy time that is not a subnetwork's range.
deny contains lib.unverifiable(addr, "source_ranges", range) if {
	some [addr, p] in ingress_allow
	some range in object.get(p, "source_ranges", [])
	lib.unresolved(range)
	not subnet_range(range)
}

subnet_range(v) if lib.ref_type(v) == "google_compute_subnetwork"

open_range(v) if {
	is_string(v)
	endswith(trim_space(v), "/0")
}

private(range) if {
	some block in private_ranges
	net.cidr_contains(block, range)
}

# A subnetwork's ip_cidr_range is a private range of our network.
private(range) if subnet_range(range)

protocol(b) := lower(text(object.get(b, "protocol", "all")))

port_list(b) := object.get(b, "ports", [])

https_only(b) if {
	protocol(b) in {"tcp", "6"}
	count(port_list(b)) > 0
	every port in port_list(b) {
		port in {"443", "443-443", 443}
	}
}

covers(b, _) if protocol(b) == "all"

covers(b, _) if {
	protocol(b) in {"tcp", "6"}
	count(port_list(b)) == 0
}

covers(b, port) if {
	protocol(b) in {"tcp", "6"}
	some spec in port_list(b)
	in_spec(spec, port)
}

in_spec(spec, port) if to_number(spec) == port

in_spec(spec, port) if {
	is_string(spec)
	[low, high] := split(spec, "-")
	to_number(low) <= port
	port <= to_number(high)
}

allow_text(b) := sprintf("%s %s", [protocol(b), concat(",", [text(x) | some x in port_list(b)])]) if count(port_list(b)) > 0

allow_text(b) := sprintf("%s (all ports)", [protocol(b)]) if count(port_list(b)) == 0

# A value as text; json.marshal because the wasm SDK's sprintf cannot format null.
text(x) := x if is_string(x)

text(x) := json.marshal(x) if not is_string(x)
