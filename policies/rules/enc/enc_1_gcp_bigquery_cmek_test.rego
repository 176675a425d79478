package cordon.rules.enc_1_gcp_bigquery_cmek_test

import data.cordon.rules.enc_1_gcp_bigquery_cmek as rule

key := "projects/kms/locations/europe-west1/keyRings/acme/cryptoKeys/warehouse"

cmek_dataset := {"type": "google_bigquery_dataset", "properties": {"dataset_id": "extractions", "default_encryption_configuration": {"kms_key_name": "${google_kms_crypto_key.k.id}"}}}

doc(resources) := {"resources": object.union({"google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}}}, resources)}

found(resources) := {[f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc(resources)}

table(props) := {"type": "google_bigquery_table", "properties": props}

dp := "default_encryption_configuration.kms_key_name"

tp := "encryption_configuration.kms_key_name"

test_pass_dataset_reference if count(found({"google_bigquery_dataset.d": cmek_dataset})) == 0

test_pass_dataset_literal_list_block if {
	count(found({"google_bigquery_dataset.d": {"type": "google_bigquery_dataset", "properties": {"dataset_id": "x", "default_encryption_configuration": [{"kms_key_name": key}]}}})) == 0
}

test_pass_table_inherits_declared_dataset_by_reference if {
	count(found({"google_bigquery_dataset.d": cmek_dataset, "google_bigquery_table.t": table({"dataset_id": "${google_bigquery_dataset.d.dataset_id}", "table_id": "fields"})})) == 0
}

test_pass_table_inherits_declared_dataset_by_name if {
	count(found({"google_bigquery_dataset.d": cmek_dataset, "google_bigquery_table.t": table({"dataset_id": "extractions", "table_id": "fields"})})) == 0
}

test_pass_table_own_key_in_foreign_dataset if {
	count(found({"google_bigquery_table.t": table({"dataset_id": "elsewhere", "encryption_configuration": {"kms_key_name": key}})})) == 0
}

test_fail_dataset_without_key if {
	found({"google_bigquery_dataset.d": {"type": "google_bigquery_dataset", "properties": {"dataset_id": "x"}}}) == {["google_bigquery_dataset.d", dp, false]}
}

test_fail_dataset_key_ring_not_key if {
	found({"google_bigquery_dataset.d": {"type": "google_bigquery_dataset", "properties": {"dataset_id": "x", "default_encryption_configuration": {"kms_key_name": "projects/kms/locations/eu/keyRings/acme"}}}}) == {["google_bigquery_dataset.d", dp, false]}
}

test_fail_dataset_variable_unverifiable if {
	found({"google_bigquery_dataset.d": {"type": "google_bigquery_dataset", "properties": {"dataset_id": "x", "default_encryption_configuration": {"kms_key_name": "${var.key}"}}}}) == {["google_bigquery_dataset.d", dp, true]}
}

# One fault, one finding: the table in a declared dataset without a key is the dataset's finding.
test_fail_declared_dataset_without_key_reported_once if {
	found({"google_bigquery_dataset.d": {"type": "google_bigquery_dataset", "properties": {"dataset_id": "x"}}, "google_bigquery_table.t": table({"dataset_id": "${google_bigquery_dataset.d.dataset_id}"})}) == {["google_bigquery_dataset.d", dp, false]}
}

test_fail_table_empty_key if {
	found({"google_bigquery_table.t": table({"dataset_id": "elsewhere", "encryption_configuration": {"kms_key_name": ""}})}) == {["google_bigquery_table.t", tp, false]}
}

test_fail_table_without_key_in_undeclared_dataset_unverifiable if {
	found({"google_bigquery_table.t": table({"dataset_id": "elsewhere"})}) == {["google_bigquery_table.t", tp, true]}
}

test_fail_table_without_key_or_dataset if found({"google_bigquery_table.t": table({"table_id": "x"})}) == {["google_bigquery_table.t", tp, false]}
