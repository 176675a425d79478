# Links to resources the input does not declare. A rule that demands a link (a web ACL, a headers
# policy, a parameter group, a URL map…) judges the linked resource when it is declared here; a
# literal of the right kind names one declared elsewhere, whose settings cordon cannot see: that is
# unverifiable, not a violation. A value of the wrong kind (missing, empty, another service's ARN,
# junk) still fails. Recognizers split strings rather than match regexes: the wasm build compiles
# each regex anew in every evaluation.
package cordon.lib

# An ARN of `service` (any partition: aws, aws-cn, aws-us-gov) whose resource part, after the
# account, starts with `resource_prefix` ("" for any): arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
aws_arn(v, service, resource_prefix) if {
	is_string(v)
	parts := split(v, ":")
	count(parts) >= 6
	parts[0] == "arn"
	startswith(parts[1], "aws")
	parts[2] == service
	resource := concat(":", array.slice(parts, 5, count(parts)))
	startswith(resource, resource_prefix)
	resource != resource_prefix
}

# A Compute Engine resource path of one collection (securityPolicies, urlMaps, backendServices…):
# projects/P/global/C/NAME, projects/P/regions/R/C/NAME or projects/P/zones/Z/C/NAME, bare or as a
# self link (https://www.googleapis.com/compute/v1/…, https://compute.googleapis.com/compute/beta/…,
# //compute.googleapis.com/…), as the Google provider accepts them.
gcp_compute_path(v, collection) if {
	parts := gcp_path_parts(v)
	parts[count(parts) - 2] == collection
	gcp_compute_scope(parts)
}

gcp_compute_scope(parts) if {
	count(parts) == 5
	parts[2] == "global"
}

gcp_compute_scope(parts) if {
	count(parts) == 6
	parts[2] in {"regions", "zones"}
	parts[3] != ""
}

# The "projects/…" segments of a resource path, bare or after a Google API prefix; every segment
# non-empty. Undefined for anything else.
gcp_path_parts(v) := parts if {
	is_string(v)
	i := indexof(v, "projects/")
	i >= 0
	gcp_api_prefix(substring(v, 0, i))
	parts := split(substring(v, i, -1), "/")
	parts[1] != ""
	every p in parts {
		p != ""
	}
}

gcp_api_prefix("")

gcp_api_prefix(p) if {
	some host in ["https://www.googleapis.com/", "https://compute.googleapis.com/", "//compute.googleapis.com/"]
	startswith(p, host)
	rest := substring(p, count(host), -1)
	rest in {"", "compute/v1/", "compute/beta/"}
}

# The finding for a link to a resource outside the input: unverifiable, naming what cordon cannot see.
# `key` is the property as written, `what` the kind of resource, `unseen` what stays unchecked.
outside(addr, path, key, v, what, unseen) := {
	"resource": addr,
	"path": path,
	"message": sprintf("%s names %s %s outside the input: %s cannot be checked", [key, what, v, unseen]),
	"unverifiable": true,
}

# A Compute Engine reference as the Google provider resolves it where it takes a name or a link
# (ParseGlobalFieldValue / ParseRegionalFieldValue): a path or self link of the collection, or a
# bare resource name (RFC 1035), looked up in the provider's project.
gcp_compute_ref(v, collection) if gcp_compute_path(v, collection)

gcp_compute_ref(v, _) if gcp_name(v)

gcp_name(v) if {
	is_string(v)
	regex.match(`^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`, v)
}

# An id in the canonical UUID form (8-4-4-4-12 hex digits), as CloudFront gives its policies.
uuid(v) if {
	is_string(v)
	regex.match(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`, v)
}

# The name of an RDS DB (cluster) parameter group a user created: 1 to 255 letters, digits and
# hyphens, a letter first, no two hyphens in a row, none last (the engine defaults, "default.<family>",
# have a dot and are known values, judged by the rules themselves).
rds_parameter_group_name(v) if {
	is_string(v)
	regex.match(`^[A-Za-z][A-Za-z0-9-]{0,254}$`, v)
	not contains(v, "--")
	not endswith(v, "-")
}

# The address of a resource of `types` declared here whose `name` is the last segment of a literal
# name, path or self link: the link is to it, judged with the rest of the input.
gcp_named(v, types) := addr if {
	is_string(v)
	not unresolved(v)
	parts := split(v, "/")
	name := parts[count(parts) - 1]
	name != ""
	some addr, r in resources_in(types)
	r.properties.name == name
}

# A KMS key as AWS services take one: a key ARN or id, a multi-Region key id (mrk-…), an alias ARN or
# alias/NAME.
aws_kms_key(v) if aws_arn(v, "kms", "key/")

aws_kms_key(v) if aws_arn(v, "kms", "alias/")

aws_kms_key(v) if uuid(v)

aws_kms_key(v) if {
	is_string(v)
	startswith(v, "mrk-")
	regex.match(`^mrk-[0-9a-f]{32}$`, v)
}

aws_kms_key(v) if {
	is_string(v)
	startswith(v, "alias/")
	count(v) > 6
}

# The id of a Route 53 Resolver DNS Firewall domain list (rslvr-fdl-…), as a rule group names one.
resolver_domain_list_id(v) if {
	is_string(v)
	startswith(v, "rslvr-fdl-")
	count(v) > 10
}
