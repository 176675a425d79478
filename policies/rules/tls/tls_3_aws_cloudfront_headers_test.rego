package cordon.rules.tls_3_aws_cloudfront_headers_test

import data.cordon.rules.tls_3_aws_cloudfront_headers as rule

headers(max_age, csp) := {"ResponseHeadersPolicyConfig": {"Name": "sec", "SecurityHeadersConfig": {
	"StrictTransportSecurity": {"AccessControlMaxAgeSec": max_age, "IncludeSubdomains": true, "Override": true},
	"ContentSecurityPolicy": {"ContentSecurityPolicy": csp, "Override": true},
}}}

stack(policy, config) := {"resources": {
	"H": {"type": "AWS::CloudFront::ResponseHeadersPolicy", "properties": policy},
	"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": config}},
}}

attached := {"DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only", "ResponseHeadersPolicyId": {"Ref": "H"}}}

found(d) := {[f.resource, f.path] | some f in rule.deny with input as d}

sts := "ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity"

test_pass_one_year_and_csp if count(found(stack(headers(31536000, "default-src 'self'"), attached))) == 0

test_pass_two_years_string if count(found(stack(headers("63072000", "default-src 'self'"), attached))) == 0

test_fail_one_second_short if found(stack(headers(31535999, "default-src 'self'"), attached)) == {["H", sts]}

test_fail_empty_csp if {
	found(stack(headers(31536000, " "), attached)) == {["H", "ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy"]}
}

test_fail_no_security_headers if {
	found(stack({"ResponseHeadersPolicyConfig": {"Name": "cors", "CorsConfig": {}}}, attached)) == {
		["H", sts],
		["H", "ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy"],
	}
}

test_fail_only_distribution_when_weak_policy_unattached if {
	count(found(stack(headers(60, ""), {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": "5cc3b908-e619-4b99-88e5-2cf7f45965bd"}}))) == 1
}

test_fail_behavior_without_policy if {
	found(stack(headers(31536000, "x"), {"DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"}})) == {["D", "DistributionConfig.DefaultCacheBehavior"]}
}

test_fail_managed_policy_id if {
	found(stack(headers(31536000, "x"), {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": "67f7725c-6f97-4210-82d7-5512b31e9d03"}})) == {["D", "DistributionConfig.DefaultCacheBehavior"]}
}

test_fail_second_behavior_without_policy if {
	found(stack(headers(31536000, "x"), object.union(attached, {"CacheBehaviors": [{"PathPattern": "/static/*"}]}))) == {["D", "DistributionConfig.CacheBehaviors[0]"]}
}

test_fail_policy_parameter if {
	fs := rule.deny with input as stack(headers(31536000, "x"), {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": {"Ref": "PolicyParam"}}})
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_imported_policy if {
	d := object.union(stack(headers(31536000, "x"), {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": {"Fn::ImportValue": "sec-headers"}}}), {"imports": {"sec-headers": {"stack": "s", "address": "P", "type": "AWS::CloudFront::ResponseHeadersPolicy"}}})
	fs := rule.deny with input as d
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_wrong_type if {
	d := {"resources": {
		"C": {"type": "AWS::CloudFront::CachePolicy", "properties": {}},
		"D": {"type": "AWS::CloudFront::Distribution", "properties": {"DistributionConfig": {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": {"Ref": "C"}}}}},
	}}
	found(d) == {["D", "DistributionConfig.DefaultCacheBehavior"]}
}
