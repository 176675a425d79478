package cordon.rules.ops_1_gcp_artifact_scanning_test

import data.cordon.rules.ops_1_gcp_artifact_scanning as rule

repo(props) := {"resources": {"google_artifact_registry_repository.r": {"type": "google_artifact_registry_repository", "properties": props}}}

found(props) := {[f.resource, object.get(f, "unverifiable", false)] | some f in rule.deny with input as repo(props)}

test_pass_inherited if count(found({"format": "DOCKER", "vulnerability_scanning_config": {"enablement_config": "INHERITED"}})) == 0

test_pass_default_block_absent if count(found({"format": "DOCKER"})) == 0

test_pass_block_as_list if count(found({"format": "DOCKER", "vulnerability_scanning_config": [{"enablement_config": "INHERITED"}]})) == 0

test_pass_maven_not_scanned if count(found({"format": "MAVEN", "vulnerability_scanning_config": {"enablement_config": "DISABLED"}})) == 0

test_fail_disabled if found({"format": "DOCKER", "vulnerability_scanning_config": {"enablement_config": "DISABLED"}}) == {["google_artifact_registry_repository.r", false]}

test_fail_disabled_list_lowercase_format if found({"format": "docker", "vulnerability_scanning_config": [{"enablement_config": "DISABLED"}]}) == {["google_artifact_registry_repository.r", false]}

test_fail_format_missing_disabled if found({"vulnerability_scanning_config": {"enablement_config": "DISABLED"}}) == {["google_artifact_registry_repository.r", false]}

test_fail_unresolved if found({"format": "DOCKER", "vulnerability_scanning_config": {"enablement_config": "${var.scanning}"}}) == {["google_artifact_registry_repository.r", true]}
