package cordon.rules.net_4_gcp_public_data_test

import data.cordon.rules.net_4_gcp_public_data as rule

res(type, props) := {"resources": {"x.r": {"type": type, "properties": props}}}

found(type, props) := {f.path | some f in rule.deny with input as res(type, props)}

unverifiable(type, props) := {f.path | some f in rule.deny with input as res(type, props); f.unverifiable}

bucket := "google_storage_bucket"

sql := "google_sql_database_instance"

test_pass_enforced if count(found(bucket, {"public_access_prevention": "enforced"})) == 0

test_fail_inherited if found(bucket, {"public_access_prevention": "inherited"}) == {"public_access_prevention"}

test_fail_prevention_missing if found(bucket, {"name": "b"}) == {"public_access_prevention"}

test_fail_prevention_unresolved if unverifiable(bucket, {"public_access_prevention": "${var.pap}"}) == {"public_access_prevention"}

test_pass_service_account_member if count(found("google_storage_bucket_iam_member", {"member": "serviceAccount:a@p.iam.gserviceaccount.com", "role": "roles/storage.objectViewer"})) == 0

test_fail_all_users_member if found("google_storage_bucket_iam_member", {"member": "allUsers", "role": "roles/storage.objectViewer"}) == {"member"}

test_fail_all_authenticated_binding if {
	found("google_storage_bucket_iam_binding", {"members": ["group:g@x.com", "allAuthenticatedUsers"], "role": "roles/storage.objectViewer"}) == {"members"}
}

test_fail_policy_data_literal if {
	policy := json.marshal({"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]})
	found("google_storage_bucket_iam_policy", {"policy_data": policy}) == {"policy_data"}
}

test_pass_policy_data_literal_private if {
	policy := json.marshal({"bindings": [{"role": "roles/storage.objectViewer", "members": ["group:g@x.com"]}]})
	count(found("google_storage_bucket_iam_policy", {"policy_data": policy})) == 0
}

test_fail_policy_data_unresolved if {
	unverifiable("google_storage_bucket_iam_policy", {"policy_data": "${data.google_iam_policy.p.policy_data}"}) == {"policy_data"}
}

test_fail_acl_all_users if found("google_storage_bucket_acl", {"role_entity": ["OWNER:user-a@x.com", "READER:allUsers"]}) == {"role_entity"}

test_fail_default_object_acl if found("google_storage_default_object_access_control", {"entity": "allUsers", "role": "READER"}) == {"entity"}

test_pass_private_sql if count(found(sql, {"settings": {"ip_configuration": {"ipv4_enabled": false, "private_network": "${google_compute_network.n.id}"}}})) == 0

test_pass_private_sql_lists if count(found(sql, {"settings": [{"ip_configuration": [{"ipv4_enabled": "false"}]}]})) == 0

test_fail_public_ip if found(sql, {"settings": {"ip_configuration": {"ipv4_enabled": true}}}) == {"settings.ip_configuration.ipv4_enabled"}

test_fail_ip_configuration_missing if found(sql, {"settings": {"tier": "db-f1-micro"}}) == {"settings.ip_configuration.ipv4_enabled"}

test_fail_settings_missing if found(sql, {"database_version": "POSTGRES_16"}) == {"settings.ip_configuration.ipv4_enabled"}

test_fail_ipv4_unresolved if {
	unverifiable(sql, {"settings": {"ip_configuration": {"ipv4_enabled": "${var.public}"}}}) == {"settings.ip_configuration.ipv4_enabled"}
}
