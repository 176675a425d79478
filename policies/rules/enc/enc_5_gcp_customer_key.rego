# METADATA
# title: Enterprise tenants' data is under the customer's key or an HSM key
# description: >-
#   In a stack of an enterprise tenant (registry tier, else the stack's tier labels), every key a
#   data store names must be the customer's own key for the stack's environment (the registry's
#   cmek.prod or cmek.staging: never the other environment's) or a Cloud KMS key whose
#   version_template.protection_level is HSM (or EXTERNAL / EXTERNAL_VPC, keys the customer
#   holds). A SOFTWARE key (the default) or any other key name fails. Without a registry entry a
#   literal key name cannot be told from the customer's and is accepted. A store naming no key is
#   ENC-1's finding; a protection level that is an interpolation is unverifiable.
# custom:
#   id: ENC-5-GCP
#   severity: high
#   level: mandatory
#   controls: [ENC-5]
#   remediation: >-
#     Encrypt the store with the tenant's cmek key for the stack's environment, or with a key whose
#     version_template sets protection_level = "HSM".
#   resource_types: [google_storage_bucket, google_sql_database_instance, google_logging_project_bucket_config, google_artifact_registry_repository, google_cloud_run_v2_service, google_compute_disk, google_compute_region_disk, google_bigquery_dataset, google_bigquery_table, google_spanner_database, google_bigtable_instance, google_pubsub_topic, google_kms_crypto_key]
#   checks:
#     "google_storage_bucket": [encryption.default_kms_key_name]
#     "google_sql_database_instance": [encryption_key_name]
#     "google_logging_project_bucket_config": [cmek_settings.kms_key_name]
#     "google_artifact_registry_repository": [kms_key_name]
#     "google_cloud_run_v2_service": [template.encryption_key]
#     "google_compute_disk": [disk_encryption_key.kms_key_self_link]
#     "google_compute_region_disk": [disk_encryption_key.kms_key_self_link]
#     "google_bigquery_dataset": [default_encryption_configuration.kms_key_name]
#     "google_bigquery_table": [encryption_configuration.kms_key_name]
#     "google_spanner_database": [encryption_config.kms_key_name, encryption_config.kms_key_names]
#     "google_bigtable_instance": [cluster.kms_key_name]
#     "google_pubsub_topic": [kms_key_name]
#     "google_kms_crypto_key": [version_template.protection_level]
package cordon.rules.enc_5_gcp_customer_key

import data.cordon.lib
import data.cordon.lib.enc

customer_levels := {"HSM", "EXTERNAL", "EXTERNAL_VPC"}

deny contains lib.finding(addr, ref.path, msg) if {
	some [addr, ref, "software"] in flagged
	msg := sprintf("%s names %s, a key with protection level %s: an enterprise tenant's data needs its own key (cmek) or an HSM key", [ref.path, lib.ref_address(ref.value), protection(lib.ref_address(ref.value))])
}

deny contains lib.finding(addr, ref.path, msg) if {
	some [addr, ref, "other"] in flagged
	msg := sprintf("%s is %s, not the tenant's customer-managed key %s", [ref.path, ref.value, enc.cmek_shown])
}

deny contains lib.unverifiable(addr, sprintf("%s (version_template.protection_level)", [ref.path]), level) if {
	some [addr, ref, "unverifiable"] in flagged
	level := protection(lib.ref_address(ref.value))
}

# [address, key reference, verdict] of every key use that is not ok, each verdict worked out once
# (a function is evaluated anew at every call; the ok uses, nearly all of them, are not kept).
flagged contains [addr, ref, v] if {
	enc.enterprise
	some addr, refs in enc.stack_key_refs
	r := input.resources[addr]
	startswith(r.type, "google_")
	some ref in refs
	v := verdict(ref.value)
	v != "ok"
}

verdict(v) := "ok" if {
	is_string(v)
	v == enc.cmek_key
} else := "ok" if {
	enc.enc_literal(v)
	not enc.registered
} else := "other" if {
	enc.enc_literal(v)
} else := "ok" if {
	protection(lib.ref_address(v)) in customer_levels
} else := "unverifiable" if {
	lib.unresolved(protection(lib.ref_address(v)))
} else := "software" if {
	input.resources[lib.ref_address(v)].type == "google_kms_crypto_key"
}

# A crypto key's protection level; SOFTWARE when no version_template says otherwise.
protection(k) := level if {
	input.resources[k].type == "google_kms_crypto_key"
	levels := [b.protection_level | some b in lib.blocks(object.get(input.resources[k].properties, "version_template", [])); lib.has(b, "protection_level")]
	level := first(levels, "SOFTWARE")
}

first(xs, _) := xs[0] if count(xs) > 0

first(xs, default_value) := default_value if count(xs) == 0
