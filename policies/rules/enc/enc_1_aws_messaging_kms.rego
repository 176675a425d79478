# METADATA
# title: SQS queues and SNS topics are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::SQS::Queue or AWS::SNS::Topic must name a customer-managed KMS key in KmsMasterKeyId.
#   SSE-SQS (SqsManagedSseEnabled), the AWS-managed alias/aws/sqs or alias/aws/sns, or no key
#   leave the messages under keys the tenant does not control. An intrinsic that does not point
#   at a declared or imported KMS key is reported as unverifiable.
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
	enc.key_verdict(enc.prop(r.properties, "KmsMasterKeyId"), enc.aws_key_types) == "missing"
	msg := sprintf("KmsMasterKeyId is %s; the messages are not under a customer-managed KMS key", [lib.shown(r.properties, "KmsMasterKeyId")])
}

deny contains lib.unverifiable(addr, "KmsMasterKeyId", r.properties.KmsMasterKeyId) if {
	some addr, r in messaging
	enc.key_verdict(r.properties.KmsMasterKeyId, enc.aws_key_types) == "unverifiable"
}

messaging[addr] := r if {
	some addr, r in lib.resources_in({"AWS::SQS::Queue", "AWS::SNS::Topic"})
}
