package cordon.rules.tls_1_aws_alb_listener_test

import data.cordon.rules.tls_1_aws_alb_listener as rule

listener(props) := {"resources": {"L": {"type": "AWS::ElasticLoadBalancingV2::Listener", "properties": props}}}

paths(doc) := {f.path | some f in rule.deny with input as doc}

https(policy) := {"Protocol": "HTTPS", "Port": 443, "SslPolicy": policy}

redirect := [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]

forward := [{"Type": "forward", "TargetGroupArn": {"Ref": "TG"}}]

test_pass_tls13_policy if count(paths(listener(https("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")))) == 0

test_pass_tls13_only if count(paths(listener(https("ELBSecurityPolicy-TLS13-1-3-2021-06")))) == 0

test_pass_nlb_tls if count(paths(listener({"Protocol": "TLS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}))) == 0

test_pass_http_redirect if count(paths(listener({"Protocol": "HTTP", "DefaultActions": redirect}))) == 0

test_pass_tcp_listener if count(paths(listener({"Protocol": "TCP", "DefaultActions": forward}))) == 0

test_fail_tls12_policy if paths(listener(https("ELBSecurityPolicy-TLS-1-2-2017-01"))) == {"SslPolicy"}

test_fail_default_2016_policy if paths(listener(https("ELBSecurityPolicy-2016-08"))) == {"SslPolicy"}

test_fail_policy_missing if paths(listener({"Protocol": "HTTPS", "Port": 443})) == {"SslPolicy"}

test_fail_policy_unresolved if {
	fs := rule.deny with input as listener(https({"Ref": "PolicyParam"}))
	[f | some f in fs; f.unverifiable; f.path == "SslPolicy"] != []
	count(fs) == 1
}

test_fail_protocol_unresolved if {
	some f in rule.deny with input as listener({"Protocol": {"Ref": "P"}, "DefaultActions": forward})
	f.unverifiable
	f.path == "Protocol"
}

test_fail_http_forward if paths(listener({"Protocol": "HTTP", "DefaultActions": forward})) == {"DefaultActions"}

test_fail_http_redirect_keeps_protocol if {
	paths(listener({"Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "#{protocol}"}}]})) == {"DefaultActions"}
}

test_fail_http_no_actions if paths(listener({"Protocol": "HTTP"})) == {"DefaultActions"}

with_rule(actions) := {"resources": {
	"L": {"type": "AWS::ElasticLoadBalancingV2::Listener", "properties": {"Protocol": "HTTP", "DefaultActions": redirect}},
	"R": {"type": "AWS::ElasticLoadBalancingV2::ListenerRule", "properties": {"ListenerArn": {"Ref": "L"}, "Priority": 1, "Actions": actions}},
}}

test_pass_redirecting_rule_on_http if count(paths(with_rule(redirect))) == 0

test_fail_forwarding_rule_on_http if {
	fs := rule.deny with input as with_rule(forward)
	{[f.resource, f.path] | some f in fs} == {["R", "Actions"]}
}
