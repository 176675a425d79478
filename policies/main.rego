# The bundle's entrypoints. `findings` runs over one stack document: every rule package's `deny`
# set. `estate_findings` runs once over the estate document (every stack, every tenant): every
# package's `deny_estate` set, whose findings name their stack. Each finding is tagged with the
# package that produced it so the gate joins it to that package's METADATA.
package cordon.main

findings contains object.union(f, {"rule": name}) if {
	some name
	some f in data.cordon.rules[name].deny
}

estate_findings contains object.union(f, {"rule": name}) if {
	some name
	some f in data.cordon.rules[name].deny_estate
}
