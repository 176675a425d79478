# METADATA
# title: An offboarding AWS tenant is unreachable, and an offboarded one keeps only disabled keys due for deletion
# description: >-
#   In the stacks of a tenant whose registry status is offboarding (its soft-delete window) or
#   offboarded, nothing may serve or reach its data: no ECS service or task definition, EC2 instance,
#   Auto Scaling group, load balancer, listener, CloudFront distribution, API Gateway or App Runner
#   service. (Lambda functions are not listed: CDK's custom-resource providers are Lambda functions
#   that serve no request.) Once offboarded, only its KMS keys and their aliases remain, each key
#   disabled (Enabled false) with DeletionPolicy Delete, so that removing it schedules its deletion:
#   crypto-shredding of every document, backup and log encrypted under it. While `cordon deploy`
#   deletes an offboarded tenant's stacks (the gate's input marks the tenant `deleting`), its data
#   stack may be there too, but only to be deleted: every resource with DeletionPolicy Delete
#   (CloudFormation's default, except Snapshot for RDS clusters and stand-alone instances) and no
#   deletion protection.
# custom:
#   id: RET-5-AWS
#   severity: high
#   level: mandatory
#   controls: [RET-5]
#   remediation: >-
#     Synthesize the tenant through the registry: an offboarding tenant's stacks keep only keys, data
#     and network; an offboarded tenant's only its keys, built by TenantKey with shredded true
#     (enabled false, removalPolicy DESTROY), and, while `cordon deploy` deletes them, its data stack
#     marked for deletion (markForDeletion: removalPolicy DESTROY, deletionProtection false).
#   resource_types: ["AWS::KMS::Key", "AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::ECS::Service", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::CloudFront::Distribution"]
#   checks:
#     "AWS::KMS::Key": [Enabled, "@DeletionPolicy"]
#     "AWS::S3::Bucket": ["@DeletionPolicy"]
#     "AWS::RDS::DBCluster": [DeletionProtection, "@DeletionPolicy"]
package cordon.rules.ret_5_aws_offboarding

import data.cordon.lib

serving_types := {
	"AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup",
	"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener",
	"AWS::ElasticLoadBalancing::LoadBalancer", "AWS::CloudFront::Distribution", "AWS::ApiGateway::RestApi",
	"AWS::ApiGatewayV2::Api", "AWS::AppRunner::Service",
}

kept_types := {"AWS::KMS::Key", "AWS::KMS::Alias"}

# RDS (and DocumentDB, Neptune) say DeletionProtection; DynamoDB DeletionProtectionEnabled.
protection_properties := ["DeletionProtection", "DeletionProtectionEnabled"]

deny contains lib.finding(addr, "Type", msg) if {
	lib.leaving(input.tenant)
	some addr, r in input.resources
	r.type in serving_types
	msg := sprintf("%s can serve or reach tenant %s, which is %s: an offboarding tenant keeps no compute or ingress", [r.type, input.tenant.id, input.tenant.status])
}

deny contains lib.finding(addr, "Type", msg) if {
	lib.offboarded(input.tenant)
	not lib.deleting(input.tenant)
	some addr, r in input.resources
	startswith(r.type, "AWS::")
	not r.type in kept_types
	not r.type in serving_types
	msg := sprintf("%s remains after tenant %s was offboarded: only its disabled keys stay", [r.type, input.tenant.id])
}

deny contains lib.finding(addr, "DeletionPolicy", msg) if {
	some addr, r in deleted_by_removal
	v := deletion_policy(r)
	v != "Delete"
	not lib.unresolved(v)
	msg := sprintf("DeletionPolicy is %v: removing the stack of offboarded tenant %s would keep this %s instead of deleting it (a key: instead of scheduling its deletion)", [v, input.tenant.id, r.type])
}

# Known only at deploy time (a Terraform plan does not show the lifecycle block that keeps a resource).
deny contains lib.unverifiable(addr, "DeletionPolicy", v) if {
	some addr, r in deleted_by_removal
	v := r.attributes.DeletionPolicy
	lib.unresolved(v)
}

deny contains lib.finding(addr, p, msg) if {
	some addr, r in deleted_by_removal
	some p in protection_properties
	lib.truthy(r.properties[p])
	msg := sprintf("%s is on: removing the stack of offboarded tenant %s would fail on this %s, and its data would stay", [p, input.tenant.id, r.type])
}

deny contains lib.unverifiable(addr, p, r.properties[p]) if {
	some addr, r in deleted_by_removal
	some p in protection_properties
	lib.unresolved(r.properties[p])
}

deny contains lib.finding(addr, "Enabled", msg) if {
	some addr, r in shredded_keys
	not disabled(r.properties)
	not lib.unresolved(object.get(r.properties, "Enabled", true))
	msg := sprintf("the key of offboarded tenant %s is %s; it must be disabled (Enabled false)", [input.tenant.id, shown_enabled(r.properties)])
}

deny contains lib.unverifiable(addr, "Enabled", r.properties.Enabled) if {
	some addr, r in shredded_keys
	lib.unresolved(r.properties.Enabled)
}

shredded_keys[addr] := r if {
	lib.offboarded(input.tenant)
	some addr, r in lib.resources_of("AWS::KMS::Key")
}

disabled(p) if p.Enabled == false

disabled(p) if {
	is_string(p.Enabled)
	lower(p.Enabled) == "false"
}

shown_enabled(p) := "enabled (Enabled absent)" if not lib.has(p, "Enabled")

shown_enabled(p) := sprintf("Enabled %v", [p.Enabled]) if lib.has(p, "Enabled")

# What removing an offboarded tenant's stacks must delete: its keys, and while the deploy deletes its
# stacks everything in them (those that serve are reported once, above).
deleted_by_removal[addr] := r if {
	some addr, r in shredded_keys
}

deleted_by_removal[addr] := r if {
	lib.deleting(input.tenant)
	some addr, r in input.resources
	startswith(r.type, "AWS::")
	not r.type in serving_types
}

# CloudFormation's own default when the template says nothing.
deletion_policy(r) := r.attributes.DeletionPolicy

deletion_policy(r) := "Snapshot" if {
	not lib.has(object.get(r, "attributes", {}), "DeletionPolicy")
	snapshot_by_default(r)
}

deletion_policy(r) := "Delete" if {
	not lib.has(object.get(r, "attributes", {}), "DeletionPolicy")
	not snapshot_by_default(r)
}

snapshot_by_default(r) if r.type == "AWS::RDS::DBCluster"

snapshot_by_default(r) if {
	r.type == "AWS::RDS::DBInstance"
	not lib.has(r.properties, "DBClusterIdentifier")
}
