# METADATA
# title: Kinesis data streams are encrypted with a customer-managed KMS key
# description: >-
#   An AWS::Kinesis::Stream must set StreamEncryption.EncryptionType KMS and name a customer-managed
#   key in StreamEncryption.KeyId; without StreamEncryption the records are not encrypted at rest by
#   a key of the tenant's, and the AWS-managed alias/aws/kinesis is not one. An intrinsic that does
#   not point at a declared or imported KMS key is reported as unverifiable.
# custom:
#   id: ENC-1-AWS-KINESIS
#   severity: high
#   level: mandatory
#   controls: [ENC-1]
#   remediation: >-
#     Set StreamEncryption {EncryptionType: KMS, KeyId: <the tenant's AWS::KMS::Key>}.
#   resource_types: ["AWS::Kinesis::Stream"]
#   checks:
#     "AWS::Kinesis::Stream": [StreamEncryption.EncryptionType, StreamEncryption.KeyId]
package cordon.rules.enc_1_aws_kinesis_kms

import data.cordon.lib
import data.cordon.lib.enc

type_path := "StreamEncryption.EncryptionType"

deny contains lib.finding(addr, type_path, msg) if {
	some addr, r in lib.resources_of("AWS::Kinesis::Stream")
	v := object.get(r.properties, ["StreamEncryption", "EncryptionType"], null)
	not lib.unresolved(v)
	v != "KMS"
	msg := sprintf("%s is %s; the stream's records are not encrypted with a KMS key", [type_path, enc.shown_value(v)])
}

deny contains lib.unverifiable(addr, type_path, v) if {
	some addr, r in lib.resources_of("AWS::Kinesis::Stream")
	v := r.properties.StreamEncryption.EncryptionType
	lib.unresolved(v)
}

deny contains f if {
	some addr, r in lib.resources_of("AWS::Kinesis::Stream")
	v := object.get(r.properties, ["StreamEncryption", "KeyId"], null)
	some f in enc.aws_key_findings(addr, "StreamEncryption.KeyId", v, "the stream is not under a customer-managed key")
}
