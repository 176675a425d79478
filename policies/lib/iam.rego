# Helpers of the IAM rules.
package cordon.lib.iam

import data.cordon.lib

# A name that says its value is a credential: PASSWORD, DB_PASS, SECRET, CLIENT_SECRET, TOKEN,
# API_KEY, ACCESS_KEY, PRIVATE_KEY (any case, any separator). String operations, not one regex: the
# wasm build compiles a regex anew in every evaluation, and this one cost ~0.2 ms per stack.
secret_name(n) if {
	is_string(n)
	name := lower(n)
	some fragment in secret_fragments
	contains(name, fragment)
}

# PASS as a word of its own (DB_PASS, pass, PASS1), not inside another word (PASSPORT, COMPASS).
secret_name(n) if {
	is_string(n)
	"pass" in split(strings.replace_n(word_breaks, lower(n)), " ")
}

secret_fragments := {"password", "passwd", "secret", "token"} | {concat(sep, [w, "key"]) |
	some w in ["api", "access", "private"]
	some sep in ["", "_", ".", "-"]
}

# Every character but a letter ends a word; these are the ones names contain.
word_breaks := {c: " " | some c in split("_-.:/@$+ 0123456789", "")}

# A value written into the template itself: a non-empty string that is no intrinsic, interpolation,
# CloudFormation dynamic reference ({{resolve:secretsmanager:...}}) or pointer to a managed secret.
literal_secret(v) if {
	is_string(v)
	trim_space(v) != ""
	not lib.unresolved(v)
	not pointer(v)
}

pointer(v) if contains(v, "{{resolve:")

pointer(v) if startswith(v, "arn:")

pointer(v) if regex.match(`^projects/[^/]+/secrets/`, v)

# A production stack, or one whose environment is unknown (fail closed): only a stack whose resources
# agree on a non-production environment label is exempt.
prod_or_unknown if not non_prod

non_prod if {
	env := object.get(object.get(input, "stack", {}), "environment", null)
	is_string(env)
	lower(env) != "prod"
	lower(env) != "production"
}
