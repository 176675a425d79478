# METADATA
# title: CloudWatch Logs log groups are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::Logs::LogGroup must name a customer-managed KMS key in KmsKeyId; without it CloudWatch
#   Logs encrypts with a service-owned key the tenant does not control. An intrinsic that does not
#   point at a declared or imported KMS key is reported as unverifiable.
#   A literal must name a KMS key (key or alias ARN, key id, alias/NAME): one outside the input is
#   taken as the customer's own (ENC-5, attributed by ENC-3); another service's ARN or a bare name fails.
# custom:
#   id: ENC-1-AWS-LOGS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set KmsKeyId to the ARN of the tenant's (or the platform's) logs AWS::KMS::Key.
#   resource_types: ["AWS::Logs::LogGroup"]
#   checks:
#     "AWS::Logs::LogGroup": [KmsKeyId]
package cordon.rules.enc_1_aws_log_group_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "KmsKeyId", msg) if {
	some addr, r in lib.resources_of("AWS::Logs::LogGroup")
	enc.aws_key_verdict(enc.prop(r.properties, "KmsKeyId")) == "missing"
	msg := sprintf("KmsKeyId is %s; the log group is encrypted with a service-owned key", [lib.shown(r.properties, "KmsKeyId")])
}

deny contains lib.unverifiable(addr, "KmsKeyId", r.properties.KmsKeyId) if {
	some addr, r in lib.resources_of("AWS::Logs::LogGroup")
	enc.aws_key_verdict(r.properties.KmsKeyId) == "unverifiable"
}
