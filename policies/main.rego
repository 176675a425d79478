# The bundle's per-stack entrypoints: every rule package's `deny` set over one stack document, each
# finding tagged with the package that produced it so the gate joins it to that package's METADATA.
# Estate rules (`deny_estate`) are entrypoints of their own, `cordon/rules/<package>/deny_estate`,
# each evaluated once over an estate document holding only the resource types it declares: wasm
# never frees memory within one evaluation, so one evaluation for all of them grew past its memory.
package cordon.main

findings contains object.union(f, {"rule": name}) if {
	some name
	some f in data.cordon.rules[name].deny
}

# The bundle's entrypoint for many stack documents at once ({"stacks": [<stack document>, ...]}):
# each one's findings, in order. One evaluation of many small stacks pays the fixed costs of an
# evaluation (each regex pattern is compiled anew in every evaluation) once for all of them.
batch := [f |
	some doc in input.stacks
	f := findings with input as doc
]
