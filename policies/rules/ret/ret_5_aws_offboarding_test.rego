package cordon.rules.ret_5_aws_offboarding_test

import data.cordon.rules.ret_5_aws_offboarding as rule

tenant(status) := {"id": "tyrell", "status": status}

doc(status, resources) := {"tenant": tenant(status), "resources": resources}

findings(status, resources) := {[f.resource, f.path] | some f in rule.deny with input as doc(status, resources)}

# While `cordon deploy` deletes the tenant's stacks.
deleting_doc(resources) := {"tenant": object.union(tenant("offboarded"), {"deleting": true}), "resources": resources}

deleting(resources) := {[f.resource, f.path] | some f in rule.deny with input as deleting_doc(resources)}

key(props, attributes) := {"type": "AWS::KMS::Key", "properties": props, "attributes": attributes}

shredded := key({"Enabled": false}, {"DeletionPolicy": "Delete"})

service := {"type": "AWS::ECS::Service", "properties": {}}

bucket := {"type": "AWS::S3::Bucket", "properties": {}}

test_pass_active_tenant_serves if count(findings("active", {"Svc": service, "B": bucket})) == 0

test_pass_tenant_without_status_is_active if {
	fs := rule.deny with input as {"tenant": {"id": "t"}, "resources": {"Svc": service}}
	count(fs) == 0
}

test_pass_offboarding_keeps_data if count(findings("offboarding", {"B": bucket, "K": key({}, {"DeletionPolicy": "Retain"})})) == 0

test_pass_offboarded_keeps_shredded_keys if {
	count(findings("offboarded", {"K": shredded, "A": {"type": "AWS::KMS::Alias", "properties": {}}})) == 0
}

test_pass_offboarded_string_false if count(findings("offboarded", {"K": key({"Enabled": "False"}, {"DeletionPolicy": "Delete"})})) == 0

test_pass_offboarded_absent_policy_is_delete if count(findings("offboarded", {"K": key({"Enabled": false}, {})})) == 0

test_fail_offboarding_service if findings("offboarding", {"Svc": service, "B": bucket}) == {["Svc", "Type"]}

test_fail_offboarding_load_balancer if {
	findings("offboarding", {"Lb": {"type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "properties": {}}}) == {["Lb", "Type"]}
}

test_pass_offboarded_data_marked_for_deletion_while_deleting if {
	count(deleting({
		"K": shredded,
		"B": {"type": "AWS::S3::Bucket", "properties": {}, "attributes": {"DeletionPolicy": "Delete"}},
		"Db": {"type": "AWS::RDS::DBCluster", "properties": {"DeletionProtection": false}, "attributes": {"DeletionPolicy": "Delete"}},
		"W": {"type": "AWS::RDS::DBInstance", "properties": {"DBClusterIdentifier": {"Ref": "Db"}}},
		"L": {"type": "AWS::Logs::LogGroup", "properties": {}},
	})) == 0
}

test_fail_offboarded_keeps_data if findings("offboarded", {"K": shredded, "B": bucket}) == {["B", "Type"]}

test_fail_offboarded_keeps_deletable_data_when_not_deleting if {
	findings("offboarded", {"B": {"type": "AWS::S3::Bucket", "properties": {}, "attributes": {"DeletionPolicy": "Delete"}}}) == {["B", "Type"]}
}

test_fail_deleting_keeps_data if {
	deleting({"K": shredded, "B": {"type": "AWS::S3::Bucket", "properties": {}, "attributes": {"DeletionPolicy": "Retain"}}}) == {["B", "DeletionPolicy"]}
}

test_fail_deleting_serving_reported_once if deleting({"Svc": service}) == {["Svc", "Type"]}

test_fail_deleting_key_enabled if deleting({"K": key({"Enabled": true}, {"DeletionPolicy": "Delete"})}) == {["K", "Enabled"]}

test_fail_deleting_cluster_snapshot_by_default if {
	deleting({"Db": {"type": "AWS::RDS::DBCluster", "properties": {}}}) == {["Db", "DeletionPolicy"]}
}

test_fail_deleting_standalone_instance_snapshot_by_default if {
	deleting({"Db": {"type": "AWS::RDS::DBInstance", "properties": {}}}) == {["Db", "DeletionPolicy"]}
}

test_fail_deleting_deletion_protection if {
	deleting({"Db": {"type": "AWS::RDS::DBCluster", "properties": {"DeletionProtection": "true"}, "attributes": {"DeletionPolicy": "Delete"}}}) == {["Db", "DeletionProtection"]}
}

test_fail_deleting_dynamodb_deletion_protection if {
	deleting({"T": {"type": "AWS::DynamoDB::Table", "properties": {"DeletionProtectionEnabled": true}}}) == {["T", "DeletionProtectionEnabled"]}
}

test_fail_deleting_unresolved_deletion_protection_is_unverifiable if {
	fs := [f | some f in rule.deny with input as deleting_doc({"Db": {"type": "AWS::RDS::DBCluster", "properties": {"DeletionProtection": {"Ref": "P"}}, "attributes": {"DeletionPolicy": "Delete"}}})]
	[[f.path, f.unverifiable] | some f in fs] == [["DeletionProtection", true]]
}

test_pass_offboarding_keeps_protected_data if {
	count(findings("offboarding", {"Db": {"type": "AWS::RDS::DBCluster", "properties": {"DeletionProtection": true}, "attributes": {"DeletionPolicy": "Snapshot"}}})) == 0
}

test_fail_offboarded_serving_reported_once if findings("offboarded", {"K": shredded, "Cf": {"type": "AWS::CloudFront::Distribution", "properties": {}}}) == {["Cf", "Type"]}

test_fail_offboarded_key_enabled_by_default if findings("offboarded", {"K": key({}, {"DeletionPolicy": "Delete"})}) == {["K", "Enabled"]}

test_fail_offboarded_key_enabled if findings("offboarded", {"K": key({"Enabled": true}, {"DeletionPolicy": "Delete"})}) == {["K", "Enabled"]}

test_fail_offboarded_key_retained if findings("offboarded", {"K": key({"Enabled": false}, {"DeletionPolicy": "Retain"})}) == {["K", "DeletionPolicy"]}

test_fail_unresolved_enabled_is_unverifiable if {
	fs := rule.deny with input as doc("offboarded", {"K": key({"Enabled": {"Ref": "On"}}, {"DeletionPolicy": "Delete"})})
	[f.unverifiable | some f in fs] == [true]
}

test_pass_offboarded_judges_only_aws_resources if count(findings("offboarded", {"K": shredded, "r": {"type": "google_kms_key_ring", "properties": {}}})) == 0

test_fail_offboarded_key_deletion_unknown_unverifiable if {
	fs := [f | some f in rule.deny with input as doc("offboarded", {"K": key({"Enabled": false}, {"DeletionPolicy": "${unknown-after-apply}"})})]
	count(fs) == 1
	fs[0].unverifiable
	fs[0].path == "DeletionPolicy"
}
