package cordon.rules.net_1_gcp_firewall_test

import data.cordon.rules.net_1_gcp_firewall as rule

fw(props) := {"resources": {
	"google_compute_firewall.f": {"type": "google_compute_firewall", "properties": props},
	"google_compute_subnetwork.app": {"type": "google_compute_subnetwork", "properties": {"ip_cidr_range": "10.0.16.0/20"}},
}}

found(props) := {f.path | some f in rule.deny with input as fw(props)}

unverifiable(props) := {f.path | some f in rule.deny with input as fw(props); f.unverifiable}

lb := {"direction": "INGRESS", "source_ranges": ["35.191.0.0/16", "130.211.0.0/22"], "allow": [{"protocol": "tcp", "ports": ["443"]}]}

test_pass_lb_ranges if count(found(lb)) == 0

test_fail_lb_ranges_all_tcp_ports_reach_data_ports if found(object.union(lb, {"allow": [{"protocol": "tcp"}]})) == {"source_ranges"}

test_pass_https_from_anywhere if count(found(object.union(lb, {"source_ranges": ["0.0.0.0/0"]}))) == 0

test_pass_deny_all_from_anywhere if count(found({"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "deny": [{"protocol": "all"}]})) == 0

test_pass_egress_to_anywhere if count(found({"direction": "EGRESS", "destination_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["443"]}]})) == 0

test_pass_disabled_rule if count(found({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}], "disabled": true})) == 0

test_pass_ssh_from_a_32 if count(found({"source_ranges": ["203.0.113.7/32"], "allow": [{"protocol": "tcp", "ports": ["22"]}]})) == 0

test_pass_postgres_from_app_subnet if count(found({"source_ranges": ["10.40.16.0/20"], "allow": [{"protocol": "tcp", "ports": ["5432"]}]})) == 0

test_pass_postgres_from_subnet_reference if {
	count(found({"source_ranges": ["${google_compute_subnetwork.app.ip_cidr_range}"], "allow": [{"protocol": "tcp", "ports": ["5432"]}]})) == 0
}

test_pass_source_tags_only if count(found({"source_tags": ["app"], "allow": [{"protocol": "tcp", "ports": ["5432"]}]})) == 0

test_fail_ssh_from_anywhere if found({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}) == {"source_ranges"}

test_fail_ipv6_anywhere if found({"source_ranges": ["::/0"], "allow": [{"protocol": "tcp", "ports": ["8080"]}]}) == {"source_ranges"}

test_fail_no_source_means_anywhere if found({"allow": [{"protocol": "tcp", "ports": ["80"]}]}) == {"source_ranges"}

test_fail_all_protocols_from_anywhere if found({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "all"}]}) == {"source_ranges"}

test_fail_tcp_all_ports_from_anywhere if found({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp"}]}) == {"source_ranges"}

test_fail_443_and_80_from_anywhere if {
	found({"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["443", "80"]}]}) == {"source_ranges"}
}

test_fail_allow_block_as_object if found({"source_ranges": ["0.0.0.0/0"], "allow": {"protocol": "udp", "ports": ["443"]}}) == {"source_ranges"}

test_fail_postgres_from_lb_ranges if found(object.union(lb, {"allow": [{"protocol": "tcp", "ports": ["5432"]}]})) == {"source_ranges"}

test_fail_port_range_spanning_postgres if found({"source_ranges": ["198.51.100.0/24"], "allow": [{"protocol": "tcp", "ports": ["5000-6000"]}]}) == {"source_ranges"}

test_pass_port_range_below_postgres if count(found({"source_ranges": ["198.51.100.0/24"], "allow": [{"protocol": "tcp", "ports": ["5000-5431"]}]})) == 0

test_fail_unresolved_range if {
	props := {"source_ranges": ["${var.office_cidr}"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}
	unverifiable(props) == {"source_ranges"}
	found(props) == {"source_ranges"}
}
