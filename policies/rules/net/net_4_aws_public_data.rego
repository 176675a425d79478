# METADATA
# title: Databases are not publicly accessible and buckets block all public access
# description: >-
#   An AWS::RDS::DBInstance must set PubliclyAccessible to false (left out, RDS makes the instance
#   public when its subnets route to an internet gateway). A non-Aurora AWS::RDS::DBCluster (Multi-AZ
#   DB cluster) must set it to false too; an Aurora cluster must not set it to true (its instances
#   carry it). An AWS::S3::Bucket must set all four PublicAccessBlockConfiguration flags to true.
# custom:
#   id: NET-4-AWS
#   severity: critical
#   level: mandatory
#   controls: [NET-4]
#   remediation: >-
#     Set PubliclyAccessible false on every RDS instance and Multi-AZ cluster, and
#     PublicAccessBlockConfiguration {BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls,
#     RestrictPublicBuckets: true} on every bucket.
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::S3::Bucket"]
#   checks:
#     "AWS::RDS::DBInstance": [PubliclyAccessible]
#     "AWS::RDS::DBCluster": [Engine, PubliclyAccessible]
#     "AWS::S3::Bucket": [PublicAccessBlockConfiguration]
package cordon.rules.net_4_aws_public_data

import data.cordon.lib

block_flags := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

# Resources that must say PubliclyAccessible: false.
must_be_private contains [addr, r.properties] if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
}

must_be_private contains [addr, r.properties] if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
	not aurora(r.properties)
}

deny contains lib.finding(addr, "PubliclyAccessible", msg) if {
	some [addr, p] in must_be_private
	not lib.unresolved(object.get(p, "PubliclyAccessible", null))
	not private(p)
	msg := sprintf("PubliclyAccessible is %s; it must be false (RDS may give the database a public address otherwise)", [lib.shown(p, "PubliclyAccessible")])
}

deny contains lib.finding(addr, "PubliclyAccessible", "PubliclyAccessible is true on an Aurora cluster") if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
	aurora(r.properties)
	lib.truthy(r.properties.PubliclyAccessible)
}

deny contains lib.unverifiable(addr, "PubliclyAccessible", p.PubliclyAccessible) if {
	some [addr, p] in must_be_private
	lib.unresolved(p.PubliclyAccessible)
}

deny contains lib.finding(addr, "PublicAccessBlockConfiguration", msg) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	pab := object.get(r.properties, "PublicAccessBlockConfiguration", {})
	not lib.unresolved(pab)
	open := [sprintf("%s is %s", [flag, lib.shown(pab, flag)]) | some flag in block_flags; not lib.unresolved(object.get(pab, flag, null)); not lib.truthy(object.get(pab, flag, false))]
	count(open) > 0
	msg := sprintf("public access is not fully blocked: %s", [concat(", ", open)])
}

deny contains lib.unverifiable(addr, path, value) if {
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	pab := object.get(r.properties, "PublicAccessBlockConfiguration", {})
	some [path, value] in unresolved_flags(pab)
}

unresolved_flags(pab) := [["PublicAccessBlockConfiguration", pab]] if lib.unresolved(pab)

unresolved_flags(pab) := [[concat(".", ["PublicAccessBlockConfiguration", flag]), pab[flag]] | some flag in block_flags; lib.unresolved(pab[flag])] if {
	not lib.unresolved(pab)
}

private(p) if p.PubliclyAccessible == false

private(p) if {
	is_string(p.PubliclyAccessible)
	lower(p.PubliclyAccessible) == "false"
}

# Aurora engines: aurora, aurora-mysql, aurora-postgresql. An unknown engine is not Aurora (fail closed).
aurora(p) if startswith(p.Engine, "aurora")
