# METADATA
# title: Dedicated and enterprise tenants run in their own VPC network, which peers with no other tenant's
# description: >-
#   Every google_cloud_run_v2_service in a stack of a dedicated or enterprise tenant must attach through
#   template.vpc_access (network interfaces or a connector) to a network declared in that tenant's own
#   stacks; a google_compute_shared_vpc_service_project of such a tenant must name a host project whose
#   network the tenant declares. No google_compute_network_peering may join a tenant's network to
#   anyone else's. Google's service networking connection (private services access) is not a tenant
#   peering. Networks named only by a value known at deploy time, or by a path that no stack declares,
#   are reported as unverifiable.
# custom:
#   id: NET-2-GCP
#   severity: critical
#   level: mandatory
#   controls: [NET-2]
#   remediation: >-
#     Give the tenant its own google_compute_network in its project and attach its Cloud Run services to
#     it with vpc_access.network_interfaces; remove shared-VPC attachments to the cell and peerings
#     between tenant networks.
#   resource_types: [google_cloud_run_v2_service, google_compute_network, google_compute_subnetwork, google_vpc_access_connector, google_compute_shared_vpc_service_project, google_compute_network_peering]
#   checks:
#     "google_cloud_run_v2_service": [template.vpc_access]
#     "google_compute_shared_vpc_service_project": [host_project]
#     "google_compute_network_peering": [network, peer_network]
package cordon.rules.net_2_gcp_tenant_network

import data.cordon.lib
import data.cordon.lib.net

# Every network reference of a tenant's Cloud Run service, as [path, value].
attachments(p) := [[path, v] |
	some t in lib.blocks(object.get(p, "template", []))
	some va in lib.blocks(object.get(t, "vpc_access", []))
	some [path, v] in vpc_values(va)
]

vpc_values(va) := array.concat(
	[[sprintf("template.vpc_access.network_interfaces[%d].%s", [i, k]), ni[k]] |
		some i, ni in lib.blocks(object.get(va, "network_interfaces", []))
		some k in ["network", "subnetwork"]
		lib.has(ni, k)
	],
	[["template.vpc_access.connector", va.connector] | lib.has(va, "connector")],
)

deny_estate contains lib.estate_finding(sname, addr, "template.vpc_access", msg) if {
	some sname, doc in input.stacks
	tenant := net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "google_cloud_run_v2_service"
	count(attachments(r.properties)) == 0
	msg := sprintf("the Cloud Run service of %s tenant %s has no vpc_access: it does not sit in the tenant's own network", [net.tier(doc), tenant])
}

deny_estate contains lib.estate_finding(sname, addr, path, msg) if {
	some sname, doc in input.stacks
	tenant := net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "google_cloud_run_v2_service"
	some [path, v] in attachments(r.properties)
	owners := {net.owner(s) | some s in net.gcp_network_stacks(sname, doc, v, object.get(r.properties, "project", null))}
	some o in owners
	o != tenant
	msg := sprintf("%s tenant %s attaches to network %s declared by a stack of %s, not its own", [net.tier(doc), tenant, v, who(o)])
}

deny_estate contains object.union(lib.estate_finding(sname, addr, path, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "google_cloud_run_v2_service"
	some [path, v] in attachments(r.properties)
	count(stacks_of(sname, doc, v, object.get(r.properties, "project", null))) == 0
	unv := lib.unverifiable(addr, path, v)
}

deny_estate contains lib.estate_finding(sname, addr, "host_project", msg) if {
	some sname, doc in input.stacks
	tenant := net.isolated_tenant(doc)
	some addr, r in doc.resources
	r.type == "google_compute_shared_vpc_service_project"
	not own_host(tenant, r.properties.host_project)
	msg := sprintf("%s tenant %s joins host project %s as a shared-VPC service project: its workloads would sit in a network that is not its own", [net.tier(doc), tenant, lib.shown(r.properties, "host_project")])
}

deny_estate contains lib.estate_finding(sname, addr, "peer_network", msg) if {
	some sname, doc in input.stacks
	some addr, r in doc.resources
	r.type == "google_compute_network_peering"
	some a in stacks_of(sname, doc, object.get(r.properties, "network", null), null)
	some b in stacks_of(sname, doc, object.get(r.properties, "peer_network", null), null)
	net.owner(a) != net.owner(b)
	msg := sprintf("peers a network of %s (%s) with a network of %s (%s): tenant networks are never peered", [a, net.owner_text(a), b, net.owner_text(b)])
}

deny_estate contains object.union(lib.estate_finding(sname, addr, key, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	some addr, r in doc.resources
	r.type == "google_compute_network_peering"
	some key in ["network", "peer_network"]
	count(stacks_of(sname, doc, object.get(r.properties, key, null), null)) == 0
	unv := lib.unverifiable(addr, key, object.get(r.properties, key, null))
}

stacks_of(sname, doc, v, project) := s if {
	s := net.gcp_network_stacks(sname, doc, v, project)
} else := set()

# The tenant declares a network in the host project (so the "shared" VPC is its own).
own_host(tenant, project) if {
	some s, d in input.stacks
	net.owner(s) == tenant
	some r in d.resources
	r.type == "google_compute_network"
	r.properties.project == project
}

who(o) := sprintf("tenant %s", [o]) if is_string(o)

who(o) := "no tenant (platform or cell)" if not is_string(o)
