# METADATA
# title: Cloud KMS key rings live in a KMS project, never in the data's project
# description: >-
#   A data store (bucket, Cloud SQL instance, log bucket, Artifact Registry repository, Cloud Run
#   service, disk, BigQuery dataset or table, Spanner database, Bigtable instance, Pub/Sub topic) must be encrypted with a key whose key ring sits in another project than the
#   store: the environment's KMS project, where the data's administrators hold no KMS roles. The
#   key's project comes from its key ring (declared in the stack, or a key ring / key name
#   projects/P/...). Both projects left to the provider default means the same project. A project
#   that only the provider configuration or an interpolation knows is reported as unverifiable.
# custom:
#   id: ENC-4-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-4]
#   remediation: Create the key ring in the environment's KMS project (project = "<kms project>") and keep data in its own project.
#   resource_types: [google_storage_bucket, google_sql_database_instance, google_logging_project_bucket_config, google_artifact_registry_repository, google_cloud_run_v2_service, google_compute_disk, google_compute_region_disk, google_bigquery_dataset, google_bigquery_table, google_spanner_database, google_bigtable_instance, google_pubsub_topic, google_kms_crypto_key, google_kms_key_ring]
#   checks:
#     "google_storage_bucket": [encryption.default_kms_key_name, project]
#     "google_sql_database_instance": [encryption_key_name, project]
#     "google_logging_project_bucket_config": [cmek_settings.kms_key_name, project]
#     "google_artifact_registry_repository": [kms_key_name, project]
#     "google_cloud_run_v2_service": [template.encryption_key, project]
#     "google_compute_disk": [disk_encryption_key.kms_key_self_link, project]
#     "google_compute_region_disk": [disk_encryption_key.kms_key_self_link, project]
#     "google_bigquery_dataset": [default_encryption_configuration.kms_key_name, project]
#     "google_bigquery_table": [encryption_configuration.kms_key_name, project]
#     "google_spanner_database": [encryption_config.kms_key_name, encryption_config.kms_key_names, project]
#     "google_bigtable_instance": [cluster.kms_key_name, project]
#     "google_pubsub_topic": [kms_key_name, project]
#     "google_kms_crypto_key": [key_ring]
#     "google_kms_key_ring": [project]
package cordon.rules.enc_4_gcp_kms_project

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "project", msg) if {
	some [addr, ref, key_project, data_project] in suspect
	key_project.known
	data_project.known
	msg := sprintf("the key in %s sits in project %s, the project of the data itself: key rings belong in the KMS project", [ref, key_project.value])
}

deny contains lib.finding(addr, "project", msg) if {
	some [addr, ref, key_project, data_project] in suspect
	both_missing(key_project, data_project)
	msg := sprintf("neither the store nor the key ring of the key in %s names a project: both land in the provider's project", [ref])
}

deny contains lib.unverifiable(addr, "project", data_project.raw) if {
	some [addr, _, key_project, data_project] in suspect
	not data_project.known
	not both_missing(key_project, data_project)
}

deny contains lib.unverifiable(addr, sprintf("%s (key ring project)", [ref]), key_project.raw) if {
	some [addr, ref, key_project, data_project] in suspect
	data_project.known
	not key_project.known
}

both_missing(a, b) if {
	a.missing
	b.missing
}

# [address, key path, project of the key's ring, project of the store] of every GCP store's key use
# the rule can locate, except those verifiably apart (nearly all): each worked out once, the rest
# not kept (a function is evaluated anew at every call; a set per use grew with the estate).
suspect contains [addr, ref.path, ring, store] if {
	some addr, refs in enc.stack_key_refs
	r := input.resources[addr]
	startswith(r.type, "google_")
	some ref in refs
	not literally_apart(ref.value, r.properties)
	ring := key_project(ref.value)
	store := project_of(r.properties)
	not apart(ring, store)
}

apart(key_project, data_project) if {
	key_project.known
	data_project.known
	key_project.value != data_project.value
}

# The common case, decided without building the verdicts: a literal key name in another project
# than the store's literal one.
literally_apart(key, props) if {
	present(props)
	not lib.unresolved(props.project)
	enc.key_name_project(key) != props.project
}

# A literal key name carries its project.
key_project(v) := known(p) if p := enc.key_name_project(v)

# A reference to a declared crypto key: the project of its key ring.
key_project(v) := ring_project(input.resources[k].properties.key_ring) if {
	k := lib.ref_address(v)
	input.resources[k].type == "google_kms_crypto_key"
}

ring_project(ring) := known(p) if p := enc.key_name_project(ring)

ring_project(ring) := project_of(input.resources[a].properties) if {
	a := lib.ref_address(ring)
	input.resources[a].type == "google_kms_key_ring"
}

known(p) := {"known": true, "missing": false, "value": p, "raw": p}

project_of(p) := known(p.project) if {
	is_string(p.project)
	not lib.unresolved(p.project)
	trim_space(p.project) != ""
}

project_of(p) := {"known": false, "missing": false, "raw": p.project} if lib.unresolved(p.project)

project_of(p) := {"known": false, "missing": true, "raw": null} if not present(p)

present(p) if {
	is_string(p.project)
	trim_space(p.project) != ""
}
