package cordon.rules.ten_4_aws_phi_tier_test

import data.cordon.rules.ten_4_aws_phi_tier as rule

stark := {"id": "stark", "tier": "enterprise", "phi": true, "baa": true}

tags(tier) := [{"Key": "tenant", "Value": "stark"}, {"Key": "tier", "Value": tier}]

doc(tenant, props) := {"tenant": tenant, "resources": {"B": {"type": "AWS::S3::Bucket", "properties": props}, "P": {"type": "AWS::S3::BucketPolicy", "properties": {}}}}

found(inp) := {[f.resource, f.path, object.get(f, "unverifiable", false)] | some f in rule.deny with input as inp}

test_pass_enterprise_phi if count(found(doc(stark, {"Tags": tags("enterprise")}))) == 0

test_pass_non_phi_pooled if count(found(doc({"id": "initech", "tier": "pooled"}, {"Tags": tags("pooled")}))) == 0

test_pass_no_registry_entry if count(found(doc(null, {"Tags": tags("pooled")}))) == 0

test_fail_phi_on_pooled_tier if {
	found(doc(object.union(stark, {"tier": "pooled"}), {"Tags": tags("pooled")})) == {["B", "tenant", false], ["B", "Tags.tier", false]}
}

test_fail_phi_without_baa if found(doc(object.union(stark, {"baa": false}), {"Tags": tags("enterprise")})) == {["B", "tenant", false]}

test_fail_phi_baa_missing if {
	some f in rule.deny with input as doc(object.remove(stark, ["baa"]), {"Tags": tags("enterprise")})
	f.message == "tenant stark holds PHI but no BAA (baa is not true)"
}

test_fail_resource_deployed_dedicated if found(doc(stark, {"Tags": tags("dedicated")})) == {["B", "Tags.tier", false]}

test_fail_tier_tag_missing if found(doc(stark, {"Tags": [{"Key": "tenant", "Value": "stark"}]})) == {["B", "Tags.tier", false]}

test_fail_tier_intrinsic if found(doc(stark, {"Tags": [{"Key": "tier", "Value": {"Ref": "Tier"}}]})) == {["B", "Tags.tier", true]}
