package cordon.lib.links_test

import data.cordon.lib

test_pass_aws_arn_of_the_service if {
	lib.aws_arn("arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1234abcd", "wafv2", "global/webacl/")
	lib.aws_arn("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd", "kms", "key/")
	lib.aws_arn("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/x:*", "logs", "log-group:")
}

test_fail_aws_arn_of_another_service_or_kind if {
	not lib.aws_arn("arn:aws:waf::123456789012:webacl/1234abcd", "wafv2", "global/webacl/")
	not lib.aws_arn("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1", "wafv2", "global/webacl/")
	not lib.aws_arn("arn:aws:wafv2:us-east-1:123456789012:global/webacl/", "wafv2", "global/webacl/")
	not lib.aws_arn("wafv2:global/webacl/edge", "wafv2", "global/webacl/")
	not lib.aws_arn("", "wafv2", "")
	not lib.aws_arn(42, "wafv2", "")
}

test_pass_gcp_compute_paths if {
	lib.gcp_compute_path("projects/p/global/securityPolicies/edge", "securityPolicies")
	lib.gcp_compute_path("https://www.googleapis.com/compute/v1/projects/p/global/urlMaps/m", "urlMaps")
	lib.gcp_compute_path("https://compute.googleapis.com/compute/beta/projects/p/regions/eu/urlMaps/m", "urlMaps")
	lib.gcp_compute_path("//compute.googleapis.com/projects/p/global/backendServices/b", "backendServices")
}

test_fail_gcp_compute_paths_of_another_kind if {
	not lib.gcp_compute_path("projects/p/global/urlMaps/m", "securityPolicies")
	not lib.gcp_compute_path("edge", "securityPolicies")
	not lib.gcp_compute_path("projects/p/global/securityPolicies/", "securityPolicies")
	not lib.gcp_compute_path("projects/p/locations/eu/securityPolicies/x", "securityPolicies")
	not lib.gcp_compute_path("https://evil.example/projects/p/global/securityPolicies/x", "securityPolicies")
	not lib.gcp_compute_path("", "securityPolicies")
}

test_pass_outside_is_unverifiable if {
	f := lib.outside("D", "DistributionConfig.WebACLId", "WebACLId", "arn:x", "web ACL", "its rules")
	f.unverifiable
	f.message == "WebACLId names web ACL arn:x outside the input: its rules cannot be checked"
}

test_pass_gcp_compute_refs_take_names if {
	lib.gcp_compute_ref("edge-policy", "securityPolicies")
	lib.gcp_compute_ref("projects/p/global/securityPolicies/edge", "securityPolicies")
}

test_fail_gcp_compute_refs_of_junk if {
	not lib.gcp_compute_ref("Edge Policy!", "securityPolicies")
	not lib.gcp_compute_ref("-edge", "securityPolicies")
	not lib.gcp_compute_ref("projects/p/global/urlMaps/m", "securityPolicies")
	not lib.gcp_compute_ref("", "securityPolicies")
}

test_pass_uuid if lib.uuid("67f7725c-6f97-4210-82d7-5512b31e9d03")

test_fail_not_uuid if {
	not lib.uuid("67f7725c6f97421082d75512b31e9d03")
	not lib.uuid("SecurityHeadersPolicy")
	not lib.uuid("")
}

test_pass_rds_parameter_group_names if {
	lib.rds_parameter_group_name("tenant-pg-tls")
	lib.rds_parameter_group_name("A")
}

test_fail_rds_parameter_group_names if {
	not lib.rds_parameter_group_name("default.aurora-postgresql15")
	not lib.rds_parameter_group_name("1group")
	not lib.rds_parameter_group_name("a--b")
	not lib.rds_parameter_group_name("ab-")
	not lib.rds_parameter_group_name("arn:aws:rds:eu-west-1:123456789012:cluster-pg:tls")
	not lib.rds_parameter_group_name("")
}

test_pass_gcp_named_finds_a_declared_resource_by_name if {
	d := {"resources": {"google_compute_ssl_policy.p": {"type": "google_compute_ssl_policy", "properties": {"name": "tls12"}}}}
	lib.gcp_named("projects/p/global/sslPolicies/tls12", {"google_compute_ssl_policy"}) == "google_compute_ssl_policy.p" with input as d
	lib.gcp_named("tls12", {"google_compute_ssl_policy"}) == "google_compute_ssl_policy.p" with input as d
	not lib.gcp_named("tls13", {"google_compute_ssl_policy"}) with input as d
	not lib.gcp_named("tls12", {"google_compute_url_map"}) with input as d
}
