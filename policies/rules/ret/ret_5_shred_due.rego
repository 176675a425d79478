# METADATA
# title: An offboarding tenant's keys are shredded once its soft-delete window has ended
# description: >-
#   A tenant whose registry status is offboarding keeps its keys, and so its data, only until
#   offboarding.dataUntil, the last day of its soft-delete window: the trust centers promise hard
#   deletion at the end of retention. Judged on the run's date (`today` in the input: the gate's
#   UTC date, or `cordon check --today`), never on a clock of the rules' own: from the day after
#   dataUntil, every KMS key (AWS) and Cloud KMS crypto key (GCP) in the tenant's stacks is overdue
#   for shredding. Without the run's date, or with either date malformed, the window cannot be
#   judged and each such key is unverifiable. An offboarding tenant none of whose keys are in the
#   run is not seen.
# custom:
#   id: RET-5-SHRED
#   severity: high
#   level: mandatory
#   controls: [RET-5]
#   remediation: >-
#     Shred the tenant's keys: `cordon tenant shred-due` (daily; under the offboarding's approval) or
#     `cordon tenant offboard ID` again with a second person moves it to offboarded (AWS keys
#     disabled and deleted with their stack, GCP crypto keys destroyed).
#   resource_types: ["AWS::KMS::Key", "google_kms_crypto_key"]
#   checks: {}
package cordon.rules.ret_5_shred_due

import data.cordon.lib

# What a shredding changes on each key: an AWS key is disabled (then deleted), a GCP crypto key removed.
paths := {"AWS::KMS::Key": "Enabled", "google_kms_crypto_key": "type"}

deny contains lib.finding(addr, paths[r.type], msg) if {
	some addr, r in keys
	until := input.tenant.offboarding.dataUntil
	day(until)
	day(input.today)
	input.today > until
	msg := sprintf("the soft-delete window of tenant %s ended %s; shred its keys: cordon tenant shred-due", [input.tenant.id, until])
}

deny contains unverifiable(addr, paths[r.type], msg) if {
	some addr, r in keys
	not day(object.get(input, "today", null))
	msg := sprintf("the run's date (today) is %s: cordon cannot tell whether the soft-delete window of tenant %s, until %v, has ended", [shown(input, "today"), input.tenant.id, object.get(input.tenant, ["offboarding", "dataUntil"], "unknown")])
}

deny contains unverifiable(addr, paths[r.type], msg) if {
	some addr, r in keys
	day(input.today)
	not day(object.get(input.tenant, ["offboarding", "dataUntil"], null))
	msg := sprintf("offboarding.dataUntil of tenant %s is %s: cordon cannot tell when its soft-delete window ends", [input.tenant.id, shown(object.get(input.tenant, "offboarding", {}), "dataUntil")])
}

keys[addr] := r if {
	input.tenant.status == "offboarding"
	some addr, r in lib.resources_in({type | some type, _ in paths})
}

day(v) if {
	is_string(v)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, v)
}

shown(obj, field) := json.marshal(obj[field]) if lib.has(obj, field)

shown(obj, field) := "absent" if not lib.has(obj, field)

unverifiable(addr, path, msg) := object.union(lib.finding(addr, path, msg), {"unverifiable": true})
