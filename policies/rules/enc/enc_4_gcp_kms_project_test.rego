package cordon.rules.enc_4_gcp_kms_project_test

import data.cordon.rules.enc_4_gcp_kms_project as rule

ring(project) := {"type": "google_kms_key_ring", "properties": object.union({"name": "r", "location": "europe-west1"}, project)}

crypto_key := {"type": "google_kms_crypto_key", "properties": {"name": "k", "key_ring": "${google_kms_key_ring.r.id}"}}

stack(ring_project, store_type, store) := {"resources": {
	"google_kms_key_ring.r": ring(ring_project),
	"google_kms_crypto_key.k": crypto_key,
	"store": {"type": store_type, "properties": store},
}}

bucket(project) := object.union({"encryption": {"default_kms_key_name": "${google_kms_crypto_key.k.id}"}}, project)

found(doc) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc}

test_pass_kms_project if count(found(stack({"project": "kms-prd"}, "google_storage_bucket", bucket({"project": "data-prd"})))) == 0

test_pass_literal_key_other_project if {
	doc := {"resources": {"store": {"type": "google_sql_database_instance", "properties": {"project": "data-prd", "encryption_key_name": "projects/kms-prd/locations/l/keyRings/r/cryptoKeys/db"}}}}
	count(found(doc)) == 0
}

test_pass_key_ring_by_name if {
	doc := {"resources": {
		"google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {"key_ring": "projects/kms-prd/locations/l/keyRings/r"}},
		"store": {"type": "google_cloud_run_v2_service", "properties": {"project": "app-prd", "template": {"encryption_key": "${google_kms_crypto_key.k.id}"}}},
	}}
	count(found(doc)) == 0
}

test_fail_ring_in_data_project if {
	found(stack({"project": "data-prd"}, "google_storage_bucket", bucket({"project": "data-prd"}))) == {["project", false]}
}

test_fail_literal_key_in_data_project if {
	doc := {"resources": {"store": {"type": "google_compute_disk", "properties": {"project": "data-prd", "disk_encryption_key": {"kms_key_self_link": "projects/data-prd/locations/l/keyRings/r/cryptoKeys/d"}}}}}
	found(doc) == {["project", false]}
}

test_fail_both_default_project if found(stack({}, "google_storage_bucket", bucket({}))) == {["project", false]}

test_fail_store_project_missing_unverifiable if {
	found(stack({"project": "kms-prd"}, "google_storage_bucket", bucket({}))) == {["project", true]}
}

test_fail_store_project_variable_unverifiable if {
	found(stack({"project": "kms-prd"}, "google_storage_bucket", bucket({"project": "${var.project}"}))) == {["project", true]}
}

test_fail_ring_project_missing_unverifiable if {
	found(stack({}, "google_storage_bucket", bucket({"project": "data-prd"}))) == {["encryption.default_kms_key_name (key ring project)", true]}
}

test_fail_ring_project_variable_unverifiable if {
	found(stack({"project": "${var.kms_project}"}, "google_sql_database_instance", {"project": "data-prd", "encryption_key_name": "${google_kms_crypto_key.k.id}"})) == {["encryption_key_name (key ring project)", true]}
}

test_pass_key_unknown_left_to_enc_1 if {
	count(found({"resources": {"store": {"type": "google_storage_bucket", "properties": {"project": "p", "encryption": {"default_kms_key_name": "${var.k}"}}}}})) == 0
}

key_ref := "${google_kms_crypto_key.k.id}"

test_pass_pubsub_and_bigtable_kms_project if {
	count(found(stack({"project": "kms-prd"}, "google_pubsub_topic", {"project": "data-prd", "kms_key_name": key_ref}))) == 0
	count(found(stack({"project": "kms-prd"}, "google_bigtable_instance", {"project": "data-prd", "cluster": [{"kms_key_name": key_ref}]}))) == 0
}

test_fail_bigquery_dataset_ring_in_data_project if {
	found(stack({"project": "data-prd"}, "google_bigquery_dataset", {"project": "data-prd", "default_encryption_configuration": {"kms_key_name": key_ref}})) == {["project", false]}
}

test_fail_spanner_literal_key_in_data_project if {
	doc := {"resources": {"store": {"type": "google_spanner_database", "properties": {"project": "data-prd", "encryption_config": {"kms_key_names": ["projects/kms-prd/locations/l/keyRings/r/cryptoKeys/a", "projects/data-prd/locations/l/keyRings/r/cryptoKeys/b"]}}}}}
	found(doc) == {["project", false]}
}
