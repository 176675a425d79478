# METADATA
# title: Enterprise tenants' documents are under the customer's own KMS key
# description: >-
#   In a stack of an enterprise tenant (registry tier, else the stack's tier labels), every S3
#   bucket's KMSMasterKeyID must be the customer's key for the stack's environment (the registry's
#   cmek.prod or cmek.staging: never the other environment's), never a key declared in our estate
#   (a Ref, GetAtt or import of an AWS::KMS::Key). Without a registry entry a literal ARN cannot be
#   told from the customer's and is accepted. Scope: documents (S3) only; AWS
#   CloudFormation cannot place an AWS::KMS::Key in a CloudHSM custom key store, so the HSM branch
#   of the promise has no AWS property to prove and other stores stay under ENC-1. A bucket naming
#   no key is ENC-1's finding.
# custom:
#   id: ENC-5-AWS
#   severity: high
#   level: mandatory
#   controls: [ENC-5]
#   remediation: Set KMSMasterKeyID to the ARN the registry gives as the tenant's cmek key for the stack's environment.
#   resource_types: ["AWS::S3::Bucket"]
#   checks:
#     "AWS::S3::Bucket": [BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID]
package cordon.rules.enc_5_aws_customer_key

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "BucketEncryption", msg) if {
	enc.enterprise
	some addr, r in lib.resources_of("AWS::S3::Bucket")
	some ref in enc.stack_key_refs[addr]
	not customer_key(ref.value)
	not unknown(ref.value)
	msg := sprintf("KMSMasterKeyID is %s, not the tenant's customer-managed key %s", [json.marshal(ref.value), enc.cmek_shown])
}

customer_key(v) if {
	is_string(v)
	v == enc.cmek_key
}

customer_key(v) if {
	enc.enc_literal(v)
	not enc.registered
}

# An intrinsic that points at no key: ENC-1-AWS reports it as unverifiable.
unknown(v) if {
	lib.unresolved(v)
	not lib.ref_type(v)
}
