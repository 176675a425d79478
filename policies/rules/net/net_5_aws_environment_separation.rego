# METADATA
# title: Prod and non-prod stacks share no network, key or other resource
# description: >-
#   No stack of one environment class (prod, or any non-prod environment) may import (Fn::ImportValue,
#   in Terraform an aws_cloudformation_export data source) a resource exported by a stack of the other class: a staging service in a prod subnet or security
#   group, a prod bucket under a staging KMS key, a peering between a prod and a staging VPC. The
#   environment is the stack's environment tag; stacks without one are not judged here.
# custom:
#   id: NET-5-AWS
#   severity: critical
#   level: mandatory
#   controls: [NET-5]
#   remediation: >-
#     Give each environment its own VPC, subnets, security groups and KMS keys (its own key stack) and
#     import only exports of stacks of the same environment.
#   resource_types: ["AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::VPCPeeringConnection", "AWS::EC2::VPCEndpoint", "AWS::EC2::FlowLog", "AWS::EC2::Route", "AWS::EC2::TransitGatewayAttachment", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::Lambda::Function", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup", "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ReplicationGroup", "AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Logs::LogGroup", "AWS::KMS::Alias", "AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::EFS::FileSystem", "AWS::EFS::MountTarget", "AWS::CloudTrail::Trail", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]
#   # Its one clause walks only properties holding an Fn::ImportValue: the gate leaves out the rest.
#   mentions: ["Fn::ImportValue"]
#   checks: {}
package cordon.rules.net_5_aws_environment_separation

import data.cordon.lib
import data.cordon.lib.net

deny_estate contains lib.estate_finding(sname, addr, path, msg) if {
	some sname, doc in input.stacks
	class := net.env_class(doc)

	# From the stack's resolved imports to the properties using them: the walk runs only where an
	# import crosses environments, not over every property of the estate.
	some name, target in doc.imports
	other := input.stacks[target.stack]
	net.env_class(other) != class
	some addr, r in doc.resources
	walk(r.properties, [p, v])
	v["Fn::ImportValue"] == name
	path := net.path_text(p)
	msg := sprintf("%s stack imports %s (%s) from %s stack %s: prod and non-prod share nothing", [class, target.address, target.type, net.env_class(other), target.stack])
}
