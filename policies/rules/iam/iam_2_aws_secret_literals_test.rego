package cordon.rules.iam_2_aws_secret_literals_test

import data.cordon.rules.iam_2_aws_secret_literals as rule

one(type, props) := {"resources": {"R": {"type": type, "properties": props}}}

paths(inp) := {f.path | some f in rule.deny with input as inp}

task(env) := one("AWS::ECS::TaskDefinition", {"ContainerDefinitions": [{"Name": "App", "Environment": env}]})

test_pass_plain_variables if count(paths(task([{"Name": "PORT", "Value": "8080"}, {"Name": "CORDON_TENANT", "Value": "acme"}]))) == 0

test_pass_secret_name_with_reference if count(paths(task([{"Name": "DB_PASSWORD", "Value": {"Ref": "DbPassword"}}]))) == 0

test_pass_secret_arn if count(paths(task([{"Name": "API_KEY_SECRET_ARN", "Value": "arn:aws:secretsmanager:us-east-1:111111111111:secret:k"}]))) == 0

test_pass_rds_managed_password if count(paths(one("AWS::RDS::DBCluster", {"ManageMasterUserPassword": true}))) == 0

test_pass_rds_dynamic_reference if count(paths(one("AWS::RDS::DBInstance", {"MasterUserPassword": "{{resolve:secretsmanager:db:SecretString:password}}"}))) == 0

test_fail_task_secret_literal if paths(task([{"Name": "PORT", "Value": "8080"}, {"Name": "OPENAI_API_KEY", "Value": "sk-live-123"}])) == {"ContainerDefinitions[0].Environment[1]"}

test_fail_task_db_pass_literal if paths(task([{"Name": "db_pass", "Value": "hunter2"}])) == {"ContainerDefinitions[0].Environment[0]"}

test_fail_lambda_token if {
	paths(one("AWS::Lambda::Function", {"Environment": {"Variables": {"SLACK_TOKEN": "xoxb-1", "STAGE": "prod"}}})) == {"Environment.Variables.SLACK_TOKEN"}
}

test_fail_rds_literal_password if paths(one("AWS::RDS::DBCluster", {"MasterUserPassword": "Sup3rSecret!"})) == {"MasterUserPassword"}

test_fail_user_login_password if paths(one("AWS::IAM::User", {"LoginProfile": {"Password": "Welcome1"}})) == {"LoginProfile.Password"}

test_fail_access_key if paths(one("AWS::IAM::AccessKey", {"UserName": {"Ref": "U"}})) == {""}

test_fail_task_definitions_expression_unverifiable if {
	fs := [f | some f in rule.deny with input as one("AWS::ECS::TaskDefinition", {"ContainerDefinitions": "${jsonencode(local.containers)}"})]
	count(fs) == 1
	fs[0].unverifiable
	fs[0].path == "ContainerDefinitions"
}
