# The bundle's one entrypoint: every rule package's deny set, each finding tagged with the
# package that produced it so the gate joins it to that package's METADATA.
package cordon.main

findings contains object.union(f, {"rule": name}) if {
	some name
	some f in data.cordon.rules[name].deny
}
