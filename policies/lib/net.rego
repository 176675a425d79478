# Helpers of the NET estate rules: who owns a network, and which tenants must have their own.
package cordon.lib.net

import data.cordon.lib

# Tiers whose workloads must sit in a network of their own.
isolated_tiers := {"dedicated", "enterprise"}

# The tenant id of a stack that belongs to a dedicated or enterprise tenant.
isolated_tenant(doc) := doc.stack.tenant if {
	is_string(doc.stack.tenant)
	tier(doc) in isolated_tiers
}

# The tenant's tier: from the registry when the run has one, else from the stack's `tier` label or tag
# (a run over given templates has no registry).
tier(doc) := input.tenants[doc.stack.tenant].tier

tier(doc) := doc.stack.tier if not input.tenants[doc.stack.tenant]

# The tenant owning a stack (null for platform and cell stacks).
owner(stack) := object.get(input.stacks[stack].stack, "tenant", null)

# The stacks that declare the GCP network (or subnetwork) a value names: an interpolation resolves in its
# own stack; a self-link or "projects/P/global/networks/N" path (a bare name in `project`) is looked up
# across the estate by project and name.
gcp_network_stacks(sname, doc, v, _) := {sname} if {
	addr := lib.ref_address(v) with input as doc
	doc.resources[addr].type in {"google_compute_network", "google_compute_subnetwork", "google_vpc_access_connector"}
}

gcp_network_stacks(_, _, v, _) := {s |
	m := regex.find_all_string_submatch_n(`projects/([^/]+)/global/networks/([^/]+)$`, v, 1)
	some s, d in input.stacks
	some r in d.resources
	r.type == "google_compute_network"
	r.properties.project == m[0][1]
	r.properties.name == m[0][2]
} if {
	is_string(v)
	not lib.unresolved(v)
	contains(v, "/global/networks/")
}

gcp_network_stacks(_, _, v, _) := {s |
	m := regex.find_all_string_submatch_n(`projects/([^/]+)/regions/([^/]+)/subnetworks/([^/]+)$`, v, 1)
	some s, d in input.stacks
	some r in d.resources
	r.type == "google_compute_subnetwork"
	r.properties.project == m[0][1]
	r.properties.region == m[0][2]
	r.properties.name == m[0][3]
} if {
	is_string(v)
	not lib.unresolved(v)
	contains(v, "/subnetworks/")
}

# A bare network name lives in the project of the resource naming it.
gcp_network_stacks(_, _, v, project) := {s |
	some s, d in input.stacks
	some r in d.resources
	r.type == "google_compute_network"
	r.properties.project == project
	r.properties.name == v
} if {
	is_string(v)
	not lib.unresolved(v)
	not contains(v, "/")
}

# An owner for a message: sprintf in the wasm SDK cannot format null.
owner_text(stack) := sprintf("tenant %s", [owner(stack)]) if is_string(owner(stack))

owner_text(stack) := "no tenant: a platform or cell stack" if not is_string(owner(stack))

# prod or non-prod, from the stack's environment label or tag; undefined when the stack has none.
env_class(doc) := "prod" if lower(doc.stack.environment) in {"prod", "production", "prd"}

env_class(doc) := "non-prod" if {
	is_string(doc.stack.environment)
	not lower(doc.stack.environment) in {"prod", "production", "prd"}
}

# A path from walk() written as a.b[0].c. (Rules walk first and render only the paths they report:
# rendering every leaf of the estate dominated the estate evaluation.)
path_text(p) := concat("", [seg |
	some i, x in p
	seg := segment(i, x)
])

segment(_, x) := sprintf("[%d]", [x]) if is_number(x)

segment(0, x) := x if is_string(x)

segment(i, x) := concat("", [".", x]) if {
	is_string(x)
	i > 0
}
