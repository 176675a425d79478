# METADATA
# title: GCP PHI tenants are enterprise, under a BAA, and deployed as enterprise
# description: >-
#   In a stack of a registered tenant whose registry entry says phi true, the tenant must be on the
#   enterprise tier with baa true (else every data resource of the stack is reported), and every
#   data resource listed here must carry the label tier = enterprise: a PHI tenant's resource
#   deployed as pooled or dedicated (shared cell, no HSM or customer key) fails, and so does one
#   without a tier label. An interpolated or intrinsic tier is unverifiable.
# custom:
#   id: TEN-4-GCP
#   severity: critical
#   level: mandatory
#   controls: [TEN-4]
#   remediation: >-
#     Sign the BAA and move the tenant to the enterprise tier in the registry (infra/tenants), then
#     redeploy it as an enterprise tenant: its own network, HSM-protected or customer keys.
#   resource_types: [google_storage_bucket, google_sql_database_instance, google_kms_crypto_key, google_bigquery_dataset, google_cloud_run_v2_service]
#   checks:
#     "google_storage_bucket": [labels.tier]
#     "google_sql_database_instance": [settings.user_labels.tier]
#     "google_kms_crypto_key": [labels.tier]
#     "google_bigquery_dataset": [labels.tier]
#     "google_cloud_run_v2_service": [labels.tier]
package cordon.rules.ten_4_gcp_phi_tier

import data.cordon.lib
import data.cordon.lib.ten

data_types := {"google_storage_bucket", "google_sql_database_instance", "google_kms_crypto_key", "google_bigquery_dataset", "google_cloud_run_v2_service"}

deny contains lib.finding(addr, "tenant", msg) if {
	problems := ten.phi_contract_problems
	count(problems) > 0
	some addr, r in lib.resources_in(data_types)
	msg := sprintf("tenant %s holds PHI but %s", [input.tenant.id, concat("; ", sort(problems))])
}

deny contains f if {
	input.tenant.phi == true
	some addr, r in lib.resources_in(data_types)
	f := tier_verdict(addr, r)
}

tier_verdict(addr, r) := lib.finding(addr, tier_path(r), msg) if {
	not ten.raw_label(r, "tier")
	msg := sprintf("no tier label: a resource of PHI tenant %s must be deployed as enterprise", [input.tenant.id])
}

tier_verdict(addr, r) := lib.unverifiable(addr, tier_path(r), v) if {
	v := ten.raw_label(r, "tier")
	lib.unresolved(v)
}

tier_verdict(addr, r) := lib.finding(addr, tier_path(r), msg) if {
	v := ten.raw_label(r, "tier")
	not lib.unresolved(v)
	v != "enterprise"
	msg := sprintf("deployed as tier %v: PHI of tenant %s must stay on enterprise infrastructure", [v, input.tenant.id])
}

tier_path(r) := "settings.user_labels.tier" if r.type == "google_sql_database_instance"

tier_path(r) := "labels.tier" if r.type != "google_sql_database_instance"
