# METADATA
# title: No secret literals in AWS templates; no long-lived IAM access keys
# description: >-
#   Credentials belong in Secrets Manager or SSM SecureString, never in the template. Fails an
#   environment variable named like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal
#   value in an ECS task definition or a Lambda function, a literal RDS MasterUserPassword or IAM
#   user LoginProfile password, and any AWS::IAM::AccessKey. Intrinsics, dynamic references
#   ({{resolve:secretsmanager:...}}) and ARNs are not literals. Container definitions that are an
#   expression (Terraform's jsonencode of variables) are unverifiable.
# custom:
#   id: IAM-2-AWS
#   severity: critical
#   level: mandatory
#   controls: [IAM-2]
#   remediation: >-
#     Move the value into Secrets Manager and pass it as a container `Secrets` entry or a dynamic
#     reference; use ManageMasterUserPassword on RDS; use roles instead of access keys.
#   resource_types:
#     - "AWS::ECS::TaskDefinition"
#     - "AWS::Lambda::Function"
#     - "AWS::RDS::DBCluster"
#     - "AWS::RDS::DBInstance"
#     - "AWS::IAM::User"
#     - "AWS::IAM::AccessKey"
#   checks:
#     "AWS::ECS::TaskDefinition": [ContainerDefinitions.Environment.Name]
package cordon.rules.iam_2_aws_secret_literals

import data.cordon.lib
import data.cordon.lib.iam

deny contains lib.finding(addr, path, msg) if {
	some addr, r in lib.resources_of("AWS::ECS::TaskDefinition")
	some i, c in r.properties.ContainerDefinitions
	some j, e in c.Environment
	iam.secret_name(e.Name)
	iam.literal_secret(e.Value)
	path := sprintf("ContainerDefinitions[%d].Environment[%d]", [i, j])
	msg := sprintf("environment variable %s holds a literal secret; use the container's Secrets from Secrets Manager or SSM", [e.Name])
}

# Container definitions written as an expression (Terraform's jsonencode of variables, a template):
# their environment cannot be read, so it cannot be cleared of literal secrets.
deny contains lib.unverifiable(addr, "ContainerDefinitions", v) if {
	some addr, r in lib.resources_of("AWS::ECS::TaskDefinition")
	v := r.properties.ContainerDefinitions
	lib.unresolved(v)
}

deny contains lib.finding(addr, sprintf("Environment.Variables.%s", [k]), msg) if {
	some addr, r in lib.resources_of("AWS::Lambda::Function")
	some k, v in r.properties.Environment.Variables
	iam.secret_name(k)
	iam.literal_secret(v)
	msg := sprintf("environment variable %s holds a literal secret; read it from Secrets Manager at run time", [k])
}

deny contains lib.finding(addr, "MasterUserPassword", msg) if {
	some type in {"AWS::RDS::DBCluster", "AWS::RDS::DBInstance"}
	some addr, r in lib.resources_of(type)
	iam.literal_secret(r.properties.MasterUserPassword)
	msg := "MasterUserPassword is a literal; use ManageMasterUserPassword or a {{resolve:secretsmanager:...}} reference"
}

deny contains lib.finding(addr, "LoginProfile.Password", msg) if {
	some addr, r in lib.resources_of("AWS::IAM::User")
	iam.literal_secret(r.properties.LoginProfile.Password)
	msg := "LoginProfile.Password is a literal in the template"
}

deny contains lib.finding(addr, "", msg) if {
	some addr, _ in lib.resources_of("AWS::IAM::AccessKey")
	msg := "an IAM access key is a long-lived credential whose secret lands in the stack's outputs or state; use roles"
}
