package cordon.main_test

import data.cordon.main

key(name, rotation) := {"resources": {name: {"type": "google_kms_crypto_key", "properties": {"rotation_period": rotation}}}}

rotation_findings(per_stack) := [{f.resource | some f in fs; f.rule == "enc_2_gcp_key_rotation"} | some fs in per_stack]

test_pass_batch_of_clean_stacks if {
	batch := main.batch with input as {"stacks": [key("k1", "7776000s"), key("k2", "86400s")]}
	rotation_findings(batch) == [set(), set()]
}

# Each document's findings come back at its own index, not mixed with its neighbours'.
test_fail_batch_keeps_each_stack_apart if {
	batch := main.batch with input as {"stacks": [key("good", "7776000s"), key("bad", "7776001s"), key("good2", "7776000s"), key("worse", "31536000s")]}
	rotation_findings(batch) == [set(), {"bad"}, set(), {"worse"}]
}

test_fail_batch_equals_one_by_one if {
	docs := [key("a", "7776001s"), key("b", "7776000s")]
	batch := main.batch with input as {"stacks": docs}
	one_by_one := [f |
		some doc in docs
		f := main.findings with input as doc
	]
	batch == one_by_one
	count(batch[0]) > 0
}

test_pass_empty_batch if {
	batch := main.batch with input as {"stacks": []}
	batch == []
}
