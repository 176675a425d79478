# The bundle's per-stack entrypoint: every rule package's `deny` set over one stack document, each
# finding tagged with the package that produced it so the gate joins it to that package's METADATA.
# Estate rules (`deny_estate`) are entrypoints of their own, `cordon/rules/<package>/deny_estate`,
# each evaluated once over an estate document holding only the resource types it declares: wasm
# never frees memory within one evaluation, so one evaluation for all of them grew past its memory.
package cordon.main

findings contains object.union(f, {"rule": name}) if {
	some name
	some f in data.cordon.rules[name].deny
}
