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

unverifiable(d) := {[f.resource, f.path, f.message] | some f in rule.deny with input as d; f.unverifiable}

behavior(id) := {"DefaultCacheBehavior": {"ResponseHeadersPolicyId": id}}

test_fail_every_managed_policy_id if {
	every id in [
		"67f7725c-6f97-4210-82d7-5512b31e9d03", "E61EB60C-9C35-4D20-A928-2B84E02AF89C", "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
		"60669652-455b-4ae9-85a4-c4c02393f86c", "5cc3b908-e619-4b99-88e5-2cf7f45965bd",
	] {
		found(stack(headers(31536000, "x"), behavior(id))) == {["D", "DistributionConfig.DefaultCacheBehavior"]}
		count(unverifiable(stack(headers(31536000, "x"), behavior(id)))) == 0
	}
}

test_fail_managed_policy_message_names_it if {
	some f in rule.deny with input as stack(headers(31536000, "x"), behavior("67f7725c-6f97-4210-82d7-5512b31e9d03"))
	f.message == "ResponseHeadersPolicyId is AWS's managed policy SecurityHeadersPolicy, which sends no Content-Security-Policy header (its HSTS yields to the origin's)"
}

test_fail_policy_declared_elsewhere_is_unverifiable if {
	id := "a1b2c3d4-5678-90ab-cdef-111122223333"
	unverifiable(stack(headers(31536000, "x"), behavior(id))) == {["D", "DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId", sprintf("ResponseHeadersPolicyId names response headers policy %s outside the input: its HSTS and CSP headers cannot be checked", [id])]}
	count(found(stack(headers(31536000, "x"), behavior(id)))) == 1
}

test_fail_policy_id_of_the_wrong_kind if {
	every v in ["SecurityHeadersPolicy", "arn:aws:cloudfront::123456789012:response-headers-policy/a1b2c3d4-5678-90ab-cdef-111122223333", ""] {
		found(stack(headers(31536000, "x"), behavior(v))) == {["D", "DistributionConfig.DefaultCacheBehavior"]}
		count(unverifiable(stack(headers(31536000, "x"), behavior(v)))) == 0
	}
}
