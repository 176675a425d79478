package cordon.rules.ten_3_cell_llm_egress_test

import data.cordon.rules.ten_3_cell_llm_egress as rule

registry := {
	"initech": {"id": "initech", "llm": {"subprocessors": []}},
	"stark": {"id": "stark", "llm": {"subprocessors": ["anthropic"]}},
	"wayne": {"id": "wayne", "llm": {"subprocessors": ["openai"]}},
	"globex": {"id": "globex", "llm": {"subprocessors": ["anthropic", "openai"]}},
}

# An AWS cell: a DNS firewall allow-list of `domains` and the task role its tenants trust.
aws_cell(domains) := {"stack": {"name": "cordon-cell-prod-us-east-1", "tenant": null}, "imports": {}, "resources": {
	"List": {"type": "AWS::Route53Resolver::FirewallDomainList", "properties": {"Domains": domains}, "references": []},
	"Group": {"type": "AWS::Route53Resolver::FirewallRuleGroup", "properties": {"FirewallRules": [{"Action": "ALLOW", "Priority": 100, "FirewallDomainListId": {"Fn::GetAtt": ["List", "Id"]}}]}, "references": []},
	"TaskRole": {"type": "AWS::IAM::Role", "properties": {}, "references": []},
}}

# A pooled AWS tenant whose role trusts the cell's task role through an import.
aws_tenant(id) := {"stack": {"name": sprintf("%s-prod", [id]), "tenant": id}, "imports": {"cell:TaskRoleArn": {"stack": "cordon-cell-prod-us-east-1", "address": "TaskRole", "type": "AWS::IAM::Role"}}, "resources": {"TenantRole": {"type": "AWS::IAM::Role", "properties": {}, "references": ["import:cell:TaskRoleArn"]}}}

# A GCP cell: an egress allow rule to `fqdns` and the runtime service account.
gcp_cell(fqdns) := {"stack": {"name": "cordon-cell-prod-europe-west1", "tenant": null}, "imports": {}, "resources": {
	"google_compute_network_firewall_policy_rule.allow": {"type": "google_compute_network_firewall_policy_rule", "properties": {"action": "allow", "direction": "EGRESS", "match": {"dest_fqdns": fqdns}}, "references": []},
	"google_service_account.runtime": {"type": "google_service_account", "properties": {"account_id": "cell-europe-west1", "project": "cdn-cell-prd"}, "references": []},
}}

gcp_tenant(id, member) := {"stack": {"name": sprintf("%s-prod", [id]), "tenant": id}, "imports": {}, "resources": {"google_service_account_iam_member.cell": {"type": "google_service_account_iam_member", "properties": {"member": member, "role": "roles/iam.serviceAccountTokenCreator"}, "references": []}}}

runtime := "serviceAccount:cell-europe-west1@cdn-cell-prd.iam.gserviceaccount.com"

estate(stacks) := {"stacks": {s.stack.name: s | some s in stacks}, "tenants": registry}

found(inp) := {[f.stack, f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny_estate with input as inp}

aws_fail := {["cordon-cell-prod-us-east-1", "List", "Domains[1]", false]}

test_pass_aws_cell_of_one_profile if count(found(estate([aws_cell(["amazonaws.com", "api.openai.com"]), aws_tenant("wayne")]))) == 0

test_pass_aws_no_llm_cell if count(found(estate([aws_cell(["amazonaws.com"]), aws_tenant("initech")]))) == 0

test_pass_members_who_chose_more if count(found(estate([aws_cell(["amazonaws.com", "api.openai.com"]), aws_tenant("wayne"), aws_tenant("globex")]))) == 0

test_fail_aws_openai_with_an_anthropic_only_member if {
	found(estate([aws_cell(["amazonaws.com", "api.openai.com"]), aws_tenant("wayne"), aws_tenant("stark")])) == aws_fail
}

test_fail_aws_no_llm_member_names_the_tenant if {
	fs := rule.deny_estate with input as estate([aws_cell(["amazonaws.com", "api.openai.com"]), aws_tenant("wayne"), aws_tenant("initech")])
	{f.message | some f in fs} == {"allows egress to api.openai.com (openai), which tenant initech in this cell did not choose"}
}

test_fail_wildcard_reaches_both if {
	found(estate([aws_cell(["amazonaws.com", "*"]), aws_tenant("wayne")])) == {["cordon-cell-prod-us-east-1", "List", "Domains[1]", false]}
}

test_pass_block_list if {
	c := json.patch(aws_cell(["*"]), [{"op": "replace", "path": "/resources/Group/properties/FirewallRules/0/Action", "value": "BLOCK"}])
	count(found(estate([c, aws_tenant("initech")]))) == 0
}

test_fail_cell_with_no_member_is_unverifiable if {
	found(estate([aws_cell(["amazonaws.com", "api.openai.com"])])) == {["cordon-cell-prod-us-east-1", "List", "Domains[1]", true]}
}

test_pass_no_member_and_no_llm_egress if count(found(estate([aws_cell(["amazonaws.com"])]))) == 0

# As TEN-3-AWS and TEN-3-GCP with a stack whose tenant has no registry entry (a run over files alone).
test_pass_member_without_registry_entry_is_not_judged if {
	count(found(estate([aws_cell(["api.openai.com"]), aws_tenant("nobody")]))) == 0
}

test_fail_registered_member_judged_beside_an_unregistered_one if {
	found(estate([aws_cell(["api.openai.com"]), aws_tenant("nobody"), aws_tenant("initech")])) == {["cordon-cell-prod-us-east-1", "List", "Domains[0]", false]}
}

test_fail_unresolved_domain_in_a_cell_is_unverifiable if {
	found(estate([aws_cell([{"Ref": "Host"}]), aws_tenant("initech")])) == {["cordon-cell-prod-us-east-1", "List", "Domains", true]}
}

test_pass_tenant_stack_is_left_to_ten_3_aws if {
	own := json.patch(aws_cell(["api.openai.com"]), [{"op": "replace", "path": "/stack/tenant", "value": "initech"}])
	count(found(estate([own]))) == 0
}

test_pass_gcp_cell_of_one_profile if count(found(estate([gcp_cell(["api.anthropic.com"]), gcp_tenant("stark", runtime)]))) == 0

test_fail_gcp_anthropic_with_a_no_llm_member if {
	found(estate([gcp_cell(["api.anthropic.com"]), gcp_tenant("stark", runtime), gcp_tenant("initech", runtime)])) == {["cordon-cell-prod-europe-west1", "google_compute_network_firewall_policy_rule.allow", "match.dest_fqdns", false]}
}

test_fail_gcp_binding_members if {
	b := {"stack": {"name": "initech-prod", "tenant": "initech"}, "imports": {}, "resources": {"b": {"type": "google_service_account_iam_binding", "properties": {"members": ["group:x@example.com", "serviceAccount:Cell-Europe-West1@cdn-cell-prd.iam.gserviceaccount.com"]}, "references": []}}}
	found(estate([gcp_cell(["api.anthropic.com"]), b])) == {["cordon-cell-prod-europe-west1", "google_compute_network_firewall_policy_rule.allow", "match.dest_fqdns", false]}
}

test_fail_gcp_grant_to_another_account_is_no_membership if {
	found(estate([gcp_cell(["api.anthropic.com"]), gcp_tenant("initech", "serviceAccount:other@cdn-cell-prd.iam.gserviceaccount.com")])) == {["cordon-cell-prod-europe-west1", "google_compute_network_firewall_policy_rule.allow", "match.dest_fqdns", true]}
}

test_fail_many_members_named_five_at_most if {
	stacks := {aws_cell(["api.openai.com"])} | {aws_tenant(sprintf("t%d", [i])) | some i in numbers.range(1, 7)}
	reg := {sprintf("t%d", [i]): {"llm": {"subprocessors": []}} | some i in numbers.range(1, 7)}
	fs := rule.deny_estate with input as {"stacks": {s.stack.name: s | some s in stacks}, "tenants": reg}
	{f.message | some f in fs} == {"allows egress to api.openai.com (openai), which tenants t1, t2, t3, t4, t5 and 2 more in this cell did not choose"}
}
