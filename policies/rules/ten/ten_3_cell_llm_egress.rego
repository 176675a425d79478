# METADATA
# title: A pooled cell's LLM egress reaches only what every tenant in it chose
# description: >-
#   Over the whole estate: a stack of no single tenant (a pooled cell) whose egress allows a host of an
#   LLM provider (an AWS DNS firewall allow-list or a GCP EGRESS allow rule, read as TEN-3-AWS and
#   TEN-3-GCP read them) is judged against every tenant in it, and each of those tenants' registry
#   entries must allow the provider. A tenant is in the cell when its stack lets the cell's compute act
#   as it: an AWS::IAM::Role that trusts a role of the cell (an Fn::ImportValue resolved to the cell's
#   stack), or a google_service_account_iam_member / _binding granting a service account of the cell
#   (serviceAccount:<account_id>@<project>.iam.gserviceaccount.com). An estate rule, because no stack
#   document holds both sides: the cell names no tenant, and a label declaring its profile could drift
#   from its allow-list and from who it acts for; the rule reads those two facts and compares them with
#   the registry. A cell that allows a provider and acts for no tenant of the input is unverifiable
#   (whose choice it serves cannot be known), and so are allowed hosts known only at deploy time. A
#   member without a registry entry (a run over files alone) is not judged, as TEN-3-AWS and TEN-3-GCP
#   do not judge a stack without one.
# custom:
#   id: TEN-3-CELL
#   severity: high
#   level: mandatory
#   controls: [TEN-3]
#   remediation: >-
#     Place pooled tenants in the cell of their own LLM profile (infra/cells.ts), so a cell's egress
#     allows exactly what each of its tenants chose; or add the provider to the tenant's
#     llm.subprocessors in the registry once the customer has accepted it.
#   resource_types:
#     - "AWS::Route53Resolver::FirewallDomainList"
#     - "AWS::Route53Resolver::FirewallRuleGroup"
#     - "AWS::IAM::Role"
#     - google_compute_network_firewall_policy_rule
#     - google_compute_region_network_firewall_policy_rule
#     - google_compute_firewall_policy_rule
#     - google_service_account
#     - google_service_account_iam_member
#     - google_service_account_iam_binding
#   checks:
#     "AWS::Route53Resolver::FirewallDomainList": [Domains, DomainFileUrl]
#     "AWS::Route53Resolver::FirewallRuleGroup": [FirewallRules.Action, FirewallRules.FirewallDomainListId]
#     "google_compute_network_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
#     "google_compute_region_network_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
#     "google_compute_firewall_policy_rule": [direction, action, disabled, match.dest_fqdns]
#     "google_service_account": [account_id, project]
#     "google_service_account_iam_member": [member]
#     "google_service_account_iam_binding": [members]
package cordon.rules.ten_3_cell_llm_egress

import data.cordon.lib
import data.cordon.lib.ten

deny_estate contains lib.estate_finding(name, e.resource, e.path, msg) if {
	some name, allows in egress
	some e in allows
	refused := {t | some t in members[name]; input.tenants[t]; not chose(t, e.provider)}
	count(refused) > 0
	msg := sprintf("allows egress to %s (%s), which %s in this cell did not choose", [e.domain, e.provider, named(refused)])
}

deny_estate contains object.union(lib.estate_finding(name, e.resource, e.path, msg), {"unverifiable": true}) if {
	some name, allows in egress
	not members[name]
	some e in allows
	msg := sprintf("allows egress to %s (%s), and no tenant stack of the input lets this stack act as its tenant: whose choice it serves cannot be checked", [e.domain, e.provider])
}

deny_estate contains object.union(lib.estate_finding(name, u.resource, u.path, lib.unverifiable(u.resource, u.path, u.value).message), {"unverifiable": true}) if {
	some name, doc in input.stacks
	not is_string(doc.stack.tenant)
	some u in ten.llm_egress_unknown with input as doc
}

# The LLM egress of each stack of no single tenant that allows some, by stack name.
egress[name] := allows if {
	some name, doc in input.stacks
	not is_string(doc.stack.tenant)
	allows := ten.llm_egress with input as doc
	count(allows) > 0
}

# The tenants each shared stack's compute acts as, by the shared stack's name. On AWS: a tenant role
# that refers, through an import, to a role of the shared stack (its trust policy names that role).
members[shared] contains tenant if {
	some doc in input.stacks
	tenant := doc.stack.tenant
	is_string(tenant)
	some r in doc.resources
	r.type == "AWS::IAM::Role"
	some ref in r.references
	startswith(ref, "import:")
	target := doc.imports[substring(ref, 7, -1)]
	target.type == "AWS::IAM::Role"
	shared := target.stack
	shared != doc.stack.name
}

# On GCP: a grant on a tenant's service account to a service account declared in the shared stack.
members[shared] contains tenant if {
	some doc in input.stacks
	tenant := doc.stack.tenant
	is_string(tenant)
	some r in doc.resources
	r.type in {"google_service_account_iam_member", "google_service_account_iam_binding"}
	some m in grantees(r.properties)
	startswith(m, "serviceAccount:")
	shared := accounts[lower(substring(m, 15, -1))]
}

grantees(p) := [p.member] if is_string(p.member)

grantees(p) := p.members if is_array(p.members)

# The e-mail of each service account declared in a stack of no single tenant, to that stack's name.
accounts[email] := name if {
	some name, doc in input.stacks
	not is_string(doc.stack.tenant)
	some r in doc.resources
	r.type == "google_service_account"
	is_string(r.properties.account_id)
	is_string(r.properties.project)
	email := lower(sprintf("%s@%s.iam.gserviceaccount.com", [r.properties.account_id, r.properties.project]))
}

chose(t, provider) if provider in input.tenants[t].llm.subprocessors

# Tenants for a message: five named at most (a cell can hold thousands).
named(ts) := sprintf("tenant %s", [concat(", ", sort(ts))]) if count(ts) == 1

named(ts) := sprintf("tenants %s", [concat(", ", sort(ts))]) if {
	count(ts) > 1
	count(ts) <= 5
}

named(ts) := sprintf("tenants %s and %d more", [concat(", ", array.slice(sort(ts), 0, 5)), count(ts) - 5]) if count(ts) > 5
