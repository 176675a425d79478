# METADATA
# title: AWS DNS egress allow-lists reach only the tenant's LLM sub-processors
# description: >-
#   In a stack of a registered tenant, an AWS::Route53Resolver::FirewallDomainList used by an ALLOW
#   rule of a firewall rule group (or used by none, so its purpose is unknown) must not contain a
#   host of an LLM provider the tenant does not allow (api.openai.com for openai, api.anthropic.com
#   for anthropic; wildcards and "*" count). A no-LLM tenant allows none. Lists used only to BLOCK
#   or ALERT are not egress. A list read from DomainFileUrl or built by an intrinsic is unverifiable,
#   and so is an ALLOW rule on a domain list outside the input (by its rslvr-fdl- id).
# custom:
#   id: TEN-3-AWS
#   severity: high
#   level: mandatory
#   controls: [TEN-3]
#   remediation: >-
#     Remove the provider's host from the allow-list, or add the provider to the tenant's
#     llm.subprocessors in the registry once the customer has accepted it.
#   resource_types: ["AWS::Route53Resolver::FirewallDomainList", "AWS::Route53Resolver::FirewallRuleGroup"]
#   checks:
#     "AWS::Route53Resolver::FirewallDomainList": [Domains, DomainFileUrl]
#     "AWS::Route53Resolver::FirewallRuleGroup": [FirewallRules.Action, FirewallRules.FirewallDomainListId]
package cordon.rules.ten_3_aws_llm_egress

import data.cordon.lib
import data.cordon.lib.ten

deny contains lib.finding(e.resource, e.path, msg) if {
	allowed := ten.allowed_llm
	some e in ten.llm_egress
	e.cloud == "aws"
	not e.provider in allowed
	msg := sprintf("allows egress to %s (%s), which tenant %s does not allow (sub-processors: %v)", [e.domain, e.provider, input.tenant.id, sort(allowed)])
}

deny contains lib.unverifiable(u.resource, u.path, u.value) if {
	ten.allowed_llm
	some u in ten.llm_egress_unknown
	u.cloud == "aws"
}

# An ALLOW rule on a domain list outside the input (by id): its domains cannot be read.
deny contains lib.outside(addr, sprintf("FirewallRules[%d].FirewallDomainListId", [i]), "FirewallDomainListId", v, "domain list", "the hosts it allows") if {
	count({p | some p in ten.llm_hosts} - ten.allowed_llm) > 0
	some addr, g in lib.resources_of("AWS::Route53Resolver::FirewallRuleGroup")
	some i, rule in g.properties.FirewallRules
	upper(rule.Action) == "ALLOW"
	v := rule.FirewallDomainListId
	lib.resolver_domain_list_id(v)
}
