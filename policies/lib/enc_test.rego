package cordon.lib.enc_test

import data.cordon.lib.enc

# stack_key_refs is key_refs per data store of the stack document; stores naming no key where
# key_refs is undefined, and resources that are not data stores, have no entry.
test_pass_stack_key_refs_per_store if {
	refs := enc.stack_key_refs with input as {"resources": {
		"b": {"type": "google_storage_bucket", "properties": {"encryption": [{"default_kms_key_name": "k"}]}},
		"plain": {"type": "google_storage_bucket", "properties": {}},
		"q": {"type": "AWS::SQS::Queue", "properties": {}},
		"t": {"type": "google_pubsub_topic", "properties": {"kms_key_name": "k2"}},
		"n": {"type": "google_compute_network", "properties": {"kms_key_name": "k3"}},
	}}
	refs == {
		"b": [{"path": "encryption.default_kms_key_name", "value": "k"}],
		"plain": [],
		"t": [{"path": "kms_key_name", "value": "k2"}],
	}
}
