# METADATA
# title: CloudFront negotiates TLS 1.2 (2021 policy) or newer and never serves plain HTTP
# description: >-
#   An AWS::CloudFront::Distribution must have a ViewerCertificate of its own (the default
#   *.cloudfront.net certificate allows TLS 1.0) whose MinimumProtocolVersion is TLSv1.2_2021,
#   TLSv1.2_2025 or TLSv1.3_2025 (the list in policies/lib/tls.rego); TLSv1.2_2019, TLSv1.2_2018,
#   TLSv1.1_2016, TLSv1_2016, TLSv1, SSLv3, a name not listed and a missing value (CloudFront then
#   defaults to TLSv1) fail. Every cache behavior
#   must have ViewerProtocolPolicy redirect-to-https or https-only, never allow-all.
# custom:
#   id: TLS-1-AWS-CLOUDFRONT
#   severity: high
#   level: mandatory
#   controls: [TLS-1]
#   remediation: >-
#     Give the distribution an ACM certificate with MinimumProtocolVersion TLSv1.2_2021 (or newer)
#     and SslSupportMethod sni-only, and set ViewerProtocolPolicy to redirect-to-https on the default
#     and every other cache behavior.
#   resource_types: ["AWS::CloudFront::Distribution"]
package cordon.rules.tls_1_aws_cloudfront

import data.cordon.lib
import data.cordon.lib.tls

dist_type := "AWS::CloudFront::Distribution"

path_mpv := "DistributionConfig.ViewerCertificate.MinimumProtocolVersion"

deny contains lib.finding(addr, "DistributionConfig.ViewerCertificate", msg) if {
	some addr, r in lib.resources_of(dist_type)
	not own_certificate(object.get(r.properties, "DistributionConfig", {}))
	msg := "no certificate of its own (ViewerCertificate missing or CloudFrontDefaultCertificate): viewers may negotiate TLS 1.0"
}

deny contains lib.finding(addr, path_mpv, msg) if {
	some addr, r in lib.resources_of(dist_type)
	cert := certificate(r.properties)
	own_certificate(r.properties.DistributionConfig)
	not lib.unresolved(object.get(cert, "MinimumProtocolVersion", null))
	not tls.cloudfront_viewer_policies[object.get(cert, "MinimumProtocolVersion", null)]
	msg := sprintf("MinimumProtocolVersion is %s (CloudFront defaults to TLSv1); it must be one of TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025", [lib.shown(cert, "MinimumProtocolVersion")])
}

deny contains lib.unverifiable(addr, path_mpv, cert.MinimumProtocolVersion) if {
	some addr, r in lib.resources_of(dist_type)
	cert := certificate(r.properties)
	lib.unresolved(cert.MinimumProtocolVersion)
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of(dist_type)
	some path, b in behaviors(r.properties)
	not lib.unresolved(object.get(b, "ViewerProtocolPolicy", null))
	not https_only(b)
	msg := sprintf("ViewerProtocolPolicy is %s; it must be redirect-to-https or https-only", [lib.shown(b, "ViewerProtocolPolicy")])
}

deny contains lib.unverifiable(addr, path, b.ViewerProtocolPolicy) if {
	some addr, r in lib.resources_of(dist_type)
	some path, b in behaviors(r.properties)
	lib.unresolved(b.ViewerProtocolPolicy)
}

certificate(p) := p.DistributionConfig.ViewerCertificate

own_certificate(config) if {
	cert := config.ViewerCertificate
	is_object(cert)
	not lib.truthy(object.get(cert, "CloudFrontDefaultCertificate", false))
}

behaviors(p) := object.union(
	{"DistributionConfig.DefaultCacheBehavior": object.get(p, ["DistributionConfig", "DefaultCacheBehavior"], {})},
	{sprintf("DistributionConfig.CacheBehaviors[%d]", [i]): b | some i, b in object.get(p, ["DistributionConfig", "CacheBehaviors"], [])},
)

https_only(b) if b.ViewerProtocolPolicy in {"redirect-to-https", "https-only"}
