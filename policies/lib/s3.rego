# Helpers of the rules that read S3 bucket policies (AWS::S3::BucketPolicy).
package cordon.lib.s3

# The policy's statements (PolicyDocument.Statement is a list, or a single statement object).
statements(p) := s if {
	s := p.PolicyDocument.Statement
	is_array(s)
}

statements(p) := [s] if {
	s := p.PolicyDocument.Statement
	is_object(s)
}

# The policy denies every request made without TLS: S3 otherwise accepts plain HTTP.
enforces_tls(p) if {
	some s in statements(p)
	denies_plain_transport(s)
}

denies_plain_transport(s) if {
	s.Effect == "Deny"
	everyone(s.Principal)
	some a in as_list(s.Action)
	a in {"s3:*", "*"}
	some v in as_list(object.get(s, ["Condition", "Bool", "aws:SecureTransport"], []))
	lower(sprintf("%v", [v])) == "false"
	covers_objects(s.Resource)
}

everyone("*")

everyone(p) if {
	is_object(p)
	some v in as_list(p.AWS)
	v == "*"
}

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# The objects, not only the bucket itself: a resource with a wildcard (ARN/*, "*", or an intrinsic building one).
covers_objects(r) if {
	some x in as_list(r)
	contains(json.marshal(x), "*")
}
