package cordon.rules.ten_1_aws_tenant_tag_test

import data.cordon.rules.ten_1_aws_tenant_tag as rule

tags(tenant) := [{"Key": "environment", "Value": "prod"}, {"Key": "tenant", "Value": tenant}]

res(type, props) := {"type": type, "properties": props}

bucket := res("AWS::S3::Bucket", {"Tags": tags("acme")})

key := res("AWS::KMS::Key", {"Tags": tags("acme")})

stack(resources) := {"stack": {"tier": null}, "resources": resources}

denied(resources) := {f.resource | some f in rule.deny with input as stack(resources)}

test_pass_all_tagged if count(denied({"B": bucket, "K": key})) == 0

test_pass_untaggable_types_exempt if {
	count(denied({"B": bucket, "P": res("AWS::S3::BucketPolicy", {}), "R": res("AWS::EC2::Route", {})})) == 0
}

test_pass_platform_stack_without_tenant if {
	untagged := res("AWS::S3::Bucket", {"Tags": [{"Key": "tier", "Value": "platform"}]})
	count(rule.deny) == 0 with input as {"stack": {"tier": "platform"}, "resources": {"B": untagged}}
}

test_pass_tags_as_map if count(denied({"B": bucket, "S": res("AWS::SSM::Parameter", {"Tags": {"tenant": "acme"}})})) == 0

test_pass_efs_file_system_tags if count(denied({"B": bucket, "F": res("AWS::EFS::FileSystem", {"FileSystemTags": tags("acme")})})) == 0

test_fail_efs_other_tenant_in_file_system_tags if denied({"B": bucket, "K": key, "F": res("AWS::EFS::FileSystem", {"FileSystemTags": tags("globex")})}) == {"F"}

test_fail_missing_tag if denied({"B": bucket, "K": res("AWS::KMS::Key", {})}) == {"K"}

test_fail_other_tenant if denied({"B": bucket, "K": key, "Q": res("AWS::SQS::Queue", {"Tags": tags("globex")})}) == {"Q"}

test_fail_other_tenant_message if {
	some f in rule.deny with input as stack({"B": bucket, "K": key, "Q": res("AWS::SQS::Queue", {"Tags": tags("globex")})})
	f.message == "tagged tenant=globex in a stack of tenant acme"
	f.path == "Tags.tenant"
}

test_fail_tie_reports_both if {
	denied({"B": bucket, "Q": res("AWS::SQS::Queue", {"Tags": tags("globex")})}) == {"B", "Q"}
}

test_fail_tenant_tier_without_any_tenant_tag if {
	untagged := res("AWS::S3::Bucket", {"Tags": [{"Key": "tier", "Value": "pooled"}]})
	{f.resource | some f in rule.deny} == {"B"} with input as {"stack": {"tier": "pooled"}, "resources": {"B": untagged}}
}

test_fail_unresolved_tag_is_unverifiable if {
	fs := rule.deny with input as stack({"B": bucket, "K": res("AWS::KMS::Key", {"Tags": [{"Key": "tenant", "Value": {"Ref": "Tenant"}}]})})
	{[f.resource, object.get(f, "unverifiable", false)] | some f in fs} == {["K", true]}
}
