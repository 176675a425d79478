# METADATA
# title: S3 audit buckets are locked in COMPLIANCE mode for 7 years
# description: >-
#   An S3 audit bucket (one with Object Lock, or the destination of a CloudTrail trail or an AWS
#   Config delivery channel in the same template) must set ObjectLockEnabled and a default
#   retention of Mode COMPLIANCE with Days >= 2555 or Years >= 7 (the tenant's auditYears when
#   longer). GOVERNANCE mode lets privileged users shorten or remove the lock, so it is not immutable.
# custom:
#   id: RET-3-AWS
#   severity: critical
#   level: mandatory
#   controls: [RET-3]
#   remediation: >-
#     Set ObjectLockEnabled true and ObjectLockConfiguration {ObjectLockEnabled: Enabled, Rule:
#     {DefaultRetention: {Mode: COMPLIANCE, Years: 7}}} on the bucket receiving audit logs.
#   resource_types: ["AWS::S3::Bucket", "AWS::CloudTrail::Trail", "AWS::Config::DeliveryChannel"]
#   checks:
#     "AWS::S3::Bucket": [ObjectLockEnabled, ObjectLockConfiguration]
package cordon.rules.ret_3_aws_audit_object_lock

import data.cordon.lib
import data.cordon.lib.ret

retention := "ObjectLockConfiguration.Rule.DefaultRetention"

deny contains lib.finding(addr, "ObjectLockEnabled", msg) if {
	some addr, r in ret.aws_audit_buckets
	not lock_on(r.properties)
	msg := sprintf("ObjectLockEnabled is %s: audit logs in this bucket can be deleted or overwritten", [lib.shown(r.properties, "ObjectLockEnabled")])
}

deny contains lib.finding(addr, concat(".", [retention, "Mode"]), msg) if {
	some addr, r in ret.aws_audit_buckets
	lock_on(r.properties)
	d := default_retention(r.properties)
	not compliance(d)
	not mode_unresolved(d)
	msg := sprintf("default retention mode is %s; only COMPLIANCE cannot be lifted", [lib.shown(d, "Mode")])
}

deny contains lib.finding(addr, retention, msg) if {
	some addr, r in ret.aws_audit_buckets
	lock_on(r.properties)
	d := default_retention(r.properties)
	not long_enough(d)
	not period_unresolved(d)
	msg := sprintf("default retention is Days %s / Years %s; it must be at least %d days (%d years)%s", [lib.shown(d, "Days"), lib.shown(d, "Years"), min_days, years, hard(d)])
}

deny contains lib.unverifiable(addr, sprintf("%s.%s", [retention, key]), d[key]) if {
	some addr, r in ret.aws_audit_buckets
	lock_on(r.properties)
	d := default_retention(r.properties)
	some key in {"Mode", "Days", "Years"}
	lib.unresolved(d[key])
	not decided(d, key)
}

# An unresolved Days or Years does not matter when the other one already proves the period.
decided(d, key) if {
	key != "Mode"
	long_enough(d)
}

years := ret.audit_years

min_days := ret.audit_min_days

lock_on(p) if {
	lib.truthy(p.ObjectLockEnabled)
	p.ObjectLockConfiguration.ObjectLockEnabled == "Enabled"
}

# Without a Rule the lock applies only to objects written with an explicit retention: none by default.
default_retention(p) := object.get(p, ["ObjectLockConfiguration", "Rule", "DefaultRetention"], {})

long_enough(d) if lib.number(d.Days) >= min_days

long_enough(d) if lib.number(d.Years) >= years

compliance(d) if d.Mode == "COMPLIANCE"

mode_unresolved(d) if lib.unresolved(d.Mode)

period_unresolved(d) if lib.unresolved(d.Days)

period_unresolved(d) if lib.unresolved(d.Years)

hard(d) := "; never less than 365 days" if under_a_year(d)

hard(d) := "" if not under_a_year(d)

under_a_year(d) if lib.number(d.Days) < 365

under_a_year(d) if {
	not lib.has(d, "Days")
	lib.number(d.Years) < 1
}
