package cordon.lib.iam_test

import data.cordon.lib.iam

test_pass_names_that_are_no_credentials if {
	every n in ["PORT", "PASSPORT_NO", "COMPASS", "KEYCLOAK_URL", "API_URL", 42] {
		not iam.secret_name(n)
	}
}

test_fail_names_that_say_credential if {
	every n in ["PASSWORD", "db_passwd", "DB_PASS", "pass", "PASS1", "my.pass", "CLIENT_SECRET", "GITHUB_TOKEN", "ApiKey", "api-key", "AWS_ACCESS_KEY_ID", "private.key"] {
		iam.secret_name(n)
	}
}
