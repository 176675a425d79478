# METADATA
# title: Buckets enforce public access prevention, grant nothing to allUsers, and Cloud SQL has no public IP
# description: >-
#   A google_storage_bucket must set public_access_prevention to "enforced" (the default, "inherited",
#   lets a project policy or an IAM grant publish it). No bucket IAM member, binding, policy or ACL may
#   name allUsers or allAuthenticatedUsers. A google_sql_database_instance must set
#   settings.ip_configuration.ipv4_enabled to false (the default is true: a public IPv4 address).
# custom:
#   id: NET-4-GCP
#   severity: critical
#   level: mandatory
#   controls: [NET-4]
#   remediation: >-
#     Set public_access_prevention = "enforced" on buckets, grant roles to service accounts or groups
#     only, and set settings.ip_configuration { ipv4_enabled = false, private_network = <VPC> } on
#     Cloud SQL instances.
#   resource_types: [google_storage_bucket, google_storage_bucket_iam_member, google_storage_bucket_iam_binding, google_storage_bucket_iam_policy, google_storage_bucket_acl, google_storage_bucket_access_control, google_storage_default_object_access_control, google_sql_database_instance]
#   checks:
#     "google_storage_bucket": [public_access_prevention]
#     "google_storage_bucket_iam_member": [member]
#     "google_storage_bucket_iam_binding": [members]
#     "google_storage_bucket_iam_policy": [policy_data]
#     "google_storage_bucket_acl": [role_entity]
#     "google_storage_bucket_access_control": [entity]
#     "google_storage_default_object_access_control": [entity]
#     "google_sql_database_instance": [settings.ip_configuration.ipv4_enabled]
package cordon.rules.net_4_gcp_public_data

import data.cordon.lib

public_members := {"allUsers", "allAuthenticatedUsers"}

deny contains lib.finding(addr, "public_access_prevention", msg) if {
	some addr, r in lib.resources_of("google_storage_bucket")
	not lib.unresolved(object.get(r.properties, "public_access_prevention", null))
	not object.get(r.properties, "public_access_prevention", null) == "enforced"
	msg := sprintf("public_access_prevention is %s (default inherited); it must be enforced", [lib.shown(r.properties, "public_access_prevention")])
}

deny contains lib.unverifiable(addr, "public_access_prevention", r.properties.public_access_prevention) if {
	some addr, r in lib.resources_of("google_storage_bucket")
	lib.unresolved(r.properties.public_access_prevention)
}

deny contains lib.finding(addr, path, sprintf("%s grants the bucket to the public", [path])) if {
	some [addr, path, who] in grants
	public(who)
}

# A policy document known only at deploy time (usually data.google_iam_policy) may name allUsers.
deny contains lib.unverifiable(addr, "policy_data", r.properties.policy_data) if {
	some addr, r in lib.resources_of("google_storage_bucket_iam_policy")
	lib.unresolved(r.properties.policy_data)
}

deny contains lib.finding(addr, "settings.ip_configuration.ipv4_enabled", msg) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	some ip in ip_configs(r.properties)
	not lib.unresolved(object.get(ip, "ipv4_enabled", null))
	not no_public_ip(ip)
	msg := sprintf("settings.ip_configuration.ipv4_enabled is %s (default true): the instance has a public IP", [lib.shown(ip, "ipv4_enabled")])
}

deny contains lib.unverifiable(addr, "settings.ip_configuration.ipv4_enabled", ip.ipv4_enabled) if {
	some addr, r in lib.resources_of("google_sql_database_instance")
	some ip in ip_configs(r.properties)
	lib.unresolved(ip.ipv4_enabled)
}

# Who each grant names, as [address, path, principal].
grants contains [addr, "member", r.properties.member] if {
	some addr, r in lib.resources_of("google_storage_bucket_iam_member")
}

grants contains [addr, "members", m] if {
	some addr, r in lib.resources_of("google_storage_bucket_iam_binding")
	some m in r.properties.members
}

grants contains [addr, "policy_data", m] if {
	some addr, r in lib.resources_of("google_storage_bucket_iam_policy")
	not lib.unresolved(r.properties.policy_data)
	json.is_valid(r.properties.policy_data)
	some b in json.unmarshal(r.properties.policy_data).bindings
	some m in b.members
}

grants contains [addr, "role_entity", entity] if {
	some addr, r in lib.resources_of("google_storage_bucket_acl")
	some re in r.properties.role_entity
	entity := substring(re, indexof(re, ":") + 1, -1)
}

grants contains [addr, "entity", r.properties.entity] if {
	some type in ["google_storage_bucket_access_control", "google_storage_default_object_access_control"]
	some addr, r in lib.resources_of(type)
}

public(who) if who in public_members

# ACL entities are spelled allUsers / allAuthenticatedUsers too; IAM may prefix nothing else.
public(who) if lower(who) in {"allusers", "allauthenticatedusers"}

# settings and ip_configuration are blocks (object or list); a missing block means the defaults.
ip_configs(p) := [{}] if count(settings(p)) == 0

ip_configs(p) := [ip | some s in settings(p); some ip in ip_blocks(s)] if count(settings(p)) > 0

settings(p) := lib.blocks(object.get(p, "settings", []))

ip_blocks(s) := [{}] if count(lib.blocks(object.get(s, "ip_configuration", []))) == 0

ip_blocks(s) := lib.blocks(s.ip_configuration) if count(lib.blocks(object.get(s, "ip_configuration", []))) > 0

no_public_ip(ip) if ip.ipv4_enabled == false

no_public_ip(ip) if {
	is_string(ip.ipv4_enabled)
	lower(ip.ipv4_enabled) == "false"
}
