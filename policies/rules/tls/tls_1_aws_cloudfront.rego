# METADATA
# title: CloudFront negotiates TLS 1.2 (2021 policy) or newer and never serves plain HTTP
# description: >-
#   An AWS::CloudFront::Distribution must have a ViewerCertificate of its own (the default
#   *.cloudfront.net certificate allows TLS 1.0) whose MinimumProtocolVersion is TLSv1.2_2021,
#   TLSv1.2_2025 or TLSv1.3_2025 (the list in policies/lib/tls.rego); TLSv1.2_2019, TLSv1.2_2018,
#   TLSv1.1_2016, TLSv1_2016, TLSv1, SSLv3, a name not listed and a missing value (CloudFront then
#   defaults to TLSv1) fail. Every cache behavior
#   must have ViewerProtocolPolicy redirect-to-https or https-only, never allow-all. Every custom origin
#   must have OriginProtocolPolicy https-only and OriginSSLProtocols exactly [TLSv1.2] (TLSv1.1, TLSv1,
#   SSLv3, an empty or a missing list fail).
# custom:
#   id: TLS-1-AWS-CLOUDFRONT
#   severity: high
#   level: mandatory
#   controls: [TLS-1]
#   remediation: >-
#     Give the distribution an ACM certificate with MinimumProtocolVersion TLSv1.2_2021 (or newer)
#     and SslSupportMethod sni-only, and set ViewerProtocolPolicy to redirect-to-https on the default
#     and every other cache behavior; give every custom origin OriginProtocolPolicy https-only and
#     OriginSSLProtocols [TLSv1.2].
#   resource_types: ["AWS::CloudFront::Distribution"]
#   checks:
#     "AWS::CloudFront::Distribution": [DistributionConfig.ViewerCertificate, DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy, DistributionConfig.CacheBehaviors.ViewerProtocolPolicy, DistributionConfig.Origins.CustomOriginConfig.OriginProtocolPolicy, DistributionConfig.Origins.CustomOriginConfig.OriginSSLProtocols]
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

deny contains lib.finding(addr, sprintf("%s.OriginProtocolPolicy", [path]), msg) if {
	some addr, r in lib.resources_of(dist_type)
	some path, o in custom_origins(r.properties)
	v := object.get(o, "OriginProtocolPolicy", null)
	not lib.unresolved(v)
	not tls.cloudfront_origin_protocol_policies[v]
	msg := sprintf("OriginProtocolPolicy is %s; it must be https-only so CloudFront never speaks plain HTTP to the origin", [lib.shown(o, "OriginProtocolPolicy")])
}

deny contains lib.finding(addr, sprintf("%s.OriginSSLProtocols", [path]), msg) if {
	some addr, r in lib.resources_of(dist_type)
	some path, o in custom_origins(r.properties)
	v := object.get(o, "OriginSSLProtocols", null)
	not lib.unresolved(v)
	not tls12_only(v)
	msg := sprintf("OriginSSLProtocols is %s; it must be [TLSv1.2] (SSLv3, TLSv1 and TLSv1.1 let the origin connection fall below TLS 1.2)", [lib.shown(o, "OriginSSLProtocols")])
}

deny contains lib.unverifiable(addr, sprintf("%s.%s", [path, key]), o[key]) if {
	some addr, r in lib.resources_of(dist_type)
	some path, o in custom_origins(r.properties)
	some key in ["OriginProtocolPolicy", "OriginSSLProtocols"]
	lib.unresolved(o[key])
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

custom_origins(p) := {sprintf("DistributionConfig.Origins[%d].CustomOriginConfig", [i]): o |
	some i, origin in object.get(p, ["DistributionConfig", "Origins"], [])
	o := origin.CustomOriginConfig
}

tls12_only(protocols) if {
	is_array(protocols)
	count(protocols) > 0
	every v in protocols {
		tls.cloudfront_origin_ssl_protocols[v]
	}
}
