# METADATA
# title: GCP resources of a tenant stack carry that tenant's label
# description: >-
#   In a stack holding a tenant's resources (one resource names a tenant, or the stack's tier label
#   is pooled, dedicated or enterprise), every resource of a labelled type listed here must carry a
#   `tenant` label equal to the stack's tenant: the tenant most of its resources name. Cloud SQL keeps
#   its labels in settings.user_labels, GKE in resource_labels. A missing label, another tenant's
#   label, or a stack split evenly between two tenants fails; an interpolated label is unverifiable.
#   Types that take no labels (IAM members, firewalls, networks, key rings) are exempt.
# custom:
#   id: TEN-1-GCP
#   severity: medium
#   level: mandatory
#   controls: [TEN-1]
#   remediation: >-
#     Label every resource of the stack with tenant = "<tenant id>" (settings.user_labels on Cloud
#     SQL), and move resources of another tenant into that tenant's own stack.
#   resource_types:
#     - google_alloydb_cluster
#     - google_artifact_registry_repository
#     - google_bigquery_dataset
#     - google_bigquery_table
#     - google_cloud_run_v2_job
#     - google_cloud_run_v2_service
#     - google_cloudfunctions2_function
#     - google_cloudfunctions_function
#     - google_compute_address
#     - google_compute_disk
#     - google_compute_forwarding_rule
#     - google_compute_global_address
#     - google_compute_global_forwarding_rule
#     - google_compute_instance
#     - google_compute_instance_template
#     - google_compute_snapshot
#     - google_container_cluster
#     - google_dataproc_cluster
#     - google_dns_managed_zone
#     - google_filestore_instance
#     - google_kms_crypto_key
#     - google_memcache_instance
#     - google_pubsub_subscription
#     - google_pubsub_topic
#     - google_redis_instance
#     - google_secret_manager_secret
#     - google_spanner_instance
#     - google_sql_database_instance
#     - google_storage_bucket
#     - google_workflows_workflow
package cordon.rules.ten_1_gcp_tenant_label

import data.cordon.lib
import data.cordon.lib.ten

# Every type here takes labels; kept equal to resource_types above.
labelled := {
	"google_alloydb_cluster", "google_artifact_registry_repository", "google_bigquery_dataset",
	"google_bigquery_table", "google_cloud_run_v2_job", "google_cloud_run_v2_service",
	"google_cloudfunctions2_function", "google_cloudfunctions_function", "google_compute_address",
	"google_compute_disk", "google_compute_forwarding_rule", "google_compute_global_address",
	"google_compute_global_forwarding_rule", "google_compute_instance", "google_compute_instance_template",
	"google_compute_snapshot", "google_container_cluster", "google_dataproc_cluster",
	"google_dns_managed_zone", "google_filestore_instance", "google_kms_crypto_key",
	"google_memcache_instance", "google_pubsub_subscription", "google_pubsub_topic",
	"google_redis_instance", "google_secret_manager_secret", "google_spanner_instance",
	"google_sql_database_instance", "google_storage_bucket", "google_workflows_workflow",
}

deny contains f if {
	ten.tenant_stack
	some addr, r in lib.resources_in(labelled)
	f := verdict(addr, r)
}

label_path(r) := "settings.user_labels.tenant" if r.type == "google_sql_database_instance"

label_path(r) := "resource_labels.tenant" if r.type == "google_container_cluster"

label_path(r) := "labels.tenant" if not r.type in {"google_sql_database_instance", "google_container_cluster"}

# No tenant label at all.
verdict(addr, r) := lib.finding(addr, label_path(r), msg) if {
	not ten.raw_tenant(r)
	msg := sprintf("no tenant label: every resource of %s's stack must be labelled tenant = %s", [owner_name, owner_name])
}

# A tenant label known only at apply time.
verdict(addr, r) := lib.unverifiable(addr, label_path(r), v) if {
	v := ten.raw_tenant(r)
	not ten.tenant_label(r)
}

# Another tenant's label.
verdict(addr, r) := lib.finding(addr, label_path(r), msg) if {
	v := ten.tenant_label(r)
	v != ten.owner
	msg := sprintf("labelled tenant = %s in a stack of tenant %s", [v, ten.owner])
}

# Two tenants tie: the stack cannot be attributed to either.
verdict(addr, r) := lib.finding(addr, label_path(r), msg) if {
	v := ten.tenant_label(r)
	not ten.owner
	msg := sprintf("labelled tenant = %s in a stack that mixes tenants (%s) in equal numbers", [v, ten.tenants_text])
}

owner_name := ten.owner

owner_name := "its tenant" if not ten.owner
