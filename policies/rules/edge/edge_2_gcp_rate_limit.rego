# METADATA
# title: Every GCP public entry rate-limits at the tenant's limit
# description: >-
#   Every Cloud Armor policy attached to an external backend service must hold a throttle or
#   rate_based_ban rule (rate_limit_options.rate_limit_threshold count per interval_sec, scaled to 60 s).
#   In a tenant's stack, one such rule must allow exactly the tenant's edge.rateLimitPerMinute, on all
#   requests or on the tenant's host. In platform stacks of an environment (the pooled cells), every
#   pooled GCP tenant of that environment needs a rule matching its Host header
#   (request.headers['host'] == '<tenant>.…') at its limit in the policy of each platform stack whose
#   managed certificates name its host (else, when none does, of every platform stack of the
#   environment); a rule for the tenant at another limit is reported on its policy.
# custom:
#   id: EDGE-2-GCP
#   severity: high
#   level: mandatory
#   controls: [EDGE-2]
#   remediation: >-
#     Add a rule with action "throttle" (or "rate_based_ban") and rate_limit_options
#     { rate_limit_threshold { count = <rateLimitPerMinute>, interval_sec = 60 }, enforce_on_key = "IP" }
#     to the backend's security policy; for pooled tenants one per tenant matching its Host header.
#   resource_types: [google_compute_backend_service, google_compute_security_policy, google_compute_managed_ssl_certificate]
#   checks:
#     "google_compute_security_policy": [rule.action, rule.preview, rule.rate_limit_options.rate_limit_threshold, rule.match.expr.expression]
package cordon.rules.edge_2_gcp_rate_limit

import data.cordon.lib

# Security policies attached to an external backend (a missing or unknown one is EDGE-1's finding).
attached_policies(doc) := {policy |
	some _, r in doc.resources
	r.type == "google_compute_backend_service"
	object.get(r.properties, "load_balancing_scheme", "EXTERNAL") in {"EXTERNAL", "EXTERNAL_MANAGED"}
	policy := lib.ref_address(r.properties.security_policy) with input as doc
	doc.resources[policy].type == "google_compute_security_policy"
}

rate_rules(p) := [{"index": i, "per_minute": per_minute(t), "host": host(rule)} |
	some i, rule in lib.blocks(object.get(p, "rule", []))
	rule.action in {"throttle", "rate_based_ban"}
	not lib.truthy(object.get(rule, "preview", false))
	some o in lib.blocks(rule.rate_limit_options)
	some t in lib.blocks(o.rate_limit_threshold)
	per_minute(t)
]

per_minute(t) := (lib.number(t.count) * 60) / lib.number(t.interval_sec)

host(rule) := lower(m[0][1]) if {
	some mb in lib.blocks(rule.match)
	some e in lib.blocks(mb.expr)
	m := regex.find_all_string_submatch_n(`^\s*request\.headers\[['"]host['"]\]\s*==\s*['"]([^'"]+)['"]\s*$`, e.expression, 1)
	count(m) == 1
} else := null

unresolved_counts(p) := [[i, t.count] |
	some i, rule in lib.blocks(object.get(p, "rule", []))
	some o in lib.blocks(rule.rate_limit_options)
	some t in lib.blocks(o.rate_limit_threshold)
	lib.unresolved(t.count)
]

tenant_of_host(h) := split(h, ".")[0]

deny_estate contains lib.estate_finding(sname, policy, "rule", msg) if {
	some sname, doc in input.stacks
	some policy in attached_policies(doc)
	p := doc.resources[policy].properties
	count(rate_rules(p)) == 0
	count(unresolved_counts(p)) == 0
	msg := "no throttle or rate_based_ban rule: the public entry is not rate-limited"
}

deny_estate contains object.union(lib.estate_finding(sname, policy, path, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	some policy in attached_policies(doc)
	some [i, v] in unresolved_counts(doc.resources[policy].properties)
	path := sprintf("rule[%d].rate_limit_options.rate_limit_threshold.count", [i])
	unv := lib.unverifiable(policy, path, v)
}

deny_estate contains lib.estate_finding(sname, policy, "rule", msg) if {
	some sname, doc in input.stacks
	limit := doc.tenant.edge.rateLimitPerMinute
	some policy in attached_policies(doc)
	rules := rate_rules(doc.resources[policy].properties)
	count(rules) > 0
	not at_limit(rules, doc.tenant.id, limit)
	msg := sprintf("no rate limit rule at tenant %s's limit of %d requests per minute (found %v per minute)", [doc.tenant.id, limit, [r.per_minute | some r in rules]])
}

at_limit(rules, tenant, limit) if {
	some r in rules
	r.per_minute == limit
	own_scope(r.host, tenant)
}

own_scope(null, _)

own_scope(h, tenant) if {
	h != null
	tenant_of_host(h) == tenant
}

platform_policies contains [env, sname, policy] if {
	some sname, doc in input.stacks
	doc.tenant == null
	doc.stack.tier == "platform"
	env := doc.stack.environment
	some policy in attached_policies(doc)
}

# Host-scoped rate rules of the platform entries, by environment and by the tenant of the host,
# gathered in one pass (a scan per pooled tenant made the estate evaluation quadratic).
host_rules[env][tenant] contains [sname, policy, r.per_minute] if {
	some [env, sname, policy] in platform_policies
	some r in rate_rules(input.stacks[sname].resources[policy].properties)
	r.host != null
	tenant := tenant_of_host(r.host)
}

# Served pooled tenants of this cloud, by environment (offboarding takes a tenant out of its cell).
pooled[env][id] := t if {
	some id, t in input.tenants
	t.cloud == "gcp"
	t.tier == "pooled"
	lib.serving(t)
	some env in t.environments
}

deny_estate contains lib.estate_finding(sname, policy, "rule", msg) if {
	some env, tenants in pooled
	some id, t in tenants
	some [sname, policy] in entries(env, id)
	not has_host_rule(env, id, sname, policy)
	msg := sprintf("no rate limit rule for pooled tenant %s (Host %s.*) in the %s platform cells; its limit is %d requests per minute", [id, id, env, t.edge.rateLimitPerMinute])
}

has_host_rule(env, id, sname, policy) if {
	some r in host_rules[env][id]
	[r[0], r[1]] == [sname, policy]
}

# The platform entries that answer a pooled tenant's host, [stack, policy]: the attached policies of
# the platform stacks whose managed certificates name the host (one HTTPS edge per cell), else, when
# no certificate says, every platform entry of the environment. A named cell whose backend has no
# policy is EDGE-1's finding.
entries(env, id) := {[sname, policy] | some [e, sname, policy] in platform_policies; e == env; named[env][id][sname]} if named[env][id]

entries(env, id) := {[sname, policy] | some [e, sname, policy] in platform_policies; e == env} if not named[env][id]

named[env][tenant] contains sname if {
	some sname, doc in input.stacks
	doc.tenant == null
	doc.stack.tier == "platform"
	env := doc.stack.environment
	some _, r in doc.resources
	r.type == "google_compute_managed_ssl_certificate"
	some m in lib.blocks(r.properties.managed)
	some d in m.domains
	is_string(d)
	not startswith(d, "*.")
	tenant := tenant_of_host(lower(d))
}

deny_estate contains lib.estate_finding(sname, policy, "rule", msg) if {
	some env, tenants in pooled
	some id, t in tenants
	some [sname, policy, rate] in host_rules[env][id]
	rate != t.edge.rateLimitPerMinute
	msg := sprintf("the rate limit rule for pooled tenant %s allows %v requests per minute; the tenant's limit is %d", [id, rate, t.edge.rateLimitPerMinute])
}
