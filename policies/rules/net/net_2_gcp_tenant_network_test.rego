package cordon.rules.net_2_gcp_tenant_network_test

import data.cordon.rules.net_2_gcp_tenant_network as rule

tenants := {
	"umbrella": {"id": "umbrella", "tier": "dedicated"},
	"acme": {"id": "acme", "tier": "enterprise"},
	"hooli": {"id": "hooli", "tier": "pooled"},
}

stack(name, tenant, resources) := {"stack": {"name": name, "tenant": tenant, "environment": "prod"}, "resources": resources}

network(project, name) := {"type": "google_compute_network", "properties": {"project": project, "name": name}}

run(project, vpc_access) := {"type": "google_cloud_run_v2_service", "properties": {"project": project, "template": {"vpc_access": vpc_access}}}

ni(network) := {"network_interfaces": [{"network": network}]}

cell := stack("cell", null, {"google_compute_network.n": network("cdn-cell-prd", "cell")})

umbrella(resources) := stack("umbrella-prod", "umbrella", object.union({"google_compute_network.n": network("cdn-umbrella-prd", "vpc")}, resources))

found(stacks) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

unverifiable(stacks) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}; f.unverifiable}

svc(vpc_access) := {"google_cloud_run_v2_service.app": run("cdn-umbrella-prd", vpc_access)}

path0 := "template.vpc_access.network_interfaces[0].network"

test_pass_own_network_interpolation if count(found({"cell": cell, "umbrella-prod": umbrella(svc(ni("${google_compute_network.n.id}")))})) == 0

test_pass_own_network_self_link if {
	count(found({"cell": cell, "umbrella-prod": umbrella(svc(ni("https://www.googleapis.com/compute/v1/projects/cdn-umbrella-prd/global/networks/vpc")))})) == 0
}

test_pass_own_network_bare_name if count(found({"umbrella-prod": umbrella(svc(ni("vpc")))})) == 0

test_pass_pooled_in_cell if {
	hooli := stack("hooli-prod", "hooli", {"google_cloud_run_v2_service.app": run("cdn-hooli-prd", ni("projects/cdn-cell-prd/global/networks/cell"))})
	count(found({"cell": cell, "hooli-prod": hooli})) == 0
}

test_fail_dedicated_in_cell_network if {
	found({"cell": cell, "umbrella-prod": umbrella(svc(ni("projects/cdn-cell-prd/global/networks/cell")))}) == {["umbrella-prod", "google_cloud_run_v2_service.app", path0]}
}

test_fail_no_vpc_access if {
	s := {"google_cloud_run_v2_service.app": {"type": "google_cloud_run_v2_service", "properties": {"template": {"containers": []}}}}
	found({"umbrella-prod": umbrella(s)}) == {["umbrella-prod", "google_cloud_run_v2_service.app", "template.vpc_access"]}
}

test_fail_unknown_network_unverifiable if {
	unverifiable({"umbrella-prod": umbrella(svc(ni("projects/elsewhere/global/networks/x")))}) == {["umbrella-prod", "google_cloud_run_v2_service.app", path0]}
}

test_fail_enterprise_shared_vpc_attachment if {
	acme := stack("acme-prod", "acme", {"google_compute_shared_vpc_service_project.a": {"type": "google_compute_shared_vpc_service_project", "properties": {"host_project": "cdn-cell-prd", "service_project": "cdn-acme-prd"}}})
	found({"cell": cell, "acme-prod": acme}) == {["acme-prod", "google_compute_shared_vpc_service_project.a", "host_project"]}
}

test_pass_pooled_shared_vpc_attachment if {
	hooli := stack("hooli-prod", "hooli", {"google_compute_shared_vpc_service_project.a": {"type": "google_compute_shared_vpc_service_project", "properties": {"host_project": "cdn-cell-prd", "service_project": "cdn-hooli-prd"}}})
	count(found({"cell": cell, "hooli-prod": hooli})) == 0
}

peering(network, peer) := {"google_compute_network_peering.p": {"type": "google_compute_network_peering", "properties": {"network": network, "peer_network": peer}}}

test_fail_peering_tenant_with_cell if {
	u := umbrella(peering("${google_compute_network.n.self_link}", "projects/cdn-cell-prd/global/networks/cell"))
	found({"cell": cell, "umbrella-prod": u}) == {["umbrella-prod", "google_compute_network_peering.p", "peer_network"]}
}

test_pass_service_networking_connection_is_not_a_peering if {
	u := umbrella({"google_service_networking_connection.c": {"type": "google_service_networking_connection", "properties": {"network": "${google_compute_network.n.id}", "service": "servicenetworking.googleapis.com"}}})
	count(found({"umbrella-prod": u})) == 0
}

test_fail_peering_unknown_peer_unverifiable if {
	u := umbrella(peering("${google_compute_network.n.self_link}", "projects/partner/global/networks/x"))
	unverifiable({"umbrella-prod": u}) == {["umbrella-prod", "google_compute_network_peering.p", "peer_network"]}
}
