# Helpers of the IAM rules.
package cordon.lib.iam

import data.cordon.lib

# A name that says its value is a credential: PASSWORD, DB_PASS, SECRET, CLIENT_SECRET, TOKEN,
# API_KEY, ACCESS_KEY, PRIVATE_KEY (any case, any separator).
secret_name(n) if {
	is_string(n)
	regex.match(`(?i)(passw(or)?d|(^|[^a-z])pass($|[^a-z])|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key)`, n)
}

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
