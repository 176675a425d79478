# METADATA
# title: CloudFront adds HSTS and CSP to every response
# description: >-
#   Every cache behavior (default and path behaviors) of an AWS::CloudFront::Distribution must
#   attach, by ResponseHeadersPolicyId, an AWS::CloudFront::ResponseHeadersPolicy declared in the
#   template whose SecurityHeadersConfig sets StrictTransportSecurity with AccessControlMaxAgeSec of
#   at least 31536000 (one year) and a non-empty ContentSecurityPolicy. A managed or external policy
#   id cannot be proven (AWS's managed SecurityHeadersPolicy sends no CSP).
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
	msg := sprintf("ResponseHeadersPolicyId is %s, not a response headers policy declared here: HSTS and CSP cannot be proven", [lib.shown(b, "ResponseHeadersPolicyId")])
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

behaviors(p) := object.union(
	{"DistributionConfig.DefaultCacheBehavior": object.get(p, ["DistributionConfig", "DefaultCacheBehavior"], {})},
	{sprintf("DistributionConfig.CacheBehaviors[%d]", [i]): b | some i, b in object.get(p, ["DistributionConfig", "CacheBehaviors"], [])},
)
