# METADATA
# title: BigQuery datasets and tables are encrypted with a customer-managed KMS key
# description: >-
#   A google_bigquery_dataset must name a Cloud KMS key in
#   default_encryption_configuration.kms_key_name, the key of every table created in it that names
#   none. A google_bigquery_table must name one in encryption_configuration.kms_key_name, or belong to
#   a dataset declared in the input (dataset_id a reference to it, or its literal dataset_id), whose
#   default the dataset's own finding judges. A table without a key whose dataset is not declared
#   here is unverifiable: its default key cannot be seen. Without a key BigQuery uses a
#   Google-managed one. An interpolation of anything but a google_kms_crypto_key is unverifiable.
# custom:
#   id: ENC-1-GCP-BIGQUERY
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: >-
#     Add default_encryption_configuration { kms_key_name = <the tenant's google_kms_crypto_key> } to
#     the dataset (and encryption_configuration to tables of datasets declared elsewhere).
#   resource_types: [google_bigquery_dataset, google_bigquery_table]
#   checks:
#     "google_bigquery_dataset": [default_encryption_configuration.kms_key_name, dataset_id]
#     "google_bigquery_table": [encryption_configuration.kms_key_name, dataset_id]
package cordon.rules.enc_1_gcp_bigquery_cmek

import data.cordon.lib
import data.cordon.lib.enc

dataset_path := "default_encryption_configuration.kms_key_name"

table_path := "encryption_configuration.kms_key_name"

deny contains f if {
	some addr, r in lib.resources_of("google_bigquery_dataset")
	keys := [enc.prop(b, "kms_key_name") | some b in lib.blocks(r.properties.default_encryption_configuration)]
	some f in enc.gcp_key_findings(addr, dataset_path, keys, "no default_encryption_configuration.kms_key_name naming a Cloud KMS key: the dataset's tables are under a Google-managed key")
}

deny contains f if {
	some addr, r in lib.resources_of("google_bigquery_table")
	keys := table_keys(r.properties)
	count(keys) > 0
	some f in enc.gcp_key_findings(addr, table_path, keys, "encryption_configuration names no Cloud KMS key: the table is under a Google-managed key")
}

# A table naming no key takes its dataset's default: judged on the dataset when it is declared here.
deny contains lib.finding(addr, table_path, msg) if {
	some addr, r in lib.resources_of("google_bigquery_table")
	count(table_keys(r.properties)) == 0
	not lib.has(r.properties, "dataset_id")
	msg := "the table names neither a key (encryption_configuration.kms_key_name) nor a dataset"
}

deny contains f if {
	some addr, r in lib.resources_of("google_bigquery_table")
	count(table_keys(r.properties)) == 0
	v := r.properties.dataset_id
	not declared_dataset(v)
	f := object.union(
		lib.unverifiable(addr, table_path, v),
		{"message": sprintf("the table names no key and its dataset %s is not declared here: the default key it inherits cannot be verified", [json.marshal(v)])},
	)
}

table_keys(p) := [enc.prop(b, "kms_key_name") | some b in lib.blocks(p.encryption_configuration)]

declared_dataset(v) if lib.ref_type(v) == "google_bigquery_dataset"

declared_dataset(v) if {
	is_string(v)
	some d in lib.resources_of("google_bigquery_dataset")
	d.properties.dataset_id == v
}
