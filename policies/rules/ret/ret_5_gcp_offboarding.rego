# METADATA
# title: An offboarding GCP tenant is unreachable, and an offboarded one keeps only an empty key ring
# description: >-
#   In the stacks of a tenant whose registry status is offboarding (its soft-delete window) or
#   offboarded, nothing may serve or reach its data: no Cloud Run service, Cloud Function, Compute
#   instance or instance group, GKE cluster, backend service, forwarding rule, URL map, target proxy
#   or service account. Once offboarded, only its key ring remains (key rings cannot be deleted), with
#   no crypto key in it: a crypto key left out of the configuration has every version destroyed by
#   Terraform, after the key's scheduled-destruction window — crypto-shredding. While `cordon deploy`
#   deletes an offboarded tenant's data (the gate's input marks the tenant `deleting`), the stack it
#   applies first to the tombstone's state may hold that data, but nothing in it protected from
#   deletion: each Cloud SQL instance with deletion_protection and settings.deletion_protection_enabled
#   false, each bucket with force_destroy (the provider reads both from state when it destroys).
# custom:
#   id: RET-5-GCP
#   severity: high
#   level: mandatory
#   controls: [RET-5]
#   remediation: >-
#     Synthesize the tenant through the registry: an offboarding tenant's stack keeps only its keys,
#     data, network and audit sink; an offboarded tenant's only its key ring, built by TenantKeyRing
#     with shredded true; while the deploy deletes its data, GcpTenantStack forDeletion.
#   resource_types: ["google_kms_key_ring", "google_kms_crypto_key", "google_sql_database_instance", "google_storage_bucket", "google_cloud_run_v2_service", "google_compute_backend_service"]
#   checks:
#     "google_sql_database_instance": [deletion_protection, settings.deletion_protection_enabled]
#     "google_storage_bucket": [force_destroy]
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
	not lib.deleting(input.tenant)
	some addr, r in input.resources
	startswith(r.type, "google_")
	r.type != "google_kms_key_ring"
	not r.type in serving_types
	msg := sprintf("%s remains after tenant %s was offboarded: only its key ring stays, without keys, so Terraform destroys every key version", [r.type, input.tenant.id])
}

deny contains lib.finding(addr, p, msg) if {
	some addr, r in deleted("google_sql_database_instance")
	some [p, v] in sql_protection(r)
	v != false
	not lib.unresolved(v)
	msg := sprintf("%s is %v: the tombstone of offboarded tenant %s cannot destroy this Cloud SQL instance (the provider refuses while its state says so)", [p, v, input.tenant.id])
}

deny contains lib.unverifiable(addr, p, v) if {
	some addr, r in deleted("google_sql_database_instance")
	some [p, v] in sql_protection(r)
	lib.unresolved(v)
}

deny contains lib.finding(addr, "force_destroy", msg) if {
	some addr, r in deleted("google_storage_bucket")
	v := object.get(r.properties, "force_destroy", false)
	v != true
	not lib.unresolved(v)
	msg := sprintf("force_destroy is %v: the tombstone of offboarded tenant %s cannot destroy this bucket while it holds objects", [v, input.tenant.id])
}

deny contains lib.unverifiable(addr, "force_destroy", r.properties.force_destroy) if {
	some addr, r in deleted("google_storage_bucket")
	lib.unresolved(r.properties.force_destroy)
}

# The resources of `type` in a stack the deploy applies to delete an offboarded tenant's data.
deleted(type) := {addr: r |
	lib.deleting(input.tenant)
	some addr, r in input.resources
	r.type == type
}

# A Cloud SQL instance's two guards, as [path, value]; absent, each has the provider's default.
sql_protection(r) := array.concat(
	[["deletion_protection", object.get(r.properties, "deletion_protection", true)]],
	[["settings.deletion_protection_enabled", object.get(s, "deletion_protection_enabled", false)] | some s in lib.blocks(object.get(r.properties, "settings", []))],
)
