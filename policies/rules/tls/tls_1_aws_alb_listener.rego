# METADATA
# title: Load balancer listeners negotiate TLS 1.3 and plain HTTP only redirects
# description: >-
#   An ELBv2 listener with protocol HTTPS or TLS must name an SslPolicy that offers TLS 1.3 and refuses
#   everything below TLS 1.2: one of the ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policies listed
#   in policies/lib/tls.rego (CloudFormation's default, ELBSecurityPolicy-2016-08, accepts TLS 1.0, and
#   so do ELBSecurityPolicy-TLS13-1-0-*; -TLS13-1-1-* accept TLS 1.1; a name not listed fails). A listener with
#   protocol HTTP may only redirect to HTTPS: its default actions and the actions of every listener
#   rule attached to it must be a redirect whose protocol is HTTPS. A listener rule that serves
#   content on a listener outside the input (a literal listener ARN) is unverifiable.
# custom:
#   id: TLS-1-AWS-ALB
#   severity: high
#   level: mandatory
#   controls: [TLS-1]
#   remediation: >-
#     Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (or another ELBSecurityPolicy-TLS13-1-2-*
#     or -TLS13-1-3-* policy) on HTTPS/TLS listeners; make HTTP listeners a single redirect action with
#     RedirectConfig.Protocol HTTPS and attach no forwarding rules to them.
#   resource_types: ["AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule"]
#   checks:
#     "AWS::ElasticLoadBalancingV2::Listener": [Protocol, SslPolicy, DefaultActions]
#     "AWS::ElasticLoadBalancingV2::ListenerRule": [ListenerArn, Actions]
package cordon.rules.tls_1_aws_alb_listener

import data.cordon.lib
import data.cordon.lib.tls

listener_type := "AWS::ElasticLoadBalancingV2::Listener"

rule_type := "AWS::ElasticLoadBalancingV2::ListenerRule"

deny contains lib.finding(addr, "SslPolicy", msg) if {
	some addr, r in lib.resources_of(listener_type)
	encrypted(r.properties)
	not lib.unresolved(object.get(r.properties, "SslPolicy", null))
	not tls.alb_ssl_policies[object.get(r.properties, "SslPolicy", null)]
	msg := sprintf("SslPolicy is %s (CloudFormation defaults to ELBSecurityPolicy-2016-08); it must offer TLS 1.3 and refuse TLS 1.0 and 1.1 (an ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policy)", [lib.shown(r.properties, "SslPolicy")])
}

deny contains lib.unverifiable(addr, "SslPolicy", r.properties.SslPolicy) if {
	some addr, r in lib.resources_of(listener_type)
	encrypted(r.properties)
	lib.unresolved(r.properties.SslPolicy)
}

deny contains lib.unverifiable(addr, "Protocol", r.properties.Protocol) if {
	some addr, r in lib.resources_of(listener_type)
	lib.unresolved(r.properties.Protocol)
}

deny contains lib.finding(addr, "DefaultActions", msg) if {
	some addr, r in lib.resources_of(listener_type)
	plain_http(r.properties)
	not redirects_to_https(object.get(r.properties, "DefaultActions", []))
	msg := "an HTTP listener must only redirect to HTTPS (one redirect action with RedirectConfig.Protocol HTTPS)"
}

deny contains lib.finding(addr, "Actions", msg) if {
	some addr, r in lib.resources_of(rule_type)
	listener := lib.ref_address(r.properties.ListenerArn)
	plain_http(input.resources[listener].properties)
	not redirects_to_https(object.get(r.properties, "Actions", []))
	msg := sprintf("listener rule on HTTP listener %s serves plain HTTP; it may only redirect to HTTPS", [listener])
}

# A rule that serves content on a listener outside the input (by ARN): whether that listener is
# plain HTTP cannot be seen.
deny contains lib.outside(addr, "ListenerArn", "ListenerArn", v, "listener", "whether it serves plain HTTP") if {
	some addr, r in lib.resources_of(rule_type)
	v := r.properties.ListenerArn
	lib.aws_arn(v, "elasticloadbalancing", "listener/")
	not redirects_to_https(object.get(r.properties, "Actions", []))
}

encrypted(p) if p.Protocol in {"HTTPS", "TLS"}

plain_http(p) if p.Protocol == "HTTP"

redirects_to_https(actions) if {
	is_array(actions)
	count(actions) > 0
	every a in actions {
		a.Type == "redirect"
		a.RedirectConfig.Protocol == "HTTPS"
	}
}
