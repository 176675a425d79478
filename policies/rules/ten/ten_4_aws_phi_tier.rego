# METADATA
# title: AWS PHI tenants are enterprise, under a BAA, and deployed as enterprise
# description: >-
#   In a stack of a registered tenant whose registry entry says phi true, the tenant must be on the
#   enterprise tier with baa true (else every data resource of the stack is reported), and every
#   data resource listed here must carry the tag tier = enterprise: a PHI tenant's resource
#   deployed as pooled or dedicated (shared cell, no HSM or customer key) fails, and so does one
#   without a tier tag. An interpolated or intrinsic tier is unverifiable.
# custom:
#   id: TEN-4-AWS
#   severity: critical
#   level: mandatory
#   controls: [TEN-4]
#   remediation: >-
#     Sign the BAA and move the tenant to the enterprise tier in the registry (infra/tenants), then
#     redeploy it as an enterprise tenant: its own network, HSM-protected or customer keys.
#   resource_types: ["AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::EFS::FileSystem", "AWS::KMS::Key"]
#   checks:
#     "AWS::S3::Bucket": [Tags]
#     "AWS::RDS::DBCluster": [Tags]
#     "AWS::RDS::DBInstance": [Tags]
#     "AWS::DynamoDB::Table": [Tags]
#     "AWS::Logs::LogGroup": [Tags]
#     "AWS::EFS::FileSystem": [Tags]
#     "AWS::KMS::Key": [Tags]
package cordon.rules.ten_4_aws_phi_tier

import data.cordon.lib
import data.cordon.lib.ten

data_types := {"AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::EFS::FileSystem", "AWS::KMS::Key"}

deny contains lib.finding(addr, "tenant", msg) if {
	problems := ten.phi_contract_problems
	count(problems) > 0
	some addr, r in lib.resources_in(data_types)
	msg := sprintf("tenant %s holds PHI but %s", [input.tenant.id, concat("; ", sort(problems))])
}

deny contains f if {
	input.tenant.phi == true
	some addr, r in lib.resources_in(data_types)
	f := tier_verdict(addr, r)
}

tier_verdict(addr, r) := lib.finding(addr, "Tags.tier", msg) if {
	not ten.raw_label(r, "tier")
	msg := sprintf("no tier tag: a resource of PHI tenant %s must be deployed as enterprise", [input.tenant.id])
}

tier_verdict(addr, r) := lib.unverifiable(addr, "Tags.tier", v) if {
	v := ten.raw_label(r, "tier")
	lib.unresolved(v)
}

tier_verdict(addr, r) := lib.finding(addr, "Tags.tier", msg) if {
	v := ten.raw_label(r, "tier")
	not lib.unresolved(v)
	v != "enterprise"
	msg := sprintf("deployed as tier %v: PHI of tenant %s must stay on enterprise infrastructure", [v, input.tenant.id])
}
