# METADATA
# title: GCP external backends sit behind Cloud Armor with WAF rules and adaptive protection
# description: >-
#   A google_compute_backend_service of an external load balancer (load_balancing_scheme EXTERNAL,
#   the default, or EXTERNAL_MANAGED) must set security_policy to a google_compute_security_policy
#   declared in the stack; a literal policy name, path or self link (projects/P/global/securityPolicies/N)
#   names one declared elsewhere, whose rules cannot be checked (unverifiable), or here by its name. Every Cloud Armor
#   backend policy (type CLOUD_ARMOR, the default) must deny
#   with at least one preconfigured WAF rule (evaluatePreconfiguredWaf or evaluatePreconfiguredExpr,
#   not in preview) and enable adaptive_protection_config.layer_7_ddos_defense_config.
# custom:
#   id: EDGE-1-GCP
#   severity: high
#   level: mandatory
#   controls: [EDGE-1]
#   remediation: >-
#     Set security_policy on the backend service to a Cloud Armor policy with deny rules matching
#     evaluatePreconfiguredWaf('sqli-v33-stable') etc. and adaptive_protection_config
#     { layer_7_ddos_defense_config { enable = true } }.
#   resource_types: [google_compute_backend_service, google_compute_security_policy]
#   checks:
#     "google_compute_backend_service": [load_balancing_scheme, security_policy]
#     "google_compute_security_policy": [type, rule.action, rule.preview, rule.match.expr.expression, adaptive_protection_config.layer_7_ddos_defense_config.enable]
package cordon.rules.edge_1_gcp_cloud_armor

import data.cordon.lib

policy_type := "google_compute_security_policy"

deny contains lib.finding(addr, "security_policy", msg) if {
	some addr, r in external_backends
	v := object.get(r.properties, "security_policy", null)
	not lib.unresolved(v)
	not lib.gcp_compute_ref(v, "securityPolicies")
	msg := sprintf("security_policy is %s, neither a Cloud Armor policy declared here nor the name or path of one: the public backend has no provable WAF", [lib.shown(r.properties, "security_policy")])
}

deny contains lib.outside(addr, "security_policy", "security_policy", v, "Cloud Armor policy", "its type, WAF rules and adaptive protection") if {
	some addr, r in external_backends
	v := r.properties.security_policy
	lib.gcp_compute_ref(v, "securityPolicies")
	not lib.gcp_named(v, {policy_type})
}

deny contains lib.finding(addr, "security_policy", msg) if {
	some addr, r in external_backends
	t := lib.ref_type(r.properties.security_policy)
	t != policy_type
	msg := sprintf("security_policy refers to a %s, not a google_compute_security_policy", [t])
}

deny contains lib.unverifiable(addr, "security_policy", v) if {
	some addr, r in external_backends
	v := r.properties.security_policy
	lib.unresolved(v)
	not lib.ref_type(v)
}

deny contains lib.finding(addr, "rule", msg) if {
	some addr, r in armor_policies
	not waf_rule(r.properties)
	msg := "no enforced preconfigured WAF rule (a deny rule matching evaluatePreconfiguredWaf or evaluatePreconfiguredExpr, not in preview)"
}

deny contains lib.finding(addr, "adaptive_protection_config.layer_7_ddos_defense_config.enable", msg) if {
	some addr, r in armor_policies
	not adaptive(r.properties)
	msg := "adaptive protection (layer 7 DDoS defense) is not enabled"
}

external_backends[addr] := r if {
	some addr, r in lib.resources_of("google_compute_backend_service")
	object.get(r.properties, "load_balancing_scheme", "EXTERNAL") in {"EXTERNAL", "EXTERNAL_MANAGED"}
}

armor_policies[addr] := r if {
	some addr, r in lib.resources_of(policy_type)
	object.get(r.properties, "type", "CLOUD_ARMOR") == "CLOUD_ARMOR"
}

waf_rule(p) if {
	some rule in lib.blocks(p.rule)
	startswith(rule.action, "deny")
	not lib.truthy(object.get(rule, "preview", false))
	some m in lib.blocks(rule.match)
	some e in lib.blocks(m.expr)
	regex.match(`evaluatePreconfigured(Waf|Expr)\(`, e.expression)
}

adaptive(p) if {
	some a in lib.blocks(p.adaptive_protection_config)
	some l7 in lib.blocks(a.layer_7_ddos_defense_config)
	lib.truthy(l7.enable)
}
