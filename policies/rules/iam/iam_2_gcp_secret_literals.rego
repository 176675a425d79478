# METADATA
# title: No secret literals in GCP configurations; no service account keys
# description: >-
#   Credentials belong in Secret Manager, never in the configuration or its state. Fails any
#   google_service_account_key, an environment variable named like a secret (PASSWORD, SECRET,
#   TOKEN, API_KEY, ...) with a literal value in Cloud Run services and jobs or Cloud Functions, and
#   a literal google_sql_user password. Interpolations and Secret Manager references are not literals.
# custom:
#   id: IAM-2-GCP
#   severity: critical
#   level: mandatory
#   controls: [IAM-2]
#   remediation: >-
#     Use workload identity instead of service account keys; pass secrets with value_source.secret_key_ref
#     (Cloud Run) or secret_environment_variables (Cloud Functions); use IAM database authentication.
#   resource_types:
#     - google_service_account_key
#     - google_cloud_run_v2_service
#     - google_cloud_run_v2_job
#     - google_cloudfunctions_function
#     - google_cloudfunctions2_function
#     - google_sql_user
#   checks:
#     "google_cloud_run_v2_service": [template.containers.env.name]
#     "google_cloud_run_v2_job": [template.template.containers.env.name]
package cordon.rules.iam_2_gcp_secret_literals

import data.cordon.lib
import data.cordon.lib.iam

deny contains lib.finding(addr, "", msg) if {
	some addr, _ in lib.resources_of("google_service_account_key")
	msg := "a service account key is a long-lived credential stored in Terraform state; use workload identity or impersonation"
}

deny contains lib.finding(addr, "template.containers.env", env_msg(e.name)) if {
	some addr, r in lib.resources_of("google_cloud_run_v2_service")
	some c in containers(r.properties.template)
	some e in lib.blocks(c.env)
	iam.secret_name(e.name)
	iam.literal_secret(e.value)
}

deny contains lib.finding(addr, "template.template.containers.env", env_msg(e.name)) if {
	some addr, r in lib.resources_of("google_cloud_run_v2_job")
	some t in lib.blocks(r.properties.template)
	some c in containers(t.template)
	some e in lib.blocks(c.env)
	iam.secret_name(e.name)
	iam.literal_secret(e.value)
}

deny contains lib.finding(addr, sprintf("environment_variables.%s", [k]), env_msg(k)) if {
	some addr, r in lib.resources_of("google_cloudfunctions_function")
	some k, v in r.properties.environment_variables
	iam.secret_name(k)
	iam.literal_secret(v)
}

deny contains lib.finding(addr, sprintf("service_config.environment_variables.%s", [k]), env_msg(k)) if {
	some addr, r in lib.resources_of("google_cloudfunctions2_function")
	some s in lib.blocks(r.properties.service_config)
	some k, v in s.environment_variables
	iam.secret_name(k)
	iam.literal_secret(v)
}

deny contains lib.finding(addr, "password", "the database user's password is a literal in the configuration") if {
	some addr, r in lib.resources_of("google_sql_user")
	iam.literal_secret(r.properties.password)
}

containers(template) := [c | some t in lib.blocks(template); some c in lib.blocks(t.containers)]

env_msg(name) := sprintf("environment variable %s holds a literal secret; reference a Secret Manager secret instead", [name])
