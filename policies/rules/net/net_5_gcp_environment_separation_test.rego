package cordon.rules.net_5_gcp_environment_separation_test

import data.cordon.rules.net_5_gcp_environment_separation as rule

stack(env, resources) := {"stack": {"name": env, "environment": env}, "resources": resources}

res(type, props) := {"type": type, "properties": props}

prod := stack("prod", {
	"google_compute_network.n": res("google_compute_network", {"project": "net-prd", "name": "vpc"}),
	"google_compute_subnetwork.s": res("google_compute_subnetwork", {"project": "net-prd", "name": "app"}),
	"google_kms_key_ring.r": res("google_kms_key_ring", {"project": "kms-prd", "name": "r"}),
	"google_storage_bucket.b": res("google_storage_bucket", {"project": "app-prd", "encryption": {"default_kms_key_name": "projects/kms-prd/locations/eu/keyRings/r/cryptoKeys/k"}}),
})

staging(extra) := stack("staging", object.union(
	{
		"google_compute_network.n": res("google_compute_network", {"project": "net-stg", "name": "vpc"}),
		"google_storage_bucket.b": res("google_storage_bucket", {"project": "app-stg"}),
	},
	extra,
))

found(stg) := {[f.stack, f.resource, f.path] | some f in rule.deny_estate with input as {"stacks": {"prod": prod, "staging": stg}, "tenants": {}}}

test_pass_separate_projects if count(found(staging({}))) == 0

test_fail_shared_project_reported_on_both_sides_when_even if {
	found(staging({"google_storage_bucket.x": res("google_storage_bucket", {"project": "app-prd"})})) == {["staging", "google_storage_bucket.x", "project"], ["prod", "google_storage_bucket.b", "project"]}
}

test_fail_staging_resource_in_prod_project_reported_on_the_fewer_side if {
	found(staging({"google_compute_subnetwork.x": res("google_compute_subnetwork", {"project": "net-stg"}), "google_kms_key_ring.x": res("google_kms_key_ring", {"project": "net-prd"})})) == {["staging", "google_kms_key_ring.x", "project"]}
}

test_fail_staging_key_from_prod_kms_project if {
	extra := {"google_sql_database_instance.d": res("google_sql_database_instance", {"project": "app-stg", "encryption_key_name": "projects/kms-prd/locations/eu/keyRings/r/cryptoKeys/db"})}
	found(staging(extra)) == {["staging", "google_sql_database_instance.d", "encryption_key_name"]}
}

test_fail_staging_attached_to_prod_host if {
	extra := {"google_compute_shared_vpc_service_project.a": res("google_compute_shared_vpc_service_project", {"host_project": "net-prd", "service_project": "app-stg"})}
	found(staging(extra)) == {["staging", "google_compute_shared_vpc_service_project.a", "host_project"]}
}

test_fail_staging_network_self_link_in_prod if {
	extra := {"google_cloud_run_v2_service.s": res("google_cloud_run_v2_service", {"project": "app-stg", "template": {"vpc_access": {"network_interfaces": [{"network": "projects/net-prd/global/networks/vpc"}]}}})}
	found(staging(extra)) == {["staging", "google_cloud_run_v2_service.s", "template.vpc_access.network_interfaces[0].network"]}
}

test_pass_project_unknown_to_the_estate if {
	extra := {"google_storage_bucket.c": res("google_storage_bucket", {"project": "app-stg", "encryption": {"default_kms_key_name": "projects/customer-kms/locations/eu/keyRings/r/cryptoKeys/k"}})}
	count(found(staging(extra))) == 0
}
