import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

/** The logical id of the template's only (or first) resource of `type`. */
const firstOf = (t: any, type: string): string => {
  const id = Object.keys(t.Resources).find((k) => t.Resources[k].Type === type);
  if (!id) throw new Error(`mutation: no ${type} in the template`);
  return id;
};

export const rows: MutationRow[] = [
  {
    name: 'load balancer security group opens ssh instead of https to the internet',
    rule: 'NET-1-AWS',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::EC2::SecurityGroup', (p) => Object.assign(p.SecurityGroupIngress[0], { FromPort: 22, ToPort: 22 }), /^NetworkLbSecurityGroup/),
  },
  {
    name: 'data tier reachable from the VPC CIDR instead of the app security group',
    rule: 'NET-1-AWS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::EC2::SecurityGroupIngress', (p) => {
      delete p.SourceSecurityGroupId;
      p.CidrIp = '10.50.0.0/16';
    }, /^NetworkDataSecurityGroupfrom/),
  },
  {
    name: 'GCP web-to-app firewall opened to 0.0.0.0/0',
    rule: 'NET-1-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_compute_firewall', (b) => (b.source_ranges = ['0.0.0.0/0']), /^network_allow-web-to-app/),
  },
  {
    name: 'GCP data firewall reachable from the load balancer ranges',
    rule: 'NET-1-GCP',
    stack: 'acme-staging',
    file: tfFile('acme-staging'),
    mutate: tf('google_compute_firewall', (b) => (b.source_ranges = ['35.191.0.0/16']), /^network_allow-app-to-data/),
  },
  {
    name: 'VPC flow log captures rejected traffic only',
    rule: 'NET-3-AWS',
    stack: 'globex-staging',
    file: cdkFile('globex-staging'),
    mutate: (t) => {
      cfn('AWS::EC2::FlowLog', (p) => (p.TrafficType = 'REJECT'))(t);
      return firstOf(t, 'AWS::EC2::VPC');
    },
  },
  {
    name: 'GCP subnetwork samples half of its flows',
    rule: 'NET-3-GCP',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_compute_subnetwork', (b) => (b.log_config.flow_sampling = 0.5), /^network_subnet-data/),
  },
  {
    name: 'GCP network in auto mode (auto_create_subnetworks left to its default)',
    rule: 'NET-3-GCP',
    stack: 'cordon-cell-prod-europe-west1',
    file: tfFile('cordon-cell-prod-europe-west1'),
    mutate: tf('google_compute_network', (b) => delete b.auto_create_subnetworks),
  },
  {
    name: 'Aurora writer publicly accessible',
    rule: 'NET-4-AWS',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::RDS::DBInstance', (p) => (p.PubliclyAccessible = true)),
  },
  {
    name: 'documents bucket stops restricting public buckets',
    rule: 'NET-4-AWS',
    stack: 'wayne-prod',
    file: cdkFile('wayne-prod'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.PublicAccessBlockConfiguration.RestrictPublicBuckets = false), /^Documents/),
  },
  {
    name: 'GCS bucket public access prevention inherited',
    rule: 'NET-4-GCP',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_storage_bucket', (b) => (b.public_access_prevention = 'inherited')),
  },
  {
    name: 'GCS bucket readable by allUsers',
    rule: 'NET-4-GCP',
    stack: 'northwind-prod',
    file: tfFile('northwind-prod'),
    mutate: tf('google_storage_bucket_iam_member', (b) => (b.member = 'allUsers')),
  },
  {
    name: 'Cloud SQL with a public IPv4 address',
    rule: 'NET-4-GCP',
    stack: 'northwind-staging',
    file: tfFile('northwind-staging'),
    mutate: tf('google_sql_database_instance', (b) => (b.settings.ip_configuration.ipv4_enabled = true)),
  },
  {
    name: 'dedicated tenant service placed in the shared cell subnets',
    rule: 'NET-2-AWS',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::ECS::Service', (p) => {
      p.NetworkConfiguration.AwsvpcConfiguration.Subnets[0] = { 'Fn::ImportValue': 'cordon-cell-prod-us-east-1:ExportsOutputRefNetworkVpcdataSubnet1SubnetE7C988E9654FEFB2' };
    }),
  },
  {
    name: 'dedicated tenant Cloud Run attached to the cell network',
    rule: 'NET-2-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_cloud_run_v2_service', (b) => (b.template.vpc_access.network_interfaces[0].network = 'projects/cdn-cell-prd/global/networks/cell-europe-west1')),
  },
  {
    name: 'staging database subnet group in a prod cell subnet',
    rule: 'NET-5-AWS',
    stack: 'initech-staging',
    file: cdkFile('initech-staging'),
    mutate: cfn('AWS::RDS::DBSubnetGroup', (p) => {
      p.SubnetIds[0] = { 'Fn::ImportValue': 'cordon-cell-prod-us-east-1:ExportsOutputRefNetworkVpcdataSubnet1SubnetE7C988E9654FEFB2' };
    }),
  },
  {
    name: 'staging tenant project attached to the prod shared-VPC host',
    rule: 'NET-5-GCP',
    stack: 'hooli-staging',
    file: tfFile('hooli-staging'),
    mutate: tf('google_compute_shared_vpc_service_project', (b) => (b.host_project = 'cdn-cell-prd')),
  },
];
