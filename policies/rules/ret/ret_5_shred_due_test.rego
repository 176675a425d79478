package cordon.rules.ret_5_shred_due_test

import data.cordon.rules.ret_5_shred_due as rule

tenant(status) := {"id": "cyberdyne", "status": status, "offboarding": {"request": "req-2026-12-01-5b2f9a10", "approvedAt": "2026-12-01", "dataUntil": "2026-12-31"}}

aws_key := {"type": "AWS::KMS::Key", "properties": {"Enabled": true}}

gcp_key := {"type": "google_kms_crypto_key", "properties": {"name": "documents"}}

bucket := {"type": "google_storage_bucket", "properties": {}}

resources := {"Key": aws_key, "google_kms_crypto_key.documents": gcp_key, "google_storage_bucket.docs": bucket}

doc(t, today) := {"tenant": t, "today": today, "resources": resources}

findings(d) := {[f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as d}

overdue := {["Key", "Enabled", false], ["google_kms_crypto_key.documents", "type", false]}

test_pass_last_day_of_the_window if count(findings(doc(tenant("offboarding"), "2026-12-31"))) == 0

test_pass_within_the_window if count(findings(doc(tenant("offboarding"), "2026-12-01"))) == 0

test_fail_the_day_after_the_window if findings(doc(tenant("offboarding"), "2027-01-01")) == overdue

test_fail_years_after_the_window if findings(doc(tenant("offboarding"), "2030-06-15")) == overdue

test_fail_message_names_tenant_day_and_command if {
	some f in rule.deny with input as doc(tenant("offboarding"), "2027-01-01")
	f.message == "the soft-delete window of tenant cyberdyne ended 2026-12-31; shred its keys: cordon tenant shred-due"
}

test_pass_active_tenant if count(findings(doc({"id": "acme", "status": "active"}, "2030-01-01"))) == 0

# Already shredded: RET-5-AWS and RET-5-GCP judge what is left.
test_pass_offboarded_tenant if count(findings(doc(tenant("offboarded"), "2030-01-01"))) == 0

test_pass_no_registry_entry if count(findings({"tenant": null, "resources": resources})) == 0

test_pass_active_tenant_without_today if count(findings({"tenant": {"id": "acme", "status": "active"}, "resources": resources})) == 0

test_fail_missing_today_is_unverifiable if {
	findings({"tenant": tenant("offboarding"), "resources": resources}) == {["Key", "Enabled", true], ["google_kms_crypto_key.documents", "type", true]}
}

test_fail_missing_today_message if {
	some f in rule.deny with input as {"tenant": tenant("offboarding"), "resources": {"Key": aws_key}}
	f.message == "the run's date (today) is absent: cordon cannot tell whether the soft-delete window of tenant cyberdyne, until 2026-12-31, has ended"
}

test_fail_malformed_today_is_unverifiable if {
	findings(doc(tenant("offboarding"), "2027-1-1")) == {["Key", "Enabled", true], ["google_kms_crypto_key.documents", "type", true]}
}

test_fail_missing_data_until_is_unverifiable if {
	t := json.remove(tenant("offboarding"), ["offboarding/dataUntil"])
	findings(doc(t, "2027-01-01")) == {["Key", "Enabled", true], ["google_kms_crypto_key.documents", "type", true]}
}
