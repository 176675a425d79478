# METADATA
# title: S3 document buckets keep deleted objects for the soft-delete window only
# description: >-
#   An S3 document bucket (see RET-1-AWS) must have versioning enabled, so a deleted or overwritten
#   document can be restored, and an enabled lifecycle rule over the whole bucket whose
#   NoncurrentVersionExpiration.NoncurrentDays equals the tenant's softDeleteDays: 30 by default,
#   none (the 1-day minimum S3 accepts) when documentDays is 0. Without a registry tenant, the
#   rule demands such an expiry of 1 to 90 days (the registry's bounds). Without versioning nothing
#   is recoverable; without the noncurrent expiry deleted documents are kept forever.
# custom:
#   id: RET-2-AWS
#   severity: high
#   level: mandatory
#   controls: [RET-2]
#   remediation: >-
#     Set VersioningConfiguration.Status to Enabled and add NoncurrentVersionExpiration
#     {NoncurrentDays: softDeleteDays (1 when retention is 0)} to an enabled lifecycle rule without filters.
#   resource_types:
#     - "AWS::S3::Bucket"
#     - "AWS::CloudTrail::Trail"
#     - "AWS::Config::DeliveryChannel"
#     - "AWS::EC2::FlowLog"
#     - "AWS::CloudFront::Distribution"
#   checks:
#     "AWS::S3::Bucket": [VersioningConfiguration.Status, LifecycleConfiguration.Rules]
package cordon.rules.ret_2_aws_noncurrent_expiry

import data.cordon.lib
import data.cordon.lib.ret

path := "LifecycleConfiguration.Rules"

deny contains lib.finding(addr, "VersioningConfiguration.Status", msg) if {
	some addr, r in ret.aws_document_buckets
	not versioned(r.properties)
	msg := sprintf("versioning is %s; deleted documents cannot be restored within the soft-delete window", [object.get(r.properties, ["VersioningConfiguration", "Status"], "missing")])
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in ret.aws_document_buckets
	not noncurrent_ok(r.properties)
	count(unresolved_days(r.properties)) == 0
	msg := sprintf("no enabled lifecycle rule over the whole bucket expires noncurrent versions %s", [wanted])
}

deny contains lib.unverifiable(addr, sprintf("%s[%d].NoncurrentVersionExpiration.NoncurrentDays", [path, i]), v) if {
	some addr, r in ret.aws_document_buckets
	not noncurrent_ok(r.properties)
	some i, v in unresolved_days(r.properties)
}

# The soft-delete window: the tenant's, 30 days by default, none when documents are not retained.
soft_days := 0 if ret.tenant.retention.documentDays == 0

soft_days := ret.tenant.retention.softDeleteDays if ret.tenant.retention.documentDays != 0

days := max([soft_days, 1])

wanted := sprintf("after %d days (softDeleteDays %d)", [days, soft_days])

wanted := sprintf("within 1 to %d days", [max_days]) if not ret.tenant

# The longest soft-delete window the registry accepts.
max_days := 90

versioned(p) if p.VersioningConfiguration.Status == "Enabled"

noncurrent_ok(p) if {
	some rule in ret.aws_lifecycle_rules(p)
	ret.aws_whole_bucket_rule(rule)
	days_ok(lib.number(noncurrent_days(rule)))
}

days_ok(n) if n == days

days_ok(n) if {
	not ret.tenant
	n >= 1
	n <= max_days
}

noncurrent_days(rule) := rule.NoncurrentVersionExpiration.NoncurrentDays

noncurrent_days(rule) := rule.NoncurrentVersionExpirationInDays

unresolved_days(p) := {i: noncurrent_days(rule) |
	some i, rule in ret.aws_lifecycle_rules(p)
	ret.aws_whole_bucket_rule(rule)
	lib.unresolved(noncurrent_days(rule))
}
