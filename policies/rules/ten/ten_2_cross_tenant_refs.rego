# METADATA
# title: No reference, IAM binding or key grant crosses tenants
# description: >-
#   Over the whole estate: a resource of tenant A's stack must not refer to a resource of tenant B's
#   stack, whether through a CloudFormation Fn::ImportValue (in Terraform an aws_cloudformation_export
#   data source) resolved to B's export (B's key, bucket, role), or through a literal or interpolated name of B's GCP project (`cdn-<B>-prd` / `cdn-<B>-stg`,
#   which also names B's service accounts in IAM members and key grants). Platform stacks (no tenant)
#   may be referred to by anyone.
# custom:
#   id: TEN-2
#   severity: critical
#   level: mandatory
#   controls: [TEN-2]
#   remediation: >-
#     Refer only to the tenant's own resources and to platform resources; give each tenant its own
#     key, bucket, service account and grants in its own stacks.
#   resource_types:
#     - "AWS::S3::Bucket"
#     - "AWS::S3::BucketPolicy"
#     - "AWS::RDS::DBCluster"
#     - "AWS::RDS::DBInstance"
#     - "AWS::Logs::LogGroup"
#     - "AWS::IAM::Policy"
#     - "AWS::IAM::Role"
#     - "AWS::KMS::Key"
#     - "AWS::KMS::Grant"
#     - "AWS::ECS::Service"
#     - "AWS::ECS::TaskDefinition"
#     - "AWS::EC2::SecurityGroupIngress"
#     - "AWS::EC2::SecurityGroupEgress"
#     - "AWS::ElasticLoadBalancingV2::Listener"
#     - "AWS::ElasticLoadBalancingV2::TargetGroup"
#     - "AWS::CloudFront::Distribution"
#     - "AWS::WAFv2::WebACLAssociation"
#     - "AWS::DynamoDB::Table"
#     - "AWS::SQS::Queue"
#     - "AWS::SNS::Topic"
#     - "AWS::Lambda::Function"
#     - google_kms_crypto_key_iam_member
#     - google_kms_crypto_key_iam_binding
#     - google_project_iam_member
#     - google_project_iam_binding
#     - google_storage_bucket_iam_member
#     - google_storage_bucket_iam_binding
#     - google_service_account_iam_member
#     - google_service_account_iam_binding
#     - google_storage_bucket
#     - google_sql_database_instance
#     - google_cloud_run_v2_service
#     - google_compute_network_peering
#     - google_compute_shared_vpc_service_project
#     - google_logging_project_sink
#     - google_kms_key_ring
#     - google_compute_subnetwork
#   # Each clause below needs one of these in the resource: the gate leaves out the rest.
#   mentions: ["import:", "cdn-"]
#   checks: {}
package cordon.rules.ten_2_cross_tenant_refs

import data.cordon.lib

# Through a CloudFormation import of another tenant's export.
deny_estate contains lib.estate_finding(name, addr, sprintf("Fn::ImportValue %s", [export]), msg) if {
	some name, doc in input.stacks
	mine := doc.stack.tenant
	is_string(mine)
	some addr, r in doc.resources
	some ref in r.references
	startswith(ref, "import:")
	export := substring(ref, 7, -1)
	target := doc.imports[export]
	theirs := input.stacks[target.stack].stack.tenant
	is_string(theirs)
	theirs != mine
	msg := sprintf("tenant %s refers to %s %s of tenant %s (stack %s)", [mine, target.type, target.address, theirs, target.stack])
}

# Through the name of another tenant's GCP project (resources, service accounts, keys live there).
# One regex over the serialized properties finds the candidates; the walk that names the property
# runs only for a violation.
deny_estate contains lib.estate_finding(name, addr, concat(".", [sprintf("%v", [p]) | some p in path]), msg) if {
	some name, doc in input.stacks
	mine := doc.stack.tenant
	is_string(mine)
	some addr, r in doc.resources
	text := json.marshal(r.properties)
	contains(text, "cdn-")
	some m in regex.find_all_string_submatch_n(project_pattern, text, -1)
	theirs := m[1]
	known_tenants[theirs] # a lookup: `in` scans a set element by element in wasm
	theirs != mine
	walk(r.properties, [path, value])
	is_string(value)
	contains(value, m[0])
	msg := sprintf("tenant %s names %s, a project of tenant %s", [mine, value, theirs])
}

project_pattern := `cdn-([a-z][a-z0-9-]{2,20})-(?:prd|stg)`

# Tenants of the registry and tenants the estate's stacks are labelled with (a run over files alone
# has no registry).
known_tenants := {id | some id, _ in object.get(input, "tenants", {})} | {t | some doc in input.stacks; t := doc.stack.tenant; is_string(t)}
