# Helpers of the TEN rules: which tenant a resource and a stack belong to.
#
# A resource's tenant label lives in `labels` (GCP), `Tags` (AWS, a list of {Key, Value} or a map),
# or, for a few GCP types, elsewhere: Cloud SQL `settings.user_labels`, GKE `resource_labels`.
package cordon.lib.ten

import data.cordon.lib

# The tenant label as written, whatever its value; undefined when the resource has none.
raw_tenant(r) := t.Value if {
	some t in r.properties.Tags
	t.Key == "tenant"
}

raw_tenant(r) := r.properties.Tags.tenant if is_object(r.properties.Tags)

raw_tenant(r) := r.properties.labels.tenant if is_object(r.properties.labels)

raw_tenant(r) := v if {
	r.type == "google_sql_database_instance"
	some s in lib.blocks(r.properties.settings)
	v := s.user_labels.tenant
}

raw_tenant(r) := r.properties.resource_labels.tenant if r.type == "google_container_cluster"

# The tenant label when it is a literal; undefined when absent or known only at deploy time.
tenant_label(r) := v if {
	v := raw_tenant(r)
	is_string(v)
	not lib.unresolved(v)
	trim_space(v) != ""
}

# Distinct literal tenant labels of the stack under evaluation.
stack_tenants := {v | some r in input.resources; v := tenant_label(r)}

tenant_count(v) := count([1 | some r in input.resources; tenant_label(r) == v])

# The stack's tenant: the label most of its resources carry (every one, normally). Undefined when
# no resource names a tenant or when two tenants tie.
owner := v if {
	some v in stack_tenants
	every w in stack_tenants {
		outnumbered(w, v)
	}
}

outnumbered(w, v) if w == v

outnumbered(w, v) if tenant_count(w) < tenant_count(v)

# Tiers a tenant stack is labelled with (platform stacks say `platform`).
tenant_tiers := {"pooled", "dedicated", "enterprise"}

# A stack that holds a tenant's resources: one names a tenant, or the stack's tier is a tenant tier.
tenant_stack if count(stack_tenants) > 0

tenant_stack if object.get(object.get(input, "stack", {}), "tier", null) in tenant_tiers
