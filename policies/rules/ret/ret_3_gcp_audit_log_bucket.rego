# METADATA
# title: Cloud Logging buckets are locked and keep audit logs 7 years
# description: >-
#   Every Cloud Logging bucket (project, folder, organization or billing account bucket config)
#   holds audit metadata routed by sinks, so it must be locked (locked = true: the retention can
#   no longer be shortened nor the bucket deleted) with retention_days of at least 2555 (7 years,
#   or the tenant's auditYears when longer). Without retention_days Cloud Logging keeps 30 days;
#   below 365 days the audit trail does not even cover one year.
# custom:
#   id: RET-3-GCP
#   severity: critical
#   level: mandatory
#   controls: [RET-3]
#   remediation: Set locked = true and retention_days = 2555 (or more) on the logging bucket config.
#   resource_types:
#     - google_logging_project_bucket_config
#     - google_logging_folder_bucket_config
#     - google_logging_organization_bucket_config
#     - google_logging_billing_account_bucket_config
#   checks:
#     "google_logging_project_bucket_config": [locked, retention_days]
#     "google_logging_folder_bucket_config": [locked, retention_days]
#     "google_logging_organization_bucket_config": [locked, retention_days]
#     "google_logging_billing_account_bucket_config": [locked, retention_days]
package cordon.rules.ret_3_gcp_audit_log_bucket

import data.cordon.lib
import data.cordon.lib.ret

types := {
	"google_logging_project_bucket_config",
	"google_logging_folder_bucket_config",
	"google_logging_organization_bucket_config",
	"google_logging_billing_account_bucket_config",
}

buckets[addr] := r if {
	some addr, r in lib.resources_in(types)
}

deny contains lib.finding(addr, "locked", msg) if {
	some addr, r in buckets
	not locked(r.properties)
	not lib.unresolved(object.get(r.properties, "locked", false))
	msg := sprintf("locked is %s: the retention can be shortened and the audit logs deleted", [lib.shown(r.properties, "locked")])
}

deny contains lib.finding(addr, "retention_days", msg) if {
	some addr, r in buckets
	not long_enough(r.properties)
	not lib.unresolved(object.get(r.properties, "retention_days", 30))
	msg := sprintf("retention_days is %s; it must be at least %d (%d years)%s", [shown_days(r.properties), min_days, years, hard(r.properties)])
}

deny contains lib.unverifiable(addr, key, r.properties[key]) if {
	some addr, r in buckets
	some key in {"locked", "retention_days"}
	lib.unresolved(r.properties[key])
}

years := ret.audit_years

min_days := ret.audit_min_days

locked(p) if lib.truthy(p.locked)

long_enough(p) if lib.number(p.retention_days) >= min_days

shown_days(p) := lib.shown(p, "retention_days") if lib.has(p, "retention_days")

shown_days(p) := "missing (Cloud Logging keeps 30 days)" if not lib.has(p, "retention_days")

hard(p) := "; never less than 365" if under_a_year(p)

hard(p) := "" if not under_a_year(p)

under_a_year(p) if lib.number(object.get(p, "retention_days", 30)) < 365
