package cordon.lib_test

import data.cordon.lib

doc := {
	"stack": {"name": "s"},
	"resources": {
		"Key": {"type": "AWS::KMS::Key", "properties": {}},
		"google_kms_crypto_key.k": {"type": "google_kms_crypto_key", "properties": {}},
	},
	"imports": {"keys:Arn": {"stack": "keys", "address": "K", "type": "AWS::KMS::Key"}},
}

test_pass_shown_renders_null_missing_and_values if {
	lib.shown({"a": null}, "a") == "null"
	lib.shown({}, "a") == "missing"
	lib.shown({"a": 90}, "a") == "90"
}

test_pass_unresolved_values if {
	lib.unresolved({"Ref": "Param"})
	lib.unresolved({"Fn::Sub": "x-${Env}"})
	lib.unresolved("${var.env}")
	not lib.unresolved("plain")
	not lib.unresolved({"Ref": "a", "x": 1})
}

test_pass_references_resolve_to_declared_types if {
	lib.ref_type({"Ref": "Key"}) == "AWS::KMS::Key" with input as doc
	lib.ref_type({"Fn::GetAtt": ["Key", "Arn"]}) == "AWS::KMS::Key" with input as doc
	lib.ref_type({"Fn::GetAtt": "Key.Arn"}) == "AWS::KMS::Key" with input as doc
	lib.ref_type("${google_kms_crypto_key.k.id}") == "google_kms_crypto_key" with input as doc
	lib.ref_type("${google_kms_crypto_key.k[0].id}") == "google_kms_crypto_key" with input as doc
	lib.ref_type(`${google_kms_crypto_key.k["a"].id}`) == "google_kms_crypto_key" with input as doc
	lib.ref_type({"Fn::ImportValue": "keys:Arn"}) == "AWS::KMS::Key" with input as doc
	lib.ref_target({"Fn::ImportValue": "keys:Arn"}) == {"stack": "keys", "address": "K"} with input as doc
	lib.ref_target({"Ref": "Key"}) == {"stack": "s", "address": "Key"} with input as doc
}

test_fail_references_to_nothing_declared_have_no_type if {
	not lib.ref_type({"Ref": "Param"}) with input as doc
	not lib.ref_type("${google_kms_crypto_key.other.id}") with input as doc
	not lib.ref_type("prefix-${google_kms_crypto_key.k.id}") with input as doc
	not lib.ref_type({"Fn::ImportValue": "elsewhere"}) with input as doc
}
