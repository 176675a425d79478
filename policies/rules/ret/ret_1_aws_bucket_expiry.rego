# METADATA
# title: S3 document buckets expire objects at the tenant's retention
# description: >-
#   An S3 document bucket must have an enabled lifecycle rule over the whole bucket with
#   ExpirationInDays equal to the tenant's retention.documentDays (1 when it is 0, the smallest S3
#   accepts). Without a registry tenant, the rule only demands that such an expiry exists. A
#   document bucket is a bucket encrypted with a KMS key that is neither an audit bucket (Object
#   Lock, CloudTrail or AWS Config destination) nor a log destination (S3 access logging,
#   LogDeliveryWrite, flow logs, CloudFront logs): ENC-1 demands a key on every bucket, so no
#   bucket escapes both rules.
# custom:
#   id: RET-1-AWS
#   severity: high
#   level: mandatory
#   controls: [RET-1]
#   remediation: >-
#     Add a LifecycleConfiguration rule with Status Enabled, no Prefix or filters, and
#     ExpirationInDays set to the tenant's documentDays (1 for zero retention).
#   resource_types:
#     - "AWS::S3::Bucket"
#     - "AWS::CloudTrail::Trail"
#     - "AWS::Config::DeliveryChannel"
#     - "AWS::EC2::FlowLog"
#     - "AWS::CloudFront::Distribution"
#   checks:
#     "AWS::S3::Bucket": [LifecycleConfiguration.Rules]
package cordon.rules.ret_1_aws_bucket_expiry

import data.cordon.lib
import data.cordon.lib.ret

path := "LifecycleConfiguration.Rules"

deny contains lib.finding(addr, path, msg) if {
	some addr, r in ret.aws_document_buckets
	not expires(r.properties)
	count(unresolved_days(r.properties)) == 0
	msg := sprintf("no enabled lifecycle rule over the whole bucket expires objects %s (ExpirationInDays: %s)", [wanted, shown_days(r.properties)])
}

deny contains lib.unverifiable(addr, sprintf("%s[%d].ExpirationInDays", [path, i]), v) if {
	some addr, r in ret.aws_document_buckets
	not expires(r.properties)
	some i, v in unresolved_days(r.properties)
}

# Days the bucket must expire objects after; undefined without a registry tenant.
days := max([ret.tenant.retention.documentDays, 1])

wanted := sprintf("after %d days (documentDays %d)", [days, ret.tenant.retention.documentDays])

wanted := "at all" if not ret.tenant

expires(p) if {
	some rule in ret.aws_lifecycle_rules(p)
	ret.aws_whole_bucket_rule(rule)
	expiry_ok(rule)
}

expiry_ok(rule) if lib.number(rule.ExpirationInDays) == days

expiry_ok(rule) if {
	not ret.tenant
	lib.number(rule.ExpirationInDays) > 0
}

expiry_ok(rule) if {
	not ret.tenant
	is_string(rule.ExpirationDate)
}

unresolved_days(p) := {i: rule.ExpirationInDays |
	some i, rule in ret.aws_lifecycle_rules(p)
	ret.aws_whole_bucket_rule(rule)
	lib.unresolved(rule.ExpirationInDays)
}

shown_days(p) := concat(", ", [sprintf("%v", [rule.ExpirationInDays]) |
	some rule in ret.aws_lifecycle_rules(p)
	lib.has(rule, "ExpirationInDays")
]) if any_days(p)

shown_days(p) := "missing" if not any_days(p)

any_days(p) if {
	some rule in ret.aws_lifecycle_rules(p)
	lib.has(rule, "ExpirationInDays")
}
