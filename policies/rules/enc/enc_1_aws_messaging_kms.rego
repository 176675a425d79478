# METADATA
# title: SQS queues and SNS topics are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::SQS::Queue or AWS::SNS::Topic must name a customer-managed KMS key in KmsMasterKeyId.
#   SSE-SQS (SqsManagedSseEnabled), the AWS-managed alias/aws/sqs or alias/aws/sns, or no key
#   leave the messages under keys the tenant does not control. An intrinsic that does not point
#   at a declared or imported KMS key is reported as unverifiable.
#   A literal must name a KMS key (key or alias ARN, key id, alias/NAME): one outside the input is
#   taken as the customer's own (ENC-5, attributed by ENC-3); another service's ARN or a bare name fails.
# custom:
#   id: ENC-1-AWS-MESSAGING
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: Set KmsMasterKeyId to the tenant's AWS::KMS::Key (its ARN, id or a Ref to it).
#   resource_types: ["AWS::SQS::Queue", "AWS::SNS::Topic"]
#   checks:
#     "AWS::SQS::Queue": [KmsMasterKeyId]
#     "AWS::SNS::Topic": [KmsMasterKeyId]
package cordon.rules.enc_1_aws_messaging_kms

import data.cordon.lib
import data.cordon.lib.enc

deny contains lib.finding(addr, "KmsMasterKeyId", msg) if {
	some addr, r in messaging
	enc.aws_key_verdict(enc.prop(r.properties, "KmsMasterKeyId")) == "missing"
	msg := sprintf("KmsMasterKeyId is %s; the messages are not under a customer-managed KMS key", [lib.shown(r.properties, "KmsMasterKeyId")])
}

deny contains lib.unverifiable(addr, "KmsMasterKeyId", r.properties.KmsMasterKeyId) if {
	some addr, r in messaging
	enc.aws_key_verdict(r.properties.KmsMasterKeyId) == "unverifiable"
}

messaging[addr] := r if {
	some addr, r in lib.resources_in({"AWS::SQS::Queue", "AWS::SNS::Topic"})
}
