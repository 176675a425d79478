# METADATA
# title: CloudTrail trails log every region, are signed and encrypted
# description: >-
#   An AWS::CloudTrail::Trail must be logging (IsLogging), cover every region
#   (IsMultiRegionTrail), sign its log files (EnableLogFileValidation) and encrypt them with a
#   KMS key (KMSKeyId). A KMSKeyId that is an intrinsic must refer to an AWS::KMS::Key of this
#   stack or of an export, or it is reported as unverifiable; a literal must name a KMS key (key or
#   alias ARN, key id, alias/NAME), anything else fails.
# custom:
#   id: LOG-1-AWS
#   severity: high
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Set IsLogging, IsMultiRegionTrail and EnableLogFileValidation to true and KMSKeyId to the
#     audit AWS::KMS::Key on the trail.
#   resource_types: ["AWS::CloudTrail::Trail", "AWS::KMS::Key"]
#   checks:
#     "AWS::CloudTrail::Trail": [IsLogging, IsMultiRegionTrail, EnableLogFileValidation, KMSKeyId]
package cordon.rules.log_1_aws_cloudtrail

import data.cordon.lib

flags := {
	"IsLogging": "the trail records nothing",
	"IsMultiRegionTrail": "actions in other regions go unrecorded",
	"EnableLogFileValidation": "log files can be altered without detection",
}

deny contains lib.finding(addr, flag, sprintf("%s is %s: %s", [flag, lib.shown(r.properties, flag), why])) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	some flag, why in flags
	not on(r.properties, flag)
	not unresolved(r.properties, flag)
}

deny contains lib.unverifiable(addr, flag, r.properties[flag]) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	some flag, _ in flags
	unresolved(r.properties, flag)
}

deny contains lib.finding(addr, "KMSKeyId", sprintf("KMSKeyId is %s, no KMS key: log files are encrypted with an S3-managed key only", [shown_key(r.properties)])) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	not key_named(r.properties)
}

deny contains lib.unverifiable(addr, "KMSKeyId", r.properties.KMSKeyId) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	lib.unresolved(r.properties.KMSKeyId)
	not kms_key(r.properties.KMSKeyId)
}

kms_key(v) if lib.ref_type(v) == "AWS::KMS::Key"

on(p, flag) if lib.truthy(p[flag])

unresolved(p, flag) if lib.unresolved(p[flag])

# A literal key outside the input is accepted, as in ENC-1: the trail's key is the platform's own.
key_named(p) if lib.aws_kms_key(p.KMSKeyId)

shown_key(p) := json.marshal(p.KMSKeyId) if lib.has(p, "KMSKeyId")

shown_key(p) := "missing" if not lib.has(p, "KMSKeyId")

key_named(p) if lib.unresolved(p.KMSKeyId)
