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

# AWS::EFS::FileSystem names its tag list FileSystemTags.
raw_tenant(r) := t.Value if {
	r.type == "AWS::EFS::FileSystem"
	some t in r.properties.FileSystemTags
	t.Key == "tenant"
}

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

# Addresses of the stack's resources by their literal tenant label, gathered in one pass (counting
# per label rescanned the stack for every tenant: quadratic on a plan holding thousands of tenants).
labelled[v] contains addr if {
	some addr, r in input.resources
	v := tenant_label(r)
}

# Distinct literal tenant labels of the stack under evaluation.
stack_tenants := {v | some v, _ in labelled}

top_count := max({count(addrs) | some addrs in labelled})

# The stack's tenant: the label most of its resources carry (every one, normally). Undefined when
# no resource names a tenant or when two tenants tie.
owner := v if {
	leaders := {w | some w, addrs in labelled; count(addrs) == top_count}
	count(leaders) == 1
	some v in leaders
}

# The tenants of a stack without an owner, for messages: five named at most (a plan can hold thousands).
tenants_text := concat(", ", sort(stack_tenants)) if count(stack_tenants) <= 5

tenants_text := sprintf("%s and %d more", [concat(", ", array.slice(sort(stack_tenants), 0, 5)), count(stack_tenants) - 5]) if {
	count(stack_tenants) > 5
}

# Tiers a tenant stack is labelled with (platform stacks say `platform`).
tenant_tiers := {"pooled", "dedicated", "enterprise"}

# A stack that holds a tenant's resources: one names a tenant, or the stack's tier is a tenant tier.
tenant_stack if count(stack_tenants) > 0

tenant_stack if object.get(object.get(input, "stack", {}), "tier", null) in tenant_tiers

# Hosts of each LLM sub-processor (infra/platform.ts PLATFORM.llmHosts), host -> provider.
llm_hosts := {"api.openai.com": "openai", "api.anthropic.com": "anthropic"}

# Providers whose hosts a domain pattern reaches: "api.openai.com", "*.openai.com", "*" (any case,
# trailing dot allowed).
llm_providers(domain) := {p |
	is_string(domain)
	d := trim_suffix(lower(trim_space(domain)), ".")
	some host, p in llm_hosts
	reaches(d, host)
}

reaches(d, host) if d == host

reaches(d, _) if d == "*"

reaches(d, host) if {
	startswith(d, "*.")
	endswith(host, substring(d, 1, -1))
}

# The LLM egress of the stack under evaluation, as TEN-3-AWS, TEN-3-GCP and TEN-3-CELL read it: each
# allowed domain that reaches a provider, {cloud, resource, path, domain, provider}.
llm_egress contains {"cloud": "aws", "resource": addr, "path": sprintf("Domains[%d]", [i]), "domain": d, "provider": p} if {
	some addr, r in aws_allow_lists
	some i, d in r.properties.Domains
	some p in llm_providers(d)
}

llm_egress contains {"cloud": "gcp", "resource": addr, "path": "match.dest_fqdns", "domain": d, "provider": p} if {
	some addr, r in gcp_egress_allows
	some d in gcp_fqdns(r.properties)
	some p in llm_providers(d)
}

# Allowed egress whose hosts are known only at deploy time, {cloud, resource, path, value}.
llm_egress_unknown contains {"cloud": "aws", "resource": addr, "path": "Domains", "value": v} if {
	some addr, r in aws_allow_lists
	v := aws_domains_unknown(r.properties)
}

llm_egress_unknown contains {"cloud": "gcp", "resource": addr, "path": "match.dest_fqdns", "value": d} if {
	some addr, r in gcp_egress_allows
	some d in gcp_fqdns(r.properties)
	lib.unresolved(d)
}

# AWS::Route53Resolver::FirewallDomainList resources used by an ALLOW rule of a firewall rule group, or
# by none (their purpose is unknown), by address. Lists used only to BLOCK or ALERT are not egress.
aws_allow_lists[addr] := r if {
	some addr, r in lib.resources_of("AWS::Route53Resolver::FirewallDomainList")
	aws_allow_list(addr)
}

aws_allow_list(addr) if "ALLOW" in aws_list_actions[addr]

aws_allow_list(addr) if not aws_list_actions[addr]

# Rule-group actions that use a domain list, by its address (one pass over the rule groups).
aws_list_actions[addr] contains upper(rule.Action) if {
	some g in lib.resources_of("AWS::Route53Resolver::FirewallRuleGroup")
	some rule in g.properties.FirewallRules
	addr := lib.ref_address(rule.FirewallDomainListId)
}

aws_domains_unknown(p) := p.Domains if lib.unresolved(p.Domains)

aws_domains_unknown(p) := p.DomainFileUrl if not lib.has(p, "Domains")

aws_domains_unknown(p) := d if {
	some d in p.Domains
	lib.unresolved(d)
}

gcp_firewall_rule_types := {
	"google_compute_network_firewall_policy_rule",
	"google_compute_region_network_firewall_policy_rule",
	"google_compute_firewall_policy_rule",
}

# Enabled EGRESS allow rules of network, regional and hierarchical firewall policies, by address.
gcp_egress_allows[addr] := r if {
	some addr, r in lib.resources_in(gcp_firewall_rule_types)
	upper(object.get(r.properties, "direction", "")) == "EGRESS"
	lower(object.get(r.properties, "action", "")) == "allow"
	not lib.truthy(object.get(r.properties, "disabled", false))
}

gcp_fqdns(p) := [d | some m in lib.blocks(p.match); some d in m.dest_fqdns]

# The sub-processors the stack's tenant allows; undefined when the stack has no registry entry.
allowed_llm := {p | some p in input.tenant.llm.subprocessors} if is_object(input.tenant)

# Any label or tag of a resource, wherever its type keeps it (see raw_tenant).
raw_label(r, key) := t.Value if {
	some t in r.properties.Tags
	t.Key == key
}

raw_label(r, key) := r.properties.Tags[key] if is_object(r.properties.Tags)

raw_label(r, key) := r.properties.labels[key] if is_object(r.properties.labels)

raw_label(r, key) := v if {
	r.type == "google_sql_database_instance"
	some s in lib.blocks(r.properties.settings)
	v := s.user_labels[key]
}

# A PHI tenant's contract problems: PHI needs the enterprise tier and a signed BAA.
phi_contract_problems contains sprintf("tier is %v, not enterprise", [input.tenant.tier]) if {
	input.tenant.phi == true
	input.tenant.tier != "enterprise"
}

phi_contract_problems contains "no BAA (baa is not true)" if {
	input.tenant.phi == true
	not input.tenant.baa == true
}
