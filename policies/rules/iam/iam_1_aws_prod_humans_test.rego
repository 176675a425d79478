package cordon.rules.iam_1_aws_prod_humans_test

import data.cordon.rules.iam_1_aws_prod_humans as rule

doc(env, type, props) := {"stack": {"environment": env}, "resources": {"R": {"type": type, "properties": props}}}

found(inp) := {[f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

test_pass_role_policy_in_prod if count(found(doc("prod", "AWS::IAM::Policy", {"Roles": [{"Ref": "Role"}], "PolicyDocument": {}}))) == 0

test_pass_user_in_staging if count(found(doc("staging", "AWS::IAM::User", {}))) == 0

test_pass_empty_user_list if count(found(doc("prod", "AWS::IAM::ManagedPolicy", {"Users": [], "Roles": [{"Ref": "R"}]}))) == 0

test_fail_user_in_prod if found(doc("prod", "AWS::IAM::User", {"UserName": "ann"})) == {["", false]}

test_fail_user_unknown_environment if found(doc(null, "AWS::IAM::User", {})) == {["", false]}

test_fail_policy_on_users if found(doc("prod", "AWS::IAM::Policy", {"Users": ["ann"], "PolicyDocument": {}})) == {["Users", false]}

test_fail_managed_policy_on_groups if found(doc("prod", "AWS::IAM::ManagedPolicy", {"Groups": ["ops"]})) == {["Groups", false]}

test_fail_group_membership if found(doc("prod", "AWS::IAM::UserToGroupAddition", {"GroupName": "ops", "Users": ["ann"]})) == {["Users", false]}

test_fail_sso_group_assignment if found(doc("prod", "AWS::SSO::Assignment", {"PrincipalType": "GROUP", "PrincipalId": "g"})) == {["PrincipalType", false]}

test_fail_sso_unresolved_principal_type if found(doc("prod", "AWS::SSO::Assignment", {"PrincipalType": {"Ref": "T"}})) == {["PrincipalType", true]}
