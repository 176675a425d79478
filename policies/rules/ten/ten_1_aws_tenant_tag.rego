# METADATA
# title: AWS resources of a tenant stack carry that tenant's tag
# description: >-
#   In a stack holding a tenant's resources (one resource names a tenant, or the stack's tier tag is
#   pooled, dedicated or enterprise), every resource of a taggable type listed here must carry a
#   `tenant` tag equal to the stack's tenant: the tenant most of its resources name. A missing tag,
#   another tenant's tag, or a stack split evenly between two tenants fails; a tag whose value is an
#   intrinsic is unverifiable. Types that take no Tags (policies, routes, associations) are exempt.
# custom:
#   id: TEN-1-AWS
#   severity: medium
#   level: mandatory
#   controls: [TEN-1]
#   remediation: >-
#     Tag every resource of the stack with tenant=<tenant id> (Tags.of(stack).add in CDK; raw
#     CfnResources such as custom resource providers need the tag added explicitly), and move
#     resources of another tenant into that tenant's own stack.
#   resource_types:
#     - "AWS::ApiGateway::RestApi"
#     - "AWS::ApiGatewayV2::Api"
#     - "AWS::Backup::BackupVault"
#     - "AWS::CertificateManager::Certificate"
#     - "AWS::CloudFront::Distribution"
#     - "AWS::CloudTrail::Trail"
#     - "AWS::Cognito::UserPool"
#     - "AWS::DynamoDB::Table"
#     - "AWS::EC2::EIP"
#     - "AWS::EC2::FlowLog"
#     - "AWS::EC2::Instance"
#     - "AWS::EC2::InternetGateway"
#     - "AWS::EC2::NatGateway"
#     - "AWS::EC2::RouteTable"
#     - "AWS::EC2::SecurityGroup"
#     - "AWS::EC2::Subnet"
#     - "AWS::EC2::VPC"
#     - "AWS::EC2::VPCEndpoint"
#     - "AWS::EC2::Volume"
#     - "AWS::ECR::Repository"
#     - "AWS::ECS::Cluster"
#     - "AWS::ECS::Service"
#     - "AWS::ECS::TaskDefinition"
#     - "AWS::EFS::FileSystem"
#     - "AWS::EKS::Cluster"
#     - "AWS::ElastiCache::ReplicationGroup"
#     - "AWS::ElasticLoadBalancingV2::Listener"
#     - "AWS::ElasticLoadBalancingV2::LoadBalancer"
#     - "AWS::ElasticLoadBalancingV2::TargetGroup"
#     - "AWS::Events::EventBus"
#     - "AWS::GuardDuty::Detector"
#     - "AWS::IAM::Role"
#     - "AWS::IAM::User"
#     - "AWS::KMS::Key"
#     - "AWS::Kinesis::Stream"
#     - "AWS::KinesisFirehose::DeliveryStream"
#     - "AWS::Lambda::Function"
#     - "AWS::Logs::LogGroup"
#     - "AWS::OpenSearchService::Domain"
#     - "AWS::RDS::DBCluster"
#     - "AWS::RDS::DBClusterParameterGroup"
#     - "AWS::RDS::DBInstance"
#     - "AWS::RDS::DBParameterGroup"
#     - "AWS::RDS::DBSubnetGroup"
#     - "AWS::Route53Resolver::FirewallDomainList"
#     - "AWS::Route53Resolver::FirewallRuleGroup"
#     - "AWS::Route53Resolver::FirewallRuleGroupAssociation"
#     - "AWS::S3::Bucket"
#     - "AWS::SNS::Topic"
#     - "AWS::SQS::Queue"
#     - "AWS::SSM::Parameter"
#     - "AWS::SecretsManager::Secret"
#     - "AWS::StepFunctions::StateMachine"
#     - "AWS::WAFv2::WebACL"
#   checks:
#     "AWS::ApiGateway::RestApi": [Tags]
#     "AWS::ApiGatewayV2::Api": [Tags]
#     "AWS::Backup::BackupVault": [Tags]
#     "AWS::CertificateManager::Certificate": [Tags]
#     "AWS::CloudFront::Distribution": [Tags]
#     "AWS::CloudTrail::Trail": [Tags]
#     "AWS::Cognito::UserPool": [Tags]
#     "AWS::DynamoDB::Table": [Tags]
#     "AWS::EC2::EIP": [Tags]
#     "AWS::EC2::FlowLog": [Tags]
#     "AWS::EC2::Instance": [Tags]
#     "AWS::EC2::InternetGateway": [Tags]
#     "AWS::EC2::NatGateway": [Tags]
#     "AWS::EC2::RouteTable": [Tags]
#     "AWS::EC2::SecurityGroup": [Tags]
#     "AWS::EC2::Subnet": [Tags]
#     "AWS::EC2::VPC": [Tags]
#     "AWS::EC2::VPCEndpoint": [Tags]
#     "AWS::EC2::Volume": [Tags]
#     "AWS::ECR::Repository": [Tags]
#     "AWS::ECS::Cluster": [Tags]
#     "AWS::ECS::Service": [Tags]
#     "AWS::ECS::TaskDefinition": [Tags]
#     "AWS::EFS::FileSystem": [FileSystemTags]
#     "AWS::EKS::Cluster": [Tags]
#     "AWS::ElastiCache::ReplicationGroup": [Tags]
#     "AWS::ElasticLoadBalancingV2::Listener": [Tags]
#     "AWS::ElasticLoadBalancingV2::LoadBalancer": [Tags]
#     "AWS::ElasticLoadBalancingV2::TargetGroup": [Tags]
#     "AWS::Events::EventBus": [Tags]
#     "AWS::GuardDuty::Detector": [Tags]
#     "AWS::IAM::Role": [Tags]
#     "AWS::IAM::User": [Tags]
#     "AWS::KMS::Key": [Tags]
#     "AWS::Kinesis::Stream": [Tags]
#     "AWS::KinesisFirehose::DeliveryStream": [Tags]
#     "AWS::Lambda::Function": [Tags]
#     "AWS::Logs::LogGroup": [Tags]
#     "AWS::OpenSearchService::Domain": [Tags]
#     "AWS::RDS::DBCluster": [Tags]
#     "AWS::RDS::DBClusterParameterGroup": [Tags]
#     "AWS::RDS::DBInstance": [Tags]
#     "AWS::RDS::DBParameterGroup": [Tags]
#     "AWS::RDS::DBSubnetGroup": [Tags]
#     "AWS::Route53Resolver::FirewallDomainList": [Tags]
#     "AWS::Route53Resolver::FirewallRuleGroup": [Tags]
#     "AWS::Route53Resolver::FirewallRuleGroupAssociation": [Tags]
#     "AWS::S3::Bucket": [Tags]
#     "AWS::SNS::Topic": [Tags]
#     "AWS::SQS::Queue": [Tags]
#     "AWS::SSM::Parameter": [Tags]
#     "AWS::SecretsManager::Secret": [Tags]
#     "AWS::StepFunctions::StateMachine": [Tags]
#     "AWS::WAFv2::WebACL": [Tags]
package cordon.rules.ten_1_aws_tenant_tag

import data.cordon.lib
import data.cordon.lib.ten

# Every type here takes `Tags` in CloudFormation (EFS: FileSystemTags); kept equal to resource_types above.
taggable := {
	"AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api", "AWS::Backup::BackupVault",
	"AWS::CertificateManager::Certificate", "AWS::CloudFront::Distribution", "AWS::CloudTrail::Trail",
	"AWS::Cognito::UserPool", "AWS::DynamoDB::Table", "AWS::EC2::EIP", "AWS::EC2::FlowLog",
	"AWS::EC2::Instance", "AWS::EC2::InternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::RouteTable",
	"AWS::EC2::SecurityGroup", "AWS::EC2::Subnet", "AWS::EC2::VPC", "AWS::EC2::VPCEndpoint",
	"AWS::EC2::Volume", "AWS::ECR::Repository", "AWS::ECS::Cluster", "AWS::ECS::Service",
	"AWS::ECS::TaskDefinition", "AWS::EFS::FileSystem", "AWS::EKS::Cluster",
	"AWS::ElastiCache::ReplicationGroup", "AWS::ElasticLoadBalancingV2::Listener",
	"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
	"AWS::Events::EventBus", "AWS::GuardDuty::Detector", "AWS::IAM::Role", "AWS::IAM::User",
	"AWS::KMS::Key", "AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream",
	"AWS::Lambda::Function", "AWS::Logs::LogGroup", "AWS::OpenSearchService::Domain",
	"AWS::RDS::DBCluster", "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBInstance",
	"AWS::RDS::DBParameterGroup", "AWS::RDS::DBSubnetGroup", "AWS::Route53Resolver::FirewallDomainList",
	"AWS::Route53Resolver::FirewallRuleGroup", "AWS::Route53Resolver::FirewallRuleGroupAssociation",
	"AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::SSM::Parameter",
	"AWS::SecretsManager::Secret", "AWS::StepFunctions::StateMachine", "AWS::WAFv2::WebACL",
}

deny contains f if {
	ten.tenant_stack
	some addr, r in lib.resources_in(taggable)
	f := verdict(addr, r)
}

# No tenant tag at all.
verdict(addr, r) := lib.finding(addr, "Tags", msg) if {
	not ten.raw_tenant(r)
	msg := sprintf("no tenant tag: every resource of %s's stack must be tagged tenant=%s", [owner_name, owner_name])
}

# A tenant tag known only at deploy time.
verdict(addr, r) := lib.unverifiable(addr, "Tags.tenant", v) if {
	v := ten.raw_tenant(r)
	not ten.tenant_label(r)
}

# Another tenant's tag.
verdict(addr, r) := lib.finding(addr, "Tags.tenant", msg) if {
	v := ten.tenant_label(r)
	v != ten.owner
	msg := sprintf("tagged tenant=%s in a stack of tenant %s", [v, ten.owner])
}

# Two tenants tie: the stack cannot be attributed to either.
verdict(addr, r) := lib.finding(addr, "Tags.tenant", msg) if {
	v := ten.tenant_label(r)
	not ten.owner
	msg := sprintf("tagged tenant=%s in a stack that mixes tenants (%s) in equal numbers", [v, ten.tenants_text])
}

owner_name := ten.owner

owner_name := "its tenant" if not ten.owner
