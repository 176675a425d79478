# METADATA
# title: No standing human identities or permissions in AWS production
# description: >-
#   In a production stack (or one whose environment tag is unknown), humans get no standing access:
#   no AWS::IAM::User, no user group membership (AWS::IAM::UserToGroupAddition), no IAM policy
#   attached to users or groups, and no IAM Identity Center assignment (AWS::SSO::Assignment) of a
#   USER or GROUP. Production access goes through a time-bound, approved elevation instead.
# custom:
#   id: IAM-1-AWS
#   severity: high
#   level: mandatory
#   controls: [IAM-1]
#   remediation: >-
#     Remove IAM users and user/group policies from production; grant humans temporary elevated
#     access (for example IAM Identity Center with an approval workflow) instead of standing roles.
#   resource_types:
#     - "AWS::IAM::User"
#     - "AWS::IAM::UserToGroupAddition"
#     - "AWS::IAM::Policy"
#     - "AWS::IAM::ManagedPolicy"
#     - "AWS::SSO::Assignment"
#   checks:
#     "AWS::IAM::Policy": [Users, Groups]
#     "AWS::IAM::ManagedPolicy": [Users, Groups]
#     "AWS::SSO::Assignment": [PrincipalType]
package cordon.rules.iam_1_aws_prod_humans

import data.cordon.lib
import data.cordon.lib.iam

deny contains lib.finding(addr, "", "an IAM user is a standing human identity in production") if {
	iam.prod_or_unknown
	some addr, _ in lib.resources_of("AWS::IAM::User")
}

deny contains lib.finding(addr, "Users", "adds users to a group: standing human access in production") if {
	iam.prod_or_unknown
	some addr, _ in lib.resources_of("AWS::IAM::UserToGroupAddition")
}

deny contains lib.finding(addr, key, msg) if {
	iam.prod_or_unknown
	some type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	some addr, r in lib.resources_of(type)
	some key in {"Users", "Groups"}
	count(object.get(r.properties, key, [])) > 0
	msg := sprintf("the policy is attached to %s: standing human permissions in production", [lower(key)])
}

deny contains lib.finding(addr, "PrincipalType", msg) if {
	iam.prod_or_unknown
	some addr, r in lib.resources_of("AWS::SSO::Assignment")
	not lib.unresolved(object.get(r.properties, "PrincipalType", "USER"))
	upper(object.get(r.properties, "PrincipalType", "USER")) in {"USER", "GROUP"}
	msg := sprintf("a standing Identity Center assignment to a %s in production", [lower(object.get(r.properties, "PrincipalType", "USER"))])
}

deny contains lib.unverifiable(addr, "PrincipalType", r.properties.PrincipalType) if {
	iam.prod_or_unknown
	some addr, r in lib.resources_of("AWS::SSO::Assignment")
	lib.unresolved(r.properties.PrincipalType)
}
