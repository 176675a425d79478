# METADATA
# title: Every AWS public entry rate-limits at the tenant's limit
# description: >-
#   Every WAFv2 web ACL attached to a CloudFront distribution must hold an enforced (Block) rate-based
#   rule. In a tenant's stack, one such rule must allow exactly the tenant's edge.rateLimitPerMinute
#   per client (Limit per EvaluationWindowSec, default 300 s, scaled to 60 s), on all requests or on
#   the tenant's host. In platform stacks of an environment (the pooled entry), every pooled AWS tenant
#   of that environment needs a rule scoped down to its Host header (first DNS label the tenant id) at
#   its limit in the web ACL of each distribution that answers its host (one naming it in Aliases, else
#   one answering a wildcard, else, when no alias says, every platform entry of the environment); a
#   rule for the tenant at another limit is reported on its web ACL.
# custom:
#   id: EDGE-2-AWS
#   severity: high
#   level: mandatory
#   controls: [EDGE-2]
#   remediation: >-
#     Add a rule with Action Block and RateBasedStatement {Limit: <rateLimitPerMinute>,
#     EvaluationWindowSec: 60, AggregateKeyType: IP} to the distribution's web ACL; for pooled tenants,
#     one per tenant with a ScopeDownStatement matching its Host header exactly.
#   resource_types: ["AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL"]
#   checks:
#     "AWS::WAFv2::WebACL": [Rules.Action, Rules.Statement.RateBasedStatement]
package cordon.rules.edge_2_aws_rate_limit

import data.cordon.lib

# Web ACLs attached to a distribution in a stack (a missing or unknown ACL is EDGE-1's finding).
attached_acls(doc) := {acl |
	some _, r in doc.resources
	r.type == "AWS::CloudFront::Distribution"
	acl := lib.ref_address(r.properties.DistributionConfig.WebACLId) with input as doc
	doc.resources[acl].type == "AWS::WAFv2::WebACL"
}

# Enforced rate-based rules of a web ACL: {name, per_minute, host} (host null when unscoped).
rate_rules(p) := [{"index": i, "per_minute": per_minute(s), "host": host(s)} |
	some i, rule in object.get(p, "Rules", [])
	lib.has(rule.Action, "Block")
	s := rule.Statement.RateBasedStatement
	per_minute(s)
]

per_minute(s) := (lib.number(s.Limit) * 60) / lib.number(object.get(s, "EvaluationWindowSec", 300))

host(s) := lower(b.SearchString) if {
	b := s.ScopeDownStatement.ByteMatchStatement
	lower(b.FieldToMatch.SingleHeader.Name) == "host"
	b.PositionalConstraint == "EXACTLY"
} else := null

unresolved_limits(p) := [[i, s.Limit] |
	some i, rule in object.get(p, "Rules", [])
	s := rule.Statement.RateBasedStatement
	lib.unresolved(s.Limit)
]

tenant_of_host(h) := split(h, ".")[0]

# 1. An attached web ACL without any enforced rate-based rule.
deny_estate contains lib.estate_finding(sname, acl, "Rules", msg) if {
	some sname, doc in input.stacks
	some acl in attached_acls(doc)
	p := doc.resources[acl].properties
	count(rate_rules(p)) == 0
	count(unresolved_limits(p)) == 0
	msg := "no enforced (Block) rate-based rule: the public entry is not rate-limited"
}

deny_estate contains object.union(lib.estate_finding(sname, acl, path, unv.message), {"unverifiable": true}) if {
	some sname, doc in input.stacks
	some acl in attached_acls(doc)
	some [i, v] in unresolved_limits(doc.resources[acl].properties)
	path := sprintf("Rules[%d].Statement.RateBasedStatement.Limit", [i])
	unv := lib.unverifiable(acl, path, v)
}

# 2. A tenant's own entry: a rule at the tenant's limit, on all requests or on the tenant's host.
deny_estate contains lib.estate_finding(sname, acl, "Rules", msg) if {
	some sname, doc in input.stacks
	limit := doc.tenant.edge.rateLimitPerMinute
	some acl in attached_acls(doc)
	rules := rate_rules(doc.resources[acl].properties)
	count(rules) > 0
	not at_limit(rules, doc.tenant.id, limit)
	msg := sprintf("no rate-based rule at tenant %s's limit of %d requests per minute (found %v per minute)", [doc.tenant.id, limit, [r.per_minute | some r in rules]])
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

# 3. The pooled entry: platform stacks of an environment carry one host rule per pooled AWS tenant.
platform_acls contains [env, sname, acl] if {
	some sname, doc in input.stacks
	doc.tenant == null
	doc.stack.tier == "platform"
	env := doc.stack.environment
	some acl in attached_acls(doc)
}

# Host-scoped rate rules of the platform entries, by environment and by the tenant of the host,
# gathered in one pass (a scan per pooled tenant made the estate evaluation quadratic).
host_rules[env][tenant] contains [sname, acl, r.per_minute] if {
	some [env, sname, acl] in platform_acls
	some r in rate_rules(input.stacks[sname].resources[acl].properties)
	r.host != null
	tenant := tenant_of_host(r.host)
}

# Served pooled tenants of this cloud, by environment (offboarding takes a tenant out of its cell).
pooled[env][id] := t if {
	some id, t in input.tenants
	t.cloud == "aws"
	t.tier == "pooled"
	lib.serving(t)
	some env in t.environments
}

deny_estate contains lib.estate_finding(sname, acl, "Rules", msg) if {
	some env, tenants in pooled
	some id, t in tenants
	some [sname, acl] in entries(env, id)
	not has_host_rule(env, id, sname, acl)
	msg := sprintf("no rate-based rule for pooled tenant %s (Host %s.*) in the %s platform edge; its limit is %d requests per minute", [id, id, env, t.edge.rateLimitPerMinute])
}

has_host_rule(env, id, sname, acl) if {
	some r in host_rules[env][id]
	[r[0], r[1]] == [sname, acl]
}

# The platform entries that answer a pooled tenant's host, [stack, web ACL]: the web ACLs of the
# distributions that name it among their Aliases, else of those answering a wildcard (a name wins over
# a wildcard at CloudFront), else, when no alias says, every platform entry of the environment. A
# distribution without a web ACL is EDGE-1's finding.
entries(env, id) := acls_of(named[env][id]) if named[env][id]

entries(env, id) := acls_of(wildcards[env]) if {
	not named[env][id]
	wildcards[env]
}

entries(env, id) := {[sname, acl] | some [e, sname, acl] in platform_acls; e == env} if {
	not named[env][id]
	not wildcards[env]
}

acls_of(distributions) := {[sname, acl] |
	some [sname, d] in distributions
	acl := distribution_acls[sname][d]
}

# The web ACL of each platform distribution that has one, by stack and distribution (once per evaluation).
distribution_acls[sname][d] := acl if {
	some list in aliases
	some [sname, d, _] in list
	doc := input.stacks[sname]
	acl := lib.ref_address(doc.resources[d].properties.DistributionConfig.WebACLId) with input as doc
	doc.resources[acl].type == "AWS::WAFv2::WebACL"
}

# Aliases of the platform distributions, by environment: [stack, distribution, lower-case alias].
aliases[env] contains [sname, d, lower(a)] if {
	some sname, doc in input.stacks
	doc.tenant == null
	doc.stack.tier == "platform"
	env := doc.stack.environment
	some d, r in doc.resources
	r.type == "AWS::CloudFront::Distribution"
	some a in r.properties.DistributionConfig.Aliases
	is_string(a)
}

named[env][tenant] contains [sname, d] if {
	some env, list in aliases
	some [sname, d, a] in list
	not startswith(a, "*.")
	tenant := tenant_of_host(a)
}

wildcards[env] contains [sname, d] if {
	some env, list in aliases
	some [sname, d, a] in list
	startswith(a, "*.")
}

deny_estate contains lib.estate_finding(sname, acl, "Rules", msg) if {
	some env, tenants in pooled
	some id, t in tenants
	some [sname, acl, rate] in host_rules[env][id]
	rate != t.edge.rateLimitPerMinute
	msg := sprintf("the rate-based rule for pooled tenant %s allows %v requests per minute; the tenant's limit is %d", [id, rate, t.edge.rateLimitPerMinute])
}
