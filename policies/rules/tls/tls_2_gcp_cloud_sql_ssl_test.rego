package cordon.rules.tls_2_gcp_cloud_sql_ssl_test

import data.cordon.rules.tls_2_gcp_cloud_sql_ssl as rule

db(props) := {"resources": {"google_sql_database_instance.db": {"type": "google_sql_database_instance", "properties": props}}}

found(props) := {f.path | some f in rule.deny with input as db(props)}

ip(c) := {"database_version": "POSTGRES_16", "settings": {"tier": "db-f1-micro", "ip_configuration": c}}

test_pass_encrypted_only if count(found(ip({"ssl_mode": "ENCRYPTED_ONLY"}))) == 0

test_pass_client_certificates if count(found(ip({"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}))) == 0

test_pass_blocks_as_lists if count(found({"settings": [{"ip_configuration": [{"ssl_mode": "ENCRYPTED_ONLY"}]}]})) == 0

test_pass_legacy_require_ssl if count(found(ip({"require_ssl": true}))) == 0

test_fail_allow_unencrypted if found(ip({"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"})) == {"settings.ip_configuration.ssl_mode"}

test_fail_mode_unspecified if found(ip({"ssl_mode": "SSL_MODE_UNSPECIFIED"})) == {"settings.ip_configuration.ssl_mode"}

test_fail_unknown_mode if found(ip({"ssl_mode": "ENCRYPTED_PREFERRED"})) == {"settings.ip_configuration.ssl_mode"}

test_fail_mode_missing if found(ip({"ipv4_enabled": false})) == {"settings.ip_configuration.ssl_mode"}

test_fail_ip_configuration_missing if found({"settings": {"tier": "db-f1-micro"}}) == {"settings.ip_configuration.ssl_mode"}

test_fail_settings_missing if found({"database_version": "POSTGRES_16"}) == {"settings.ip_configuration.ssl_mode"}

test_fail_require_ssl_false if found(ip({"require_ssl": false})) == {"settings.ip_configuration.ssl_mode"}

test_fail_mode_unresolved if {
	fs := rule.deny with input as db(ip({"ssl_mode": "${var.ssl_mode}"}))
	count(fs) == 1
	some f in fs
	f.unverifiable
}

test_fail_message if {
	some f in rule.deny with input as db(ip({}))
	startswith(f.message, "ssl_mode is missing")
}
