# METADATA
# title: KMS keys rotate at least every 90 days
# description: >-
#   A symmetric AWS KMS key must have EnableKeyRotation true and RotationPeriodInDays of 90 or less.
#   Without RotationPeriodInDays, KMS rotates yearly, which breaks the 90-day promise. Values that
#   are intrinsics (a parameter, a condition) are reported as unverifiable.
# custom:
#   id: ENC-2-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-2]
#   remediation: Set EnableKeyRotation to true and RotationPeriodInDays to 90 on the AWS::KMS::Key.
#   resource_types: ["AWS::KMS::Key"]
#   checks:
#     "AWS::KMS::Key": [EnableKeyRotation, RotationPeriodInDays, KeySpec, KeyUsage]
package cordon.rules.enc_2_aws_key_rotation

import data.cordon.lib

max_days := 90

deny contains lib.finding(addr, "EnableKeyRotation", msg) if {
	some addr, r in lib.resources_of("AWS::KMS::Key")
	symmetric(r.properties)
	not rotation_on(r.properties)
	not unresolved(r.properties, "EnableKeyRotation")
	msg := sprintf("EnableKeyRotation is %s; automatic rotation must be on", [lib.shown(r.properties, "EnableKeyRotation")])
}

deny contains lib.finding(addr, "RotationPeriodInDays", msg) if {
	some addr, r in lib.resources_of("AWS::KMS::Key")
	symmetric(r.properties)
	rotation_on_or_unknown(r.properties)
	not period_in_time(r.properties)
	not unresolved(r.properties, "RotationPeriodInDays")
	msg := sprintf("RotationPeriodInDays is %s (KMS defaults to 365); it must be at most %d", [lib.shown(r.properties, "RotationPeriodInDays"), max_days])
}

deny contains lib.unverifiable(addr, key, r.properties[key]) if {
	some addr, r in lib.resources_of("AWS::KMS::Key")
	symmetric(r.properties)
	some key in {"EnableKeyRotation", "RotationPeriodInDays"}
	unresolved(r.properties, key)
}

# A key whose KeySpec or KeyUsage is an intrinsic may be symmetric: unless its rotation settings
# already keep the promise, cordon cannot tell whether they have to.
deny contains lib.unverifiable(addr, key, r.properties[key]) if {
	some addr, r in lib.resources_of("AWS::KMS::Key")
	may_be_symmetric(r.properties)
	not compliant(r.properties)
	some key in {"KeySpec", "KeyUsage"}
	unresolved(r.properties, key)
}

# Lookups stay inside helpers: `not f(p.x)` with p.x absent would be undefined, not a violation.
rotation_on(p) if lib.truthy(p.EnableKeyRotation)

rotation_on_or_unknown(p) if rotation_on(p)

rotation_on_or_unknown(p) if unresolved(p, "EnableKeyRotation")

period_in_time(p) if lib.number(p.RotationPeriodInDays) <= max_days

unresolved(p, key) if lib.unresolved(p[key])

# Automatic rotation exists only for symmetric encryption keys, the default KeySpec and KeyUsage.
symmetric(p) if {
	object.get(p, "KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	object.get(p, "KeyUsage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

may_be_symmetric(p) if {
	not symmetric(p)
	spec_or_unknown(p, "KeySpec", "SYMMETRIC_DEFAULT")
	spec_or_unknown(p, "KeyUsage", "ENCRYPT_DECRYPT")
}

spec_or_unknown(p, key, symmetric_value) if object.get(p, key, symmetric_value) == symmetric_value

spec_or_unknown(p, key, _) if unresolved(p, key)

compliant(p) if {
	rotation_on(p)
	period_in_time(p)
}
