# METADATA
# title: KMS keys keep the 30-day deletion window and survive their stack
# description: >-
#   An AWS::KMS::Key or AWS::KMS::ReplicaKey must keep PendingWindowInDays at 30 (the maximum, and
#   the KMS default when absent), so a scheduled deletion can be cancelled for 30 days, and must set
#   the resource attributes DeletionPolicy to Retain (or RetainExceptOnCreate) and UpdateReplacePolicy
#   to Retain: CloudFormation's default, Delete, schedules the key for deletion when its stack is
#   deleted or the key replaced, and with it every document and backup encrypted under it. An
#   offboarded tenant's keys are exempt: their deletion is the point (RET-5-AWS judges them).
# custom:
#   id: ENC-6-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-6]
#   remediation: >-
#     Remove PendingWindowInDays or set it to 30, and set DeletionPolicy and UpdateReplacePolicy to
#     Retain on the key (CDK: removalPolicy RemovalPolicy.RETAIN, the default for kms.Key).
#   resource_types: ["AWS::KMS::Key", "AWS::KMS::ReplicaKey"]
#   checks:
#     "AWS::KMS::Key": [PendingWindowInDays, "@DeletionPolicy", "@UpdateReplacePolicy"]
#     "AWS::KMS::ReplicaKey": [PendingWindowInDays, "@DeletionPolicy", "@UpdateReplacePolicy"]
package cordon.rules.enc_6_aws_key_deletion

import data.cordon.lib

window_days := 30

deny contains lib.finding(addr, "PendingWindowInDays", msg) if {
	some addr, r in keys
	lib.has(r.properties, "PendingWindowInDays")
	not lib.unresolved(r.properties.PendingWindowInDays)
	not full_window(r.properties)
	msg := sprintf("PendingWindowInDays is %s; a scheduled deletion must stay cancellable for %d days", [lib.shown(r.properties, "PendingWindowInDays"), window_days])
}

deny contains lib.unverifiable(addr, "PendingWindowInDays", r.properties.PendingWindowInDays) if {
	some addr, r in keys
	lib.unresolved(r.properties.PendingWindowInDays)
}

# What each attribute may be; an absent attribute is CloudFormation's default, Delete.
retaining := {
	"DeletionPolicy": {"Retain", "RetainExceptOnCreate"},
	"UpdateReplacePolicy": {"Retain"},
}

deny contains lib.finding(addr, attr, msg) if {
	some addr, r in keys
	some attr, allowed in retaining
	v := object.get(r, ["attributes", attr], "Delete")
	not lib.unresolved(v)
	not v in allowed
	msg := sprintf("%s is %s (absent means Delete): removing the stack or replacing the key would schedule it for deletion", [attr, attribute_shown(r, attr)])
}

deny contains lib.unverifiable(addr, attr, v) if {
	some addr, r in keys
	some attr, _ in retaining
	v := r.attributes[attr]
	lib.unresolved(v)
}

attribute_shown(r, attr) := lib.shown(object.get(r, "attributes", {}), attr)

keys[addr] := r if {
	not lib.offboarded(object.get(input, "tenant", null))
	some addr, r in lib.resources_in({"AWS::KMS::Key", "AWS::KMS::ReplicaKey"})
}

full_window(p) if lib.number(p.PendingWindowInDays) == window_days
