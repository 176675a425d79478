# METADATA
# title: EBS volumes are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::EC2::Volume must set Encrypted true and name a customer-managed key in KmsKeyId; without
#   KmsKeyId, EBS uses the AWS-managed aws/ebs key (or the account default). Intrinsics that do not
#   point at a declared or imported KMS key are reported as unverifiable.
#   A literal must name a KMS key (key or alias ARN, key id, alias/NAME): one outside the input is
#   taken as the customer's own (ENC-5, attributed by ENC-3); another service's ARN or a bare name fails.
# custom:
#   id: ENC-1-AWS-EBS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set Encrypted to true and KmsKeyId to the tenant's AWS::KMS::Key on the volume.
#   resource_types: ["AWS::EC2::Volume"]
#   checks:
#     "AWS::EC2::Volume": [Encrypted, KmsKeyId]
package cordon.rules.enc_1_aws_ebs_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "Encrypted", msg) if {
	some addr, r in lib.resources_of("AWS::EC2::Volume")
	not lib.truthy(enc.prop(r.properties, "Encrypted"))
	not lib.unresolved(enc.prop(r.properties, "Encrypted"))
	msg := sprintf("Encrypted is %s; the volume must be encrypted", [lib.shown(r.properties, "Encrypted")])
}

deny contains lib.unverifiable(addr, "Encrypted", r.properties.Encrypted) if {
	some addr, r in lib.resources_of("AWS::EC2::Volume")
	lib.unresolved(r.properties.Encrypted)
}

deny contains lib.finding(addr, "KmsKeyId", msg) if {
	some addr, r in lib.resources_of("AWS::EC2::Volume")
	enc.aws_key_verdict(enc.prop(r.properties, "KmsKeyId")) == "missing"
	msg := sprintf("KmsKeyId is %s; without it EBS uses the AWS-managed aws/ebs key", [lib.shown(r.properties, "KmsKeyId")])
}

deny contains lib.unverifiable(addr, "KmsKeyId", r.properties.KmsKeyId) if {
	some addr, r in lib.resources_of("AWS::EC2::Volume")
	enc.aws_key_verdict(r.properties.KmsKeyId) == "unverifiable"
}
