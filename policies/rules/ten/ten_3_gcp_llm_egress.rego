# METADATA
# title: GCP egress firewall rules reach only the tenant's LLM sub-processors
# description: >-
#   In a stack of a registered tenant, an enabled EGRESS allow rule of a network, regional or
#   hierarchical firewall policy must not list in match.dest_fqdns a host of an LLM provider the
#   tenant does not allow (api.openai.com for openai, api.anthropic.com for anthropic). A no-LLM
#   tenant allows none. Interpolated FQDNs are unverifiable.
# custom:
#   id: TEN-3-GCP
#   severity: high
#   level: mandatory
#   controls: [TEN-3]
#   remediation: >-
#     Remove the provider's host from dest_fqdns, or add the provider to the tenant's
#     llm.subprocessors in the registry once the customer has accepted it.
#   resource_types:
#     - google_compute_network_firewall_policy_rule
#     - google_compute_region_network_firewall_policy_rule
#     - google_compute_firewall_policy_rule
#   checks:
#     "google_compute_network_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
#     "google_compute_region_network_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
#     "google_compute_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
package cordon.rules.ten_3_gcp_llm_egress

import data.cordon.lib
import data.cordon.lib.ten

deny contains lib.finding(e.resource, e.path, msg) if {
	allowed := ten.allowed_llm
	some e in ten.llm_egress
	e.cloud == "gcp"
	not e.provider in allowed
	msg := sprintf("allows egress to %s (%s), which tenant %s does not allow (sub-processors: %v)", [e.domain, e.provider, input.tenant.id, sort(allowed)])
}

deny contains lib.unverifiable(u.resource, u.path, u.value) if {
	ten.allowed_llm
	some u in ten.llm_egress_unknown
	u.cloud == "gcp"
}
