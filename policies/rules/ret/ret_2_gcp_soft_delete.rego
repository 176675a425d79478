# METADATA
# title: Cloud Storage document buckets soft-delete for the tenant's window
# description: >-
#   A Cloud Storage document bucket (see RET-1-GCP) must set
#   soft_delete_policy.retention_duration_seconds to the tenant's softDeleteDays in seconds:
#   2592000 (30 days) by default, 0 when documentDays is 0 (a soft delete would keep documents the
#   tenant asked never to keep). Without a registry tenant, the rule demands an explicit window of
#   at most 90 days (the registry's bounds), 0 when the bucket deletes objects at age 0. Without the
#   block, Google applies a 7-day soft delete.
# custom:
#   id: RET-2-GCP
#   severity: high
#   level: mandatory
#   controls: [RET-2]
#   remediation: >-
#     Add soft_delete_policy { retention_duration_seconds = softDeleteDays * 86400 } (0 when the
#     tenant's documentDays is 0).
#   resource_types:
#     - google_storage_bucket
#     - google_logging_project_sink
#     - google_logging_folder_sink
#     - google_logging_organization_sink
#   checks:
#     "google_storage_bucket": [soft_delete_policy.retention_duration_seconds, lifecycle_rule]
package cordon.rules.ret_2_gcp_soft_delete

import data.cordon.lib
import data.cordon.lib.ret

path := "soft_delete_policy.retention_duration_seconds"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in ret.gcp_document_buckets
	not window_ok(r.properties)
	not any_unresolved(r.properties)
	msg := sprintf("%s is %s; it must be %s", [path, shown(r.properties), wanted(r.properties)])
}

# Each window known only at deploy time is reported as unverifiable, never passed.
deny contains lib.unverifiable(addr, path, v) if {
	some addr, r in ret.gcp_document_buckets
	some block in lib.blocks(r.properties.soft_delete_policy)
	v := block.retention_duration_seconds
	lib.unresolved(v)
}

soft_days := 0 if ret.tenant.retention.documentDays == 0

soft_days := ret.tenant.retention.softDeleteDays if ret.tenant.retention.documentDays != 0

# Guarded: without a tenant it is undefined, and an undefined rule is evaluated anew at every reference.
seconds := soft_days * 86400 if ret.tenant

max_seconds := 90 * 86400

wanted(_) := sprintf("%d (%d days)", [seconds, soft_days]) if ret.tenant

wanted(p) := "0: the bucket deletes objects at age 0" if {
	not ret.tenant
	expires_at_zero(p)
}

wanted(p) := sprintf("set, at most %d (90 days)", [max_seconds]) if {
	not ret.tenant
	not expires_at_zero(p)
}

window_ok(p) if {
	some block in lib.blocks(p.soft_delete_policy)
	seconds_ok(p, lib.number(block.retention_duration_seconds))
}

seconds_ok(_, n) if n == seconds

seconds_ok(p, n) if {
	not ret.tenant
	n <= max_seconds
	not expires_at_zero(p)
}

seconds_ok(p, 0) if {
	not ret.tenant
	expires_at_zero(p)
}

# A Delete rule over the whole bucket at age 0: documents are not retained, so no soft delete either.
expires_at_zero(p) if {
	some rule in lib.blocks(p.lifecycle_rule)
	some action in lib.blocks(rule.action)
	action.type == "Delete"
	some cond in lib.blocks(rule.condition)
	not ret.gcp_narrowing(cond)
	lib.number(cond.age) == 0
}

any_unresolved(p) if {
	some block in lib.blocks(p.soft_delete_policy)
	lib.unresolved(block.retention_duration_seconds)
}

shown(p) := concat(", ", [sprintf("%v", [block.retention_duration_seconds]) |
	some block in lib.blocks(p.soft_delete_policy)
	lib.has(block, "retention_duration_seconds")
]) if {
	some block in lib.blocks(p.soft_delete_policy)
	lib.has(block, "retention_duration_seconds")
}

else := "missing (Google's default is 604800, 7 days)"
