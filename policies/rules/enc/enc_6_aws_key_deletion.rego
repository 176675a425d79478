# METADATA
# title: KMS keys keep the 30-day deletion window
# description: >-
#   An AWS::KMS::Key or AWS::KMS::ReplicaKey must keep PendingWindowInDays at 30 (the maximum, and
#   the KMS default when absent), so a scheduled deletion can be cancelled for 30 days. Limitation:
#   the gate's normalized resource carries only Properties, so DeletionPolicy / UpdateReplacePolicy
#   Retain is not visible to rules and is not checked here (the constructs set both).
# custom:
#   id: ENC-6-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-6]
#   remediation: Remove PendingWindowInDays or set it to 30, and keep DeletionPolicy and UpdateReplacePolicy Retain on the key.
#   resource_types: ["AWS::KMS::Key", "AWS::KMS::ReplicaKey"]
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

keys[addr] := r if {
	some addr, r in lib.resources_in({"AWS::KMS::Key", "AWS::KMS::ReplicaKey"})
}

full_window(p) if lib.number(p.PendingWindowInDays) == window_days
