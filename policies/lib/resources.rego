# Helpers shared by the rules. Rules read resource types and properties, never names.
package cordon.lib

# Resources of one type in the stack under evaluation, by address.
resources_of(type) := {addr: r |
	some addr, r in input.resources
	r.type == type
}

# A finding; the gate adds rule id, severity, controls and remediation from the rule's METADATA.
finding(addr, path, message) := {"resource": addr, "path": path, "message": message}

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

# Renders a property value for a message, saying so when it is absent.
shown(obj, key) := sprintf("%v", [obj[key]])

shown(obj, key) := "missing" if not has(obj, key)

# True when the key is present, whatever its value (false and null included).
has(obj, key) if _ = obj[key]
