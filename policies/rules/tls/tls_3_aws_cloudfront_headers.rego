# METADATA
# title: CloudFront adds HSTS and CSP to every response
# description: >-
#   Every cache behavior (default and path behaviors) of an AWS::CloudFront::Distribution must
#   attach, by ResponseHeadersPolicyId, an AWS::CloudFront::ResponseHeadersPolicy declared in the
#   template whose SecurityHeadersConfig sets StrictTransportSecurity with AccessControlMaxAgeSec of
#   at least 31536000 (one year) and a non-empty ContentSecurityPolicy. The ids of AWS's managed
#   policies are known values and fail: none sends Content-Security-Policy (SecurityHeadersPolicy and
#   the two CORS-and-SecurityHeaders policies send HSTS, X-Content-Type-Options, X-Frame-Options,
#   Referrer-Policy and X-XSS-Protection, and defer to the origin's own HSTS; SimpleCORS and
#   CORS-With-Preflight send no security header). Any other policy id names a policy declared
#   elsewhere, whose headers are not in the input: unverifiable. A value that is no policy id fails.
# custom:
#   id: TLS-3-AWS
#   severity: medium
#   level: mandatory
#   controls: [TLS-3]
#   remediation: >-
#     Declare a response headers policy with StrictTransportSecurity (AccessControlMaxAgeSec
#     >= 31536000, IncludeSubdomains) and ContentSecurityPolicy, and set ResponseHeadersPolicyId on
#     the default and every other cache behavior to it.
#   resource_types: ["AWS::CloudFront::Distribution", "AWS::CloudFront::ResponseHeadersPolicy"]
#   checks:
#     "AWS::CloudFront::Distribution": [DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId, DistributionConfig.CacheBehaviors.ResponseHeadersPolicyId]
#     "AWS::CloudFront::ResponseHeadersPolicy": [ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity, ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy]
package cordon.rules.tls_3_aws_cloudfront_headers

import data.cordon.lib

policy_type := "AWS::CloudFront::ResponseHeadersPolicy"

min_max_age := 31536000

headers_path := "ResponseHeadersPolicyConfig.SecurityHeadersConfig"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	v := object.get(b, "ResponseHeadersPolicyId", null)
	not lib.unresolved(v)
	not lib.uuid(v)
	msg := sprintf("ResponseHeadersPolicyId is %s, neither a response headers policy declared here nor a policy id: responses carry no proven HSTS and CSP", [lib.shown(b, "ResponseHeadersPolicyId")])
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	name := managed_policies[lower(b.ResponseHeadersPolicyId)]
	msg := sprintf("ResponseHeadersPolicyId is AWS's managed policy %s, which sends no Content-Security-Policy header%s", [name, managed_hsts_note[name]])
}

deny contains lib.outside(addr, sprintf("%s.ResponseHeadersPolicyId", [path]), "ResponseHeadersPolicyId", v, "response headers policy", "its HSTS and CSP headers") if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	v := b.ResponseHeadersPolicyId
	lib.uuid(v)
	not managed_policies[lower(v)]
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	t := lib.ref_type(b.ResponseHeadersPolicyId)
	t != policy_type
	msg := sprintf("ResponseHeadersPolicyId refers to a %s, not a response headers policy", [t])
}

deny contains lib.unverifiable(addr, sprintf("%s.ResponseHeadersPolicyId", [path]), v) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	v := b.ResponseHeadersPolicyId
	lib.unresolved(v)
	not lib.ref_address(v)
	lib.ref_type(v) == policy_type
}

deny contains lib.unverifiable(addr, sprintf("%s.ResponseHeadersPolicyId", [path]), v) if {
	some addr, r in lib.resources_of("AWS::CloudFront::Distribution")
	some path, b in behaviors(r.properties)
	v := b.ResponseHeadersPolicyId
	lib.unresolved(v)
	not lib.ref_type(v)
}

# The attached policies themselves.
deny contains lib.finding(policy, sprintf("%s.StrictTransportSecurity", [headers_path]), msg) if {
	some policy in attached
	h := security_headers(policy)
	not hsts(h)
	msg := sprintf("StrictTransportSecurity is %s; it must have AccessControlMaxAgeSec of at least %d", [json.marshal(object.get(h, "StrictTransportSecurity", "missing")), min_max_age])
}

deny contains lib.finding(policy, sprintf("%s.ContentSecurityPolicy", [headers_path]), msg) if {
	some policy in attached
	h := security_headers(policy)
	not csp(h)
	msg := "no ContentSecurityPolicy: responses carry no Content-Security-Policy header"
}

attached contains policy if {
	some _, r in lib.resources_of("AWS::CloudFront::Distribution")
	some _, b in behaviors(r.properties)
	policy := lib.ref_address(b.ResponseHeadersPolicyId)
	input.resources[policy].type == policy_type
}

security_headers(policy) := object.get(input.resources[policy].properties, ["ResponseHeadersPolicyConfig", "SecurityHeadersConfig"], {})

hsts(h) if lib.number(h.StrictTransportSecurity.AccessControlMaxAgeSec) >= min_max_age

csp(h) if {
	v := h.ContentSecurityPolicy.ContentSecurityPolicy
	is_string(v)
	trim_space(v) != ""
}

# AWS's managed response headers policies, by id (CloudFront Developer Guide, "Use managed response
# headers policies"); none sends Content-Security-Policy.
managed_policies := {
	"67f7725c-6f97-4210-82d7-5512b31e9d03": "SecurityHeadersPolicy",
	"e61eb60c-9c35-4d20-a928-2b84e02af89c": "CORS-and-SecurityHeadersPolicy",
	"eaab4381-ed33-4a86-88ca-d9558dc6cd63": "CORS-with-preflight-and-SecurityHeadersPolicy",
	"60669652-455b-4ae9-85a4-c4c02393f86c": "SimpleCORS",
	"5cc3b908-e619-4b99-88e5-2cf7f45965bd": "CORS-With-Preflight",
}

managed_hsts_note := {
	"SecurityHeadersPolicy": " (its HSTS yields to the origin's)",
	"CORS-and-SecurityHeadersPolicy": " (its HSTS yields to the origin's)",
	"CORS-with-preflight-and-SecurityHeadersPolicy": " (its HSTS yields to the origin's)",
	"SimpleCORS": " nor Strict-Transport-Security",
	"CORS-With-Preflight": " nor Strict-Transport-Security",
}

behaviors(p) := object.union(
	{"DistributionConfig.DefaultCacheBehavior": object.get(p, ["DistributionConfig", "DefaultCacheBehavior"], {})},
	{sprintf("DistributionConfig.CacheBehaviors[%d]", [i]): b | some i, b in object.get(p, ["DistributionConfig", "CacheBehaviors"], [])},
)
