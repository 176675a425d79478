# METADATA
# title: RDS and Aurora databases refuse connections without TLS
# description: >-
#   A DB cluster, and a DB instance outside a cluster, must use a parameter group declared in the
#   template (the engine's default group, default.<family>, lets clients connect in plain text); the
#   literal name of another group names one declared here by that name, or elsewhere, whose
#   parameters are not in the input: unverifiable. Every DB (cluster)
#   parameter group must force TLS: rds.force_ssl 1 for PostgreSQL, Aurora PostgreSQL and SQL Server,
#   require_secure_transport ON or 1 for MySQL, Aurora MySQL and MariaDB (the values in
#   policies/lib/tls.rego; anything else, e.g. "true", fails).
# custom:
#   id: TLS-2-AWS-RDS
#   severity: high
#   level: mandatory
#   controls: [TLS-2]
#   remediation: >-
#     Declare an AWS::RDS::DBClusterParameterGroup (or DBParameterGroup) with rds.force_ssl "1"
#     (require_secure_transport "ON" for MySQL) and reference it from DBClusterParameterGroupName
#     (or DBParameterGroupName).
#   resource_types:
#     - AWS::RDS::DBCluster
#     - AWS::RDS::DBInstance
#     - AWS::RDS::DBClusterParameterGroup
#     - AWS::RDS::DBParameterGroup
#   checks:
#     "AWS::RDS::DBCluster": [DBClusterParameterGroupName]
#     "AWS::RDS::DBInstance": [DBClusterIdentifier, Engine, DBParameterGroupName]
#     "AWS::RDS::DBClusterParameterGroup": [DBClusterParameterGroupName, Family, Parameters]
#     "AWS::RDS::DBParameterGroup": [DBParameterGroupName, Family, Parameters]
package cordon.rules.tls_2_aws_rds_force_ssl

import data.cordon.lib
import data.cordon.lib.tls

group_types := {"AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBParameterGroup"}

# Parameter that forces TLS, and the values that turn it on, by engine family prefix. (Prefixes, not
# regexes: the wasm build compiles each regex anew in every evaluation, about 1 ms per stack here.)
force_param(family) := "rds.force_ssl" if starts_with_any(family, ["aurora-postgresql", "postgres", "sqlserver"])

force_param(family) := "require_secure_transport" if starts_with_any(family, ["aurora-mysql", "aurora5", "mysql", "mariadb"])

force_param(family) := "require_secure_transport" if family == "aurora"

force_param(family) := "require_secure_transport" if {
	is_string(family)
	startswith(family, "aurora")
	substring(family, 6, 1) in {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
}

starts_with_any(s, prefixes) if {
	is_string(s)
	some p in prefixes
	startswith(s, p)
}

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_in(group_types)
	param := force_param(r.properties.Family)
	path := sprintf("Parameters.%s", [param])
	v := object.get(r.properties, ["Parameters", param], null)
	not lib.unresolved(v)
	not tls.rds_force_tls_values[param][lower(sprintf("%v", [v]))]
	msg := sprintf("%s is %v; it must be on (1) so the database refuses plain-text connections", [param, shown(v)])
}

deny contains lib.unverifiable(addr, sprintf("Parameters.%s", [param]), v) if {
	some addr, r in lib.resources_in(group_types)
	param := force_param(r.properties.Family)
	v := r.properties.Parameters[param]
	lib.unresolved(v)
}

deny contains lib.unverifiable(addr, "Family", r.properties.Family) if {
	some addr, r in lib.resources_in(group_types)
	lib.unresolved(r.properties.Family)
}

# Databases must name a group declared here; without one the engine default (no forced TLS) applies.
deny contains lib.finding(addr, key, msg) if {
	some addr, r in databases
	key := group_key[r.type]
	v := object.get(r.properties, key, null)
	not lib.unresolved(v)
	not lib.rds_parameter_group_name(v)
	msg := sprintf("%s is %s: the database does not use a parameter group declared here that forces TLS", [key, lib.shown(r.properties, key)])
}

deny contains lib.outside(addr, key, key, v, "parameter group", "whether it forces TLS") if {
	some addr, r in databases
	key := group_key[r.type]
	v := r.properties[key]
	lib.rds_parameter_group_name(v)
	not named_here[group_type[r.type]][lower(v)]
}

# Groups of this template by their literal name (RDS keeps names in lower case): a database naming
# one of them uses it, and every group here is judged above.
named_here[type] contains lower(name) if {
	some type in group_type
	some _, g in lib.resources_of(type)
	name := g.properties[group_key_of_group[type]]
	is_string(name)
}

group_key_of_group := {"AWS::RDS::DBClusterParameterGroup": "DBClusterParameterGroupName", "AWS::RDS::DBParameterGroup": "DBParameterGroupName"}

deny contains lib.finding(addr, key, msg) if {
	some addr, r in databases
	key := group_key[r.type]
	t := lib.ref_type(r.properties[key])
	t != group_type[r.type]
	msg := sprintf("%s refers to a %s, not a %s", [key, t, group_type[r.type]])
}

deny contains lib.unverifiable(addr, key, v) if {
	some addr, r in databases
	key := group_key[r.type]
	v := r.properties[key]
	lib.unresolved(v)
	not lib.ref_type(v)
}

group_key := {"AWS::RDS::DBCluster": "DBClusterParameterGroupName", "AWS::RDS::DBInstance": "DBParameterGroupName"}

group_type := {"AWS::RDS::DBCluster": "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBInstance": "AWS::RDS::DBParameterGroup"}

# Clusters, and instances that are not members of a cluster (members take the cluster's TLS setting).
# Engines without a TLS-forcing parameter (Oracle, Db2: listener options) are out of scope.
databases[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBCluster")
}

databases[addr] := r if {
	some addr, r in lib.resources_of("AWS::RDS::DBInstance")
	not lib.has(r.properties, "DBClusterIdentifier")
	starts_with_any(lower(object.get(r.properties, "Engine", "")), ["postgres", "mysql", "mariadb", "sqlserver"])
}

shown(null) := "missing"

shown(v) := v if v != null
