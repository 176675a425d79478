package cordon.rules.ten_2_cross_tenant_refs_test

import data.cordon.rules.ten_2_cross_tenant_refs as rule

tenants := {"acme": {"id": "acme"}, "hooli": {"id": "hooli"}, "globex": {"id": "globex"}, "stark": {"id": "stark"}}

gcp(tenant, resources) := {"stack": {"name": sprintf("%s-prod", [tenant]), "tenant": tenant}, "resources": resources, "imports": {}}

member(m) := {"google_kms_crypto_key_iam_member.k": {"type": "google_kms_crypto_key_iam_member", "properties": {"crypto_key_id": "${google_kms_crypto_key.k.id}", "member": m, "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter"}, "references": []}}

found(stacks) := {[f.stack, f.resource] | some f in rule.deny_estate with input as {"stacks": stacks, "tenants": tenants}}

aws(name, tenant, imports) := {"stack": {"name": name, "tenant": tenant}, "imports": imports, "resources": {"Docs": {"type": "AWS::S3::Bucket", "properties": {}, "references": [sprintf("import:%s", [k]) | some k, _ in imports]}}}

keys(tenant) := {"stack": {"name": sprintf("%s-prod-keys", [tenant]), "tenant": tenant}, "imports": {}, "resources": {"Key": {"type": "AWS::KMS::Key", "properties": {}, "references": []}}}

platform := {"stack": {"name": "cordon-keys-prod", "tenant": null}, "imports": {}, "resources": {"Key": {"type": "AWS::KMS::Key", "properties": {}, "references": []}}}

test_pass_own_service_account if {
	count(found({"acme-prod": gcp("acme", member("serviceAccount:app@cdn-acme-prd.iam.gserviceaccount.com"))})) == 0
}

test_pass_platform_projects if count(found({"hooli-prod": gcp("hooli", member("serviceAccount:cell@cdn-cell-prd.iam.gserviceaccount.com"))})) == 0

test_pass_unknown_project_like_name if count(found({"hooli-prod": gcp("hooli", member("serviceAccount:x@cdn-nobody-prd.iam.gserviceaccount.com"))})) == 0

test_pass_own_import if {
	count(found({"stark-prod": aws("stark-prod", "stark", {"k": {"stack": "stark-prod-keys", "address": "Key", "type": "AWS::KMS::Key"}}), "stark-prod-keys": keys("stark")})) == 0
}

test_pass_platform_import if {
	count(found({"stark-prod": aws("stark-prod", "stark", {"k": {"stack": "cordon-keys-prod", "address": "Key", "type": "AWS::KMS::Key"}}), "cordon-keys-prod": platform})) == 0
}

test_fail_key_grant_to_other_tenant_service_account if {
	found({"acme-prod": gcp("acme", member("serviceAccount:workload@cdn-hooli-prd.iam.gserviceaccount.com"))}) == {["acme-prod", "google_kms_crypto_key_iam_member.k"]}
}

test_fail_other_tenant_staging_project if {
	b := {"google_storage_bucket.b": {"type": "google_storage_bucket", "properties": {"project": "cdn-hooli-stg", "name": "b"}, "references": []}}
	found({"acme-prod": gcp("acme", b)}) == {["acme-prod", "google_storage_bucket.b"]}
}

test_fail_import_of_other_tenant_key if {
	found({"stark-prod": aws("stark-prod", "stark", {"k": {"stack": "globex-prod-keys", "address": "Key", "type": "AWS::KMS::Key"}}), "globex-prod-keys": keys("globex")}) == {["stark-prod", "Docs"]}
}

test_fail_tenant_known_from_stack_labels_only if {
	fs := rule.deny_estate with input as {"stacks": {"acme-prod": gcp("acme", member("serviceAccount:w@cdn-hooli-prd.iam.gserviceaccount.com")), "hooli-prod": gcp("hooli", {})}, "tenants": {}}
	{f.resource | some f in fs} == {"google_kms_crypto_key_iam_member.k"}
}
