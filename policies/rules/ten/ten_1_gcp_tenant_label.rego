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
#   checks:
#     "google_alloydb_cluster": [labels.tenant]
#     "google_artifact_registry_repository": [labels.tenant]
#     "google_bigquery_dataset": [labels.tenant]
#     "google_bigquery_table": [labels.tenant]
#     "google_cloud_run_v2_job": [labels.tenant]
#     "google_cloud_run_v2_service": [labels.tenant]
#     "google_cloudfunctions2_function": [labels.tenant]
#     "google_cloudfunctions_function": [labels.tenant]
#     "google_compute_address": [labels.tenant]
#     "google_compute_disk": [labels.tenant]
#     "google_compute_forwarding_rule": [labels.tenant]
#     "google_compute_global_address": [labels.tenant]
#     "google_compute_global_forwarding_rule": [labels.tenant]
#     "google_compute_instance": [labels.tenant]
#     "google_compute_instance_template": [labels.tenant]
#     "google_compute_snapshot": [labels.tenant]
#     "google_container_cluster": [resource_labels.tenant]
#     "google_dataproc_cluster": [labels.tenant]
#     "google_dns_managed_zone": [labels.tenant]
#     "google_filestore_instance": [labels.tenant]
#     "google_kms_crypto_key": [labels.tenant]
#     "google_memcache_instance": [labels.tenant]
#     "google_pubsub_subscription": [labels.tenant]
#     "google_pubsub_topic": [labels.tenant]
#     "google_redis_instance": [labels.tenant]
#     "google_secret_manager_secret": [labels.tenant]
#     "google_spanner_instance": [labels.tenant]
#     "google_sql_database_instance": [settings.user_labels.tenant]
#     "google_storage_bucket": [labels.tenant]
#     "google_workflows_workflow": [labels.tenant]
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
