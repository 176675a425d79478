# METADATA
# title: An offboarding GCP tenant is unreachable, and an offboarded one keeps only an empty key ring
# description: >-
#   In the stacks of a tenant whose registry status is offboarding (its soft-delete window) or
#   offboarded, nothing may serve or reach its data: no Cloud Run service, Cloud Function, Compute
#   instance or instance group, GKE cluster, backend service, forwarding rule, URL map, target proxy
#   or service account. Once offboarded, only its key ring remains (key rings cannot be deleted), with
#   no crypto key in it: a crypto key left out of the configuration has every version destroyed by
#   Terraform, after the key's scheduled-destruction window — crypto-shredding.
# custom:
#   id: RET-5-GCP
#   severity: high
#   level: mandatory
#   controls: [RET-5]
#   remediation: >-
#     Synthesize the tenant through the registry: an offboarding tenant's stack keeps only its keys,
#     data, network and audit sink; an offboarded tenant's only its key ring, built by TenantKeyRing
#     with shredded true.
#   resource_types: ["google_kms_key_ring", "google_kms_crypto_key", "google_cloud_run_v2_service", "google_compute_backend_service"]
#   checks: {}
package cordon.rules.ret_5_gcp_offboarding

import data.cordon.lib

serving_types := {
	"google_cloud_run_v2_service", "google_cloud_run_service", "google_cloudfunctions2_function",
	"google_cloudfunctions_function", "google_compute_instance", "google_compute_instance_group_manager",
	"google_compute_region_instance_group_manager", "google_container_cluster",
	"google_compute_backend_service", "google_compute_region_backend_service",
	"google_compute_global_forwarding_rule", "google_compute_forwarding_rule", "google_compute_url_map",
	"google_compute_target_https_proxy", "google_compute_target_http_proxy", "google_service_account",
}

deny contains lib.finding(addr, "type", msg) if {
	lib.leaving(input.tenant)
	some addr, r in input.resources
	r.type in serving_types
	msg := sprintf("%s can serve or reach tenant %s, which is %s: an offboarding tenant keeps no compute, ingress or workload identity", [r.type, input.tenant.id, input.tenant.status])
}

deny contains lib.finding(addr, "type", msg) if {
	lib.offboarded(input.tenant)
	some addr, r in input.resources
	startswith(r.type, "google_")
	r.type != "google_kms_key_ring"
	not r.type in serving_types
	msg := sprintf("%s remains after tenant %s was offboarded: only its key ring stays, without keys, so Terraform destroys every key version", [r.type, input.tenant.id])
}
