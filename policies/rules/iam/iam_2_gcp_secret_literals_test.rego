package cordon.rules.iam_2_gcp_secret_literals_test

import data.cordon.rules.iam_2_gcp_secret_literals as rule

one(type, props) := {"resources": {"x.r": {"type": type, "properties": props}}}

paths(inp) := {f.path | some f in rule.deny with input as inp}

run(env) := one("google_cloud_run_v2_service", {"template": {"containers": [{"image": "i", "env": env}]}})

test_pass_plain_env if count(paths(run([{"name": "PORT", "value": "8080"}]))) == 0

test_pass_secret_manager_reference if {
	count(paths(run([{"name": "DB_PASSWORD", "value_source": {"secret_key_ref": {"secret": "db", "version": "latest"}}}]))) == 0
}

test_pass_interpolated_value if count(paths(run([{"name": "API_TOKEN", "value": "${google_secret_manager_secret_version.t.secret_data}"}]))) == 0

test_pass_sql_user_without_password if count(paths(one("google_sql_user", {"name": "app", "type": "CLOUD_IAM_SERVICE_ACCOUNT"}))) == 0

test_fail_service_account_key if paths(one("google_service_account_key", {"service_account_id": "${google_service_account.a.name}"})) == {""}

test_fail_run_literal_secret if paths(run({"name": "CLIENT_SECRET", "value": "abc"})) == {"template.containers.env"}

test_fail_job_literal_secret if {
	paths(one("google_cloud_run_v2_job", {"template": {"template": {"containers": [{"env": [{"name": "DB_PASSWORD", "value": "pw"}]}]}}})) == {"template.template.containers.env"}
}

test_fail_function_literal_secret if {
	paths(one("google_cloudfunctions2_function", {"service_config": {"environment_variables": {"API_KEY": "k-1", "MODE": "x"}}})) == {"service_config.environment_variables.API_KEY"}
}

test_fail_function_v1_literal_secret if paths(one("google_cloudfunctions_function", {"environment_variables": {"github_token": "ghp_x"}})) == {"environment_variables.github_token"}

test_fail_sql_user_literal_password if paths(one("google_sql_user", {"name": "app", "password": "changeme"})) == {"password"}
