package cordon.rules.edge_2_gcp_rate_limit_test

import data.cordon.rules.edge_2_gcp_rate_limit as rule

throttle(count, interval, host) := {
	"action": "throttle",
	"priority": 10000,
	"match": match(host),
	"rate_limit_options": {"conform_action": "allow", "exceed_action": "deny(429)", "enforce_on_key": "IP", "rate_limit_threshold": {"count": count, "interval_sec": interval}},
}

match(null) := {"versioned_expr": "SRC_IPS_V1", "config": {"src_ip_ranges": ["*"]}}

match(h) := {"expr": {"expression": sprintf("request.headers['host'] == '%s'", [h])}} if h != null

edge(rules) := {
	"google_compute_security_policy.a": {"type": "google_compute_security_policy", "properties": {"rule": rules}},
	"google_compute_backend_service.b": {"type": "google_compute_backend_service", "properties": {"load_balancing_scheme": "EXTERNAL_MANAGED", "security_policy": "${google_compute_security_policy.a.id}"}},
}

umbrella := {"id": "umbrella", "cloud": "gcp", "tier": "dedicated", "environments": ["prod"], "edge": {"rateLimitPerMinute": 2400}}

hooli := {"id": "hooli", "cloud": "gcp", "tier": "pooled", "environments": ["prod", "staging"], "edge": {"rateLimitPerMinute": 300}}

northwind := {"id": "northwind", "cloud": "gcp", "tier": "pooled", "environments": ["prod"], "edge": {"rateLimitPerMinute": 600}}

tenants := {"umbrella": umbrella, "hooli": hooli, "northwind": northwind}

tenant_stack(rules) := {"stack": {"name": "umbrella-prod", "tenant": "umbrella", "environment": "prod", "tier": "dedicated"}, "tenant": umbrella, "resources": edge(rules)}

cell(env, rules) := {"stack": {"name": "cell", "tenant": null, "environment": env, "tier": "platform"}, "tenant": null, "resources": edge(rules)}

a := "google_compute_security_policy.a"

found(stacks) := {[f.stack, f.resource, f.message] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

where(stacks) := {[f.stack, f.resource] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

test_pass_tenant_60s if count(found({"t": tenant_stack([throttle(2400, 60, null)])})) == 0

test_pass_tenant_scaled_10s if count(found({"t": tenant_stack([throttle(400, 10, null)])})) == 0

test_pass_tenant_own_host if count(found({"t": tenant_stack([throttle(2400, 60, "umbrella.cordon.example")])})) == 0

test_pass_rate_based_ban if {
	r := object.union(object.remove(throttle(2400, 60, null), {"action"}), {"action": "rate_based_ban"})
	count(found({"t": tenant_stack([r])})) == 0
}

test_fail_tenant_off_by_one if where({"t": tenant_stack([throttle(2401, 60, null)])}) == {["t", a]}

test_fail_tenant_per_second_unscaled if where({"t": tenant_stack([throttle(2400, 1, null)])}) == {["t", a]}

test_fail_other_tenant_host if where({"t": tenant_stack([throttle(2400, 60, "hooli.cordon.example")])}) == {["t", a]}

test_fail_preview_rule if where({"t": tenant_stack([object.union(throttle(2400, 60, null), {"preview": true})])}) == {["t", a]}

test_fail_no_rate_rule if {
	fs := found({"t": tenant_stack([{"action": "allow", "priority": 1, "match": match(null)}])})
	count(fs) == 1
	some [_, _, msg] in fs
	startswith(msg, "no throttle")
}

test_fail_count_unresolved if {
	fs := rule.deny_estate with input as {"stacks": {"t": tenant_stack([throttle("${var.limit}", 60, null)])}, "tenants": tenants}
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_pass_cell_prod if {
	count(found({"c": cell("prod", [throttle(300, 60, "hooli.cordon.example"), throttle(600, 60, "northwind.cordon.example")])})) == 0
}

test_fail_cell_missing_tenant if {
	fs := found({"c": cell("prod", [throttle(300, 60, "hooli.cordon.example")])})
	count(fs) == 1
	some [_, _, msg] in fs
	contains(msg, "pooled tenant northwind")
}

test_fail_cell_wrong_limit if {
	fs := found({"c": cell("staging", [throttle(3000, 60, "hooli.staging.cordon.example")])})
	count(fs) == 1
	some [_, _, msg] in fs
	contains(msg, "allows 3000")
}

test_pass_internal_backend_not_public if {
	s := tenant_stack([])
	d := {"t": object.union(s, {"resources": {"google_compute_backend_service.b": {"properties": {"load_balancing_scheme": "INTERNAL_MANAGED"}}}})}
	count(found(d)) == 0
}

cell_without_northwind(northwind_entry) := fs if {
	fs := rule.deny_estate with input as {
		"stacks": {"c": cell("prod", [throttle(300, 60, "hooli.cordon.example")])},
		"tenants": {"umbrella": umbrella, "hooli": hooli, "northwind": northwind_entry},
	}
}

test_pass_cell_offboarded_tenant_needs_no_rule if count(cell_without_northwind(object.union(northwind, {"status": "offboarded"}))) == 0

test_fail_cell_explicitly_active_tenant_needs_a_rule if count(cell_without_northwind(object.union(northwind, {"status": "active"}))) == 1

# Two cells of one environment, each with its own HTTPS edge and certificate.
cert_cell(name, domains, rules) := {"stack": {"name": name, "tenant": null, "environment": "prod", "tier": "platform"}, "tenant": null, "resources": object.union(edge(rules), {"google_compute_managed_ssl_certificate.c": {"type": "google_compute_managed_ssl_certificate", "properties": {"managed": {"domains": domains}}}})}

test_pass_each_tenant_in_the_cell_answering_it if {
	count(found({
		"none": cert_cell("none", ["northwind.cordon.example"], [throttle(600, 60, "northwind.cordon.example")]),
		"anthropic": cert_cell("anthropic", ["Hooli.cordon.example"], [throttle(300, 60, "hooli.cordon.example")]),
	})) == 0
}

test_fail_missing_tenant_reported_on_its_own_cell_only if {
	where({
		"none": cert_cell("none", ["northwind.cordon.example"], [throttle(600, 60, "other.cordon.example")]),
		"anthropic": cert_cell("anthropic", ["hooli.cordon.example"], [throttle(300, 60, "hooli.cordon.example")]),
	}) == {["none", a]}
}

test_fail_tenant_rule_in_another_cell if {
	where({
		"none": cert_cell("none", ["northwind.cordon.example"], [throttle(600, 60, "northwind.cordon.example"), throttle(300, 60, "hooli.cordon.example")]),
		"anthropic": cert_cell("anthropic", ["hooli.cordon.example"], [throttle(600, 60, "other.cordon.example")]),
	}) == {["anthropic", a]}
}

test_pass_named_cell_without_policy_left_to_edge_1 if {
	bare := json.patch(cert_cell("none", ["northwind.cordon.example"], []), [{"op": "remove", "path": "/resources/google_compute_backend_service.b/properties/security_policy"}])
	count(found({"none": bare, "anthropic": cert_cell("anthropic", ["hooli.cordon.example"], [throttle(300, 60, "hooli.cordon.example")])})) == 0
}
