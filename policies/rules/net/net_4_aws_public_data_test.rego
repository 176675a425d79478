package cordon.rules.net_4_aws_public_data_test

import data.cordon.rules.net_4_aws_public_data as rule

res(type, props) := {"resources": {"R": {"type": type, "properties": props}}}

found(type, props) := {f.path | some f in rule.deny with input as res(type, props)}

unverifiable(type, props) := {f.path | some f in rule.deny with input as res(type, props); f.unverifiable}

db := "AWS::RDS::DBInstance"

cluster := "AWS::RDS::DBCluster"

bucket := "AWS::S3::Bucket"

blocked := {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}

test_pass_private_instance if count(found(db, {"Engine": "postgres", "PubliclyAccessible": false})) == 0

test_pass_private_instance_string if count(found(db, {"PubliclyAccessible": "false"})) == 0

test_pass_aurora_cluster_without_flag if count(found(cluster, {"Engine": "aurora-postgresql"})) == 0

test_pass_multi_az_cluster_private if count(found(cluster, {"Engine": "postgres", "PubliclyAccessible": false})) == 0

test_pass_bucket_blocked if count(found(bucket, blocked)) == 0

test_pass_bucket_blocked_strings if {
	count(found(bucket, {"PublicAccessBlockConfiguration": {"BlockPublicAcls": "true", "BlockPublicPolicy": "TRUE", "IgnorePublicAcls": "true", "RestrictPublicBuckets": "true"}})) == 0
}

test_fail_public_instance if found(db, {"PubliclyAccessible": true}) == {"PubliclyAccessible"}

test_fail_instance_flag_missing if found(db, {"Engine": "mysql"}) == {"PubliclyAccessible"}

test_fail_multi_az_cluster_flag_missing if found(cluster, {"Engine": "mysql", "DBClusterInstanceClass": "db.m6gd.large"}) == {"PubliclyAccessible"}

test_fail_aurora_cluster_public if found(cluster, {"Engine": "aurora-mysql", "PubliclyAccessible": "true"}) == {"PubliclyAccessible"}

test_fail_unresolved_instance_flag if {
	unverifiable(db, {"PubliclyAccessible": {"Ref": "Public"}}) == {"PubliclyAccessible"}
	found(db, {"PubliclyAccessible": {"Ref": "Public"}}) == {"PubliclyAccessible"}
}

test_fail_bucket_without_block if found(bucket, {"BucketName": "b"}) == {"PublicAccessBlockConfiguration"}

test_fail_bucket_one_flag_false if {
	props := {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": false, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}
	found(bucket, props) == {"PublicAccessBlockConfiguration"}
}

test_fail_bucket_one_flag_missing if {
	props := {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true}}
	some f in rule.deny with input as res(bucket, props)
	f.message == "public access is not fully blocked: RestrictPublicBuckets is missing"
}

test_fail_bucket_unresolved_flag if {
	props := {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": {"Fn::If": ["C", true, false]}, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}
	unverifiable(bucket, props) == {"PublicAccessBlockConfiguration.BlockPublicPolicy"}
	found(bucket, props) == unverifiable(bucket, props)
}
