package cordon.rules.enc_5_gcp_customer_key_test

import data.cordon.rules.enc_5_gcp_customer_key as rule

cmek := "projects/acme-kms/locations/europe-west1/keyRings/acme/cryptoKeys/docs"

cmek_staging := "projects/acme-kms-stg/locations/europe-west1/keyRings/acme/cryptoKeys/docs"

acme := {"id": "acme", "tier": "enterprise", "cmek": {"prod": cmek, "staging": cmek_staging}}

crypto_key(level) := {"type": "google_kms_crypto_key", "properties": {"name": "db", "version_template": {"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protection_level": level}}}

stack(tenant, tier, level, store) := stack_in("prod", tenant, tier, level, store)

stack_in(env, tenant, tier, level, store) := {
	"tenant": tenant,
	"stack": {"name": "s", "tier": tier, "environment": env},
	"resources": {"google_kms_crypto_key.db": crypto_key(level), "store": store},
}

sql(key) := {"type": "google_sql_database_instance", "properties": {"encryption_key_name": key}}

bucket(key) := {"type": "google_storage_bucket", "properties": {"encryption": {"default_kms_key_name": key}}}

ref := "${google_kms_crypto_key.db.id}"

found(doc) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as doc}

test_pass_hsm_key if count(found(stack(acme, "enterprise", "HSM", sql(ref)))) == 0

test_pass_external_key if count(found(stack(acme, "enterprise", "EXTERNAL_VPC", sql(ref)))) == 0

test_pass_customer_key if count(found(stack(acme, "enterprise", "SOFTWARE", bucket(cmek)))) == 0

test_pass_not_enterprise if count(found(stack({"id": "n", "tier": "pooled"}, "pooled", "SOFTWARE", sql(ref)))) == 0

test_pass_literal_without_registry if count(found(stack(null, "enterprise", "SOFTWARE", bucket("projects/x/locations/l/keyRings/r/cryptoKeys/k")))) == 0

test_pass_missing_key_is_enc_1s if count(found(stack(acme, "enterprise", "SOFTWARE", {"type": "google_storage_bucket", "properties": {}}))) == 0

test_fail_software_key if found(stack(acme, "enterprise", "SOFTWARE", sql(ref))) == {["encryption_key_name", false]}

test_fail_default_protection_is_software if {
	doc := {"tenant": acme, "stack": {"name": "s", "tier": "enterprise"}, "resources": {"google_kms_crypto_key.db": {"type": "google_kms_crypto_key", "properties": {"name": "db"}}, "store": sql(ref)}}
	found(doc) == {["encryption_key_name", false]}
}

test_fail_software_key_by_tier_label if found(stack(null, "enterprise", "SOFTWARE", sql(ref))) == {["encryption_key_name", false]}

test_fail_other_literal_key if {
	found(stack(acme, "enterprise", "HSM", bucket("projects/acme-kms/locations/europe-west1/keyRings/acme/cryptoKeys/other"))) == {["encryption.default_kms_key_name", false]}
}

test_fail_enterprise_without_cmek_literal if {
	found(stack({"id": "e", "tier": "enterprise"}, "enterprise", "HSM", bucket(cmek))) == {["encryption.default_kms_key_name", false]}
}

test_fail_protection_variable_unverifiable if {
	found(stack(acme, "enterprise", "${var.level}", sql(ref))) == {["encryption_key_name (version_template.protection_level)", true]}
}

test_fail_message if {
	some f in rule.deny with input as stack(acme, "enterprise", "SOFTWARE", sql(ref))
	f.message == "encryption_key_name names google_kms_crypto_key.db, a key with protection level SOFTWARE: an enterprise tenant's data needs its own key (cmek) or an HSM key"
}

test_pass_staging_key_in_staging if count(found(stack_in("staging", acme, "enterprise", "SOFTWARE", bucket(cmek_staging)))) == 0

# Each environment has its own customer key: prod's key in a staging stack is not the customer's key there.
test_fail_prod_key_in_staging if {
	found(stack_in("staging", acme, "enterprise", "SOFTWARE", bucket(cmek))) == {["encryption.default_kms_key_name", false]}
}

test_fail_no_environment_label_fails_closed if {
	some f in rule.deny with input as stack_in(null, acme, "enterprise", "SOFTWARE", bucket(cmek))
	f.message == sprintf("encryption.default_kms_key_name is %s, not the tenant's customer-managed key (none registered: the stack has no environment label)", [cmek])
}

test_fail_message_names_the_environment_without_a_key if {
	some f in rule.deny with input as stack_in("staging", {"id": "e", "tier": "enterprise", "cmek": {"prod": cmek}}, "enterprise", "SOFTWARE", bucket(cmek))
	f.message == sprintf("encryption.default_kms_key_name is %s, not the tenant's customer-managed key (none registered for environment staging)", [cmek])
}

test_pass_pubsub_customer_key if count(found(stack(acme, "enterprise", "SOFTWARE", {"type": "google_pubsub_topic", "properties": {"kms_key_name": cmek}}))) == 0

test_fail_bigtable_software_key if {
	found(stack(acme, "enterprise", "SOFTWARE", {"type": "google_bigtable_instance", "properties": {"cluster": [{"kms_key_name": cmek}, {"kms_key_name": ref}]}})) == {["cluster.kms_key_name", false]}
}

test_fail_bigquery_table_other_literal_key if {
	found(stack(acme, "enterprise", "HSM", {"type": "google_bigquery_table", "properties": {"encryption_configuration": {"kms_key_name": "projects/x/locations/l/keyRings/r/cryptoKeys/k"}}})) == {["encryption_configuration.kms_key_name", false]}
}
