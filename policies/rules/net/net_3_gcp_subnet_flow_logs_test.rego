package cordon.rules.net_3_gcp_subnet_flow_logs_test

import data.cordon.rules.net_3_gcp_subnet_flow_logs as rule

subnet(props) := {"resources": {"google_compute_subnetwork.s": {"type": "google_compute_subnetwork", "properties": props}}}

network(props) := {"resources": {"google_compute_network.n": {"type": "google_compute_network", "properties": props}}}

paths(doc) := {f.path | some f in rule.deny with input as doc}

unverifiable(doc) := {f.path | some f in rule.deny with input as doc; f.unverifiable}

full := {"ip_cidr_range": "10.0.0.0/20", "log_config": {"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 1, "metadata": "INCLUDE_ALL_METADATA"}}

test_pass_full_sampling if count(paths(subnet(full))) == 0

test_pass_block_list_and_float if {
	count(paths(subnet({"log_config": [{"flow_sampling": 1.0, "metadata": "INCLUDE_ALL_METADATA"}]}))) == 0
}

test_pass_string_sampling_from_hcl if count(paths(subnet({"log_config": [{"flow_sampling": "1.0", "metadata": "INCLUDE_ALL_METADATA"}]}))) == 0

test_pass_proxy_only_subnet if count(paths(subnet({"purpose": "REGIONAL_MANAGED_PROXY", "role": "ACTIVE"}))) == 0

test_pass_custom_mode_network if count(paths(network({"auto_create_subnetworks": false}))) == 0

test_fail_no_log_config if paths(subnet({"ip_cidr_range": "10.0.0.0/20"})) == {"log_config"}

test_fail_private_purpose_without_logs if paths(subnet({"purpose": "PRIVATE"})) == {"log_config"}

test_fail_half_sampling if paths(subnet({"log_config": {"flow_sampling": 0.5, "metadata": "INCLUDE_ALL_METADATA"}})) == {"log_config.flow_sampling"}

test_fail_just_below_one if paths(subnet({"log_config": {"flow_sampling": 0.99, "metadata": "INCLUDE_ALL_METADATA"}})) == {"log_config.flow_sampling"}

test_fail_sampling_missing if paths(subnet({"log_config": {"metadata": "INCLUDE_ALL_METADATA"}})) == {"log_config.flow_sampling"}

test_fail_metadata_excluded if paths(subnet({"log_config": {"flow_sampling": 1, "metadata": "EXCLUDE_ALL_METADATA"}})) == {"log_config.metadata"}

test_fail_metadata_missing if paths(subnet({"log_config": {"flow_sampling": 1}})) == {"log_config.metadata"}

test_fail_unresolved_sampling if {
	doc := subnet({"log_config": {"flow_sampling": "${var.sampling}", "metadata": "INCLUDE_ALL_METADATA"}})
	unverifiable(doc) == {"log_config.flow_sampling"}
	paths(doc) == {"log_config.flow_sampling"}
}

test_fail_auto_mode_default if paths(network({"name": "vpc"})) == {"auto_create_subnetworks"}

test_fail_auto_mode_true if paths(network({"auto_create_subnetworks": true})) == {"auto_create_subnetworks"}

test_fail_message if {
	some f in rule.deny with input as subnet({"log_config": {"flow_sampling": 0.5, "metadata": "INCLUDE_ALL_METADATA"}})
	f.message == "log_config.flow_sampling is 0.5 (the provider default is 0.5); it must be 1.0"
}
