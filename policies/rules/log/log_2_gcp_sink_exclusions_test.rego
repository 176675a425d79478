package cordon.rules.log_2_gcp_sink_exclusions_test

import data.cordon.rules.log_2_gcp_sink_exclusions as rule

addr := "google_logging_project_sink.audit"

doc(props) := {"resources": {addr: {"type": "google_logging_project_sink", "properties": props}}}

denied(props) := {f.resource | some f in rule.deny with input as doc(props)}

payload := {"name": "docs", "filter": "protoPayload.request.content:* OR jsonPayload.document:*"}

test_pass_payload_exclusion if count(denied({"destination": "d", "exclusions": [payload]})) == 0

test_pass_single_block_object if count(denied({"exclusions": payload})) == 0

test_pass_text_payload if count(denied({"exclusions": [{"name": "t", "filter": "textPayload:\"document\""}]})) == 0

test_pass_folder_sink if {
	count(rule.deny) == 0 with input as {"resources": {"google_logging_folder_sink.f": {"type": "google_logging_folder_sink", "properties": {"exclusions": [payload]}}}}
}

test_fail_no_exclusions if denied({"destination": "d"}) == {addr}

test_fail_empty_exclusions if denied({"exclusions": []}) == {addr}

test_fail_disabled_exclusion if denied({"exclusions": [object.union(payload, {"disabled": true})]}) == {addr}

test_fail_exclusion_without_payload if denied({"exclusions": [{"name": "debug", "filter": "severity<=DEBUG"}]}) == {addr}

test_fail_unresolved_filter_is_unverifiable if {
	fs := rule.deny with input as doc({"exclusions": [{"name": "x", "filter": "${var.exclusion_filter}"}]})
	count(fs) == 1
	some f in fs
	f.unverifiable
	f.path == "exclusions[0].filter"
}
