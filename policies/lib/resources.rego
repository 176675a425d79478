# Helpers shared by the rules. Rules read resource types and properties, never names.
#
# Stack document (input of `deny`):
#   {stack: {name, format, tenant, environment, tier}, tenant: <registry entry or null>,
#    today: <the run's UTC date, YYYY-MM-DD; rules never read a clock>,
#    resources: {<address>: {type, properties, references, labels, path, attributes?}},
#    imports: {<CloudFormation export name>: {stack, address, type}}}
#   (`attributes`: CloudFormation's DeletionPolicy / UpdateReplacePolicy, where the template sets them)
# Estate document (input of `deny_estate`): {stacks: {<name>: <stack document>}, tenants: {<id>: <registry entry>}}
package cordon.lib

# Resources of one type in the stack under evaluation, by address. The index is a rule, so it is
# built once per evaluation in one pass; a comprehension per call rescanned the stack for every rule.
resources_of(type) := object.get(by_type, type, {})

by_type[r.type][addr] := r if some addr, r in input.resources

# Resources of any of a set of types, by address.
resources_in(types) := {addr: r |
	some type in types
	some addr, r in by_type[type]
}

# A finding of a stack rule; the gate adds rule id, severity, controls and remediation from METADATA.
finding(addr, path, message) := {"resource": addr, "path": path, "message": message}

# A finding of an estate rule, which names the stack it is about.
estate_finding(stack, addr, path, message) := {"stack": stack, "resource": addr, "path": path, "message": message}

# A property the rule demands whose value is only known at deploy time (an unresolved intrinsic or
# interpolation that does not point at a declared resource). Reported as its own level, never passed.
unverifiable(addr, path, value) := {
	"resource": addr,
	"path": path,
	"message": sprintf("%s is %s, known only at deploy time: cordon cannot verify it", [path, json.marshal(value)]),
	"unverifiable": true,
}

# Terraform JSON writes a nested block either as an object or as a list of objects.
blocks(x) := x if is_array(x)

blocks(x) := [x] if is_object(x)

# A boolean as CloudFormation accepts it: true or "true" (any case).
truthy(v) if v == true

truthy(v) if {
	is_string(v)
	lower(v) == "true"
}

# A number as CloudFormation accepts it: 90 or "90". Undefined for anything else.
number(v) := v if is_number(v)

number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)?$`, v)
}

# Seconds in a Google duration string such as "7776000s" or "3.5s". Undefined when malformed.
duration_seconds(s) := to_number(trim_suffix(s, "s")) if {
	is_string(s)
	regex.match(`^[0-9]+(\.[0-9]+)?s$`, s)
}

# Renders a property value for a message, saying so when it is absent. (The wasm SDK aborts on
# sprintf("%v", [null]), so null is rendered by hand.)
shown(obj, key) := sprintf("%v", [obj[key]]) if obj[key] != null

shown(obj, key) := "null" if obj[key] == null

shown(obj, key) := "missing" if not has(obj, key)

# True when the key is present, whatever its value (false and null included).
has(obj, key) if _ = obj[key]

# A CloudFormation intrinsic function ({"Ref": ...}, {"Fn::GetAtt": ...}, ...).
intrinsic(v) if {
	is_object(v)
	count(v) == 1
	some k, _ in v
	intrinsic_name(k)
}

intrinsic_name(k) if k in {"Ref", "Condition"}

intrinsic_name(k) if startswith(k, "Fn::")

# A value known only at deploy time: an intrinsic, or a string with a Terraform interpolation
# (which includes a plan's "${unknown-after-apply}").
unresolved(v) if intrinsic(v)

unresolved(v) if {
	is_string(v)
	contains(v, "${")
}

# The address of the resource a value refers to in this stack: {"Ref": id}, {"Fn::GetAtt": [id, attr]}
# or "id.attr" form, or a Terraform string that is exactly one "${type.name.attr}" interpolation
# (an instance of a count / for_each resource, "${type.name[0].attr}", designates the resource).
ref_address(v) := v.Ref if {
	is_object(v)
	is_string(v.Ref)
	input.resources[v.Ref]
}

ref_address(v) := id if {
	is_object(v)
	att := v["Fn::GetAtt"]
	id := getatt_id(att)
	input.resources[id]
}

ref_address(v) := addr if {
	is_string(v)
	startswith(v, "${") # the pattern's own anchor, tested first: most values are literals
	m := regex.find_all_string_submatch_n(`^\$\{((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.[A-Za-z0-9_.\[\]"-]+)?\}$`, v, 1)
	addr := m[0][1]
	input.resources[addr]
}

getatt_id(att) := att[0] if is_array(att)

getatt_id(att) := split(att, ".")[0] if is_string(att)

# The type of the resource a value refers to: in this stack, or through a CloudFormation
# Fn::ImportValue the gate resolved to another stack's export. Undefined when it refers to nothing known.
ref_type(v) := input.resources[ref_address(v)].type

ref_type(v) := input.imports[v["Fn::ImportValue"]].type if is_object(v)

# Where a value refers to (stack, address) for cross-stack rules, in this stack or through an import.
ref_target(v) := {"stack": input.stack.name, "address": ref_address(v)}

ref_target(v) := {"stack": i.stack, "address": i.address} if {
	is_object(v)
	i := input.imports[v["Fn::ImportValue"]]
}

# A tenant's lifecycle state (registry `status`). An entry without one is active, so that every rule
# keeps applying: the exemptions below need the state written out.
offboarded(t) if t.status == "offboarded"

# Offboarded, and the gate runs in a `cordon deploy` that deletes the tenant's data now (the deploy
# sets `deleting` on the registry entry it gives the rules; it is no registry field).
deleting(t) if {
	offboarded(t)
	t.deleting == true
}

# The tenant is in its soft-delete window or shredded: nothing may serve or reach its data.
leaving(t) if t.status in {"offboarding", "offboarded"}

# The tenant is served: absent or "active".
serving(t) if object.get(t, "status", "active") == "active"
