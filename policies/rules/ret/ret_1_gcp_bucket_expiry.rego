# METADATA
# title: Cloud Storage document buckets expire objects at the tenant's retention
# description: >-
#   A document bucket must have a lifecycle_rule with action Delete over the whole bucket whose
#   condition.age equals the tenant's retention.documentDays; age 0 only takes effect with
#   send_age_if_zero = true. Without a registry tenant, the rule only demands that such an
#   expiry exists. A document bucket is a bucket with a customer-managed key
#   (encryption.default_kms_key_name) that is neither under a locked retention policy (an audit
#   store) nor the destination of a log sink or of access logging: ENC-1 demands a key on every
#   bucket, so no bucket escapes both rules.
# custom:
#   id: RET-1-GCP
#   severity: high
#   level: mandatory
#   controls: [RET-1]
#   remediation: >-
#     Add lifecycle_rule { action { type = "Delete" } condition { age = <documentDays> } } with no
#     prefix, suffix or storage-class filter, and send_age_if_zero = true when the age is 0.
#   resource_types:
#     - google_storage_bucket
#     - google_logging_project_sink
#     - google_logging_folder_sink
#     - google_logging_organization_sink
#   checks:
#     "google_storage_bucket": [lifecycle_rule]
package cordon.rules.ret_1_gcp_bucket_expiry

import data.cordon.lib
import data.cordon.lib.ret

path := "lifecycle_rule"

# The document buckets without an expiry, judged once each (both deny sets below ask).
lapsed[addr] := r if {
	some addr, r in ret.gcp_document_buckets
	not expires(r.properties)
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lapsed
	count(unresolved_ages(r.properties)) == 0
	msg := sprintf("no lifecycle_rule Delete over the whole bucket expires objects %s (ages: %s)", [wanted, shown_ages(r.properties)])
}

deny contains lib.unverifiable(addr, sprintf("lifecycle_rule[%d].condition.age", [i]), v) if {
	some addr, r in lapsed
	some i, v in unresolved_ages(r.properties)
}

wanted := sprintf("at age %d (documentDays)", [ret.tenant.retention.documentDays])

wanted := "at all" if not ret.tenant

delete_conditions(p) := [cond |
	some rule in lib.blocks(p.lifecycle_rule)
	some action in lib.blocks(rule.action)
	action.type == "Delete"
	some cond in lib.blocks(rule.condition)
	not ret.gcp_narrowing(cond)
]

expires(p) if {
	some cond in delete_conditions(p)
	age_ok(cond, lib.number(cond.age))
}

# The age a Delete must have: the tenant's documentDays, or any without a registry tenant. Defined
# either way, so it is worked out once, not at every bucket (an undefined rule is not kept).
wanted_age := ret.tenant.retention.documentDays if ret.tenant

wanted_age := "any" if not ret.tenant

age_ok(cond, age) if {
	age_matches(age)
	zero_sent(cond, age)
}

age_matches(age) if age == wanted_age

age_matches(_) if wanted_age == "any"

zero_sent(_, age) if age > 0

zero_sent(cond, 0) if lib.truthy(cond.send_age_if_zero)

unresolved_ages(p) := {i: cond.age |
	some i, rule in lib.blocks(p.lifecycle_rule)
	some cond in lib.blocks(rule.condition)
	lib.unresolved(cond.age)
}

shown_ages(p) := concat(", ", [sprintf("%v", [cond.age]) | some cond in delete_conditions(p)]) if count(delete_conditions(p)) > 0

shown_ages(p) := "no Delete rule" if count(delete_conditions(p)) == 0
