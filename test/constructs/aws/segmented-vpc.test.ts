import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SegmentedVpc, SegmentedVpcProps } from '../../../constructs/aws/segmented-vpc';
import { agnosticStack, stack, tenantKey } from './_stack';

function build(props: Partial<SegmentedVpcProps> = {}, region = 'us-east-1') {
  const s = stack(region);
  const vpc = new SegmentedVpc(s, 'Net', { cidr: '10.20.0.0/16', flowLogKey: tenantKey(s, 'logs'), ...props });
  return { vpc, t: Template.fromStack(s) };
}

const ingressRules = (t: Template) => [
  ...Object.values(t.findResources('AWS::EC2::SecurityGroup')).flatMap((r: any) => r.Properties.SecurityGroupIngress ?? []),
  ...Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties),
];

describe('SegmentedVpc', () => {
  test('GIVEN defaults THEN three tiers in two explicit zones, each tier inside its /20 block', () => {
    const { t } = build();
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    const subnets = Object.values(t.findResources('AWS::EC2::Subnet')).map((r: any) => [r.Properties.CidrBlock, r.Properties.AvailabilityZone, r.Properties.MapPublicIpOnLaunch]);
    expect(subnets).toEqual([
      ['10.20.0.0/21', 'us-east-1a', false],
      ['10.20.8.0/21', 'us-east-1b', false],
      ['10.20.16.0/21', 'us-east-1a', false],
      ['10.20.24.0/21', 'us-east-1b', false],
      ['10.20.32.0/21', 'us-east-1a', false],
      ['10.20.40.0/21', 'us-east-1b', false],
    ]);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({}) });
  });

  test('GIVEN three zones THEN each tier is split in four, still inside its block', () => {
    const { t } = build({ availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] }, 'eu-west-1');
    const cidrs = Object.values(t.findResources('AWS::EC2::Subnet')).map((r: any) => r.Properties.CidrBlock);
    expect(cidrs).toEqual(['10.20.0.0/22', '10.20.4.0/22', '10.20.8.0/22', '10.20.16.0/22', '10.20.20.0/22', '10.20.24.0/22', '10.20.32.0/22', '10.20.36.0/22', '10.20.40.0/22']);
  });

  test('GIVEN defaults THEN flow logs of ALL traffic go to a KMS-encrypted log group (NET-3)', () => {
    const { t } = build();
    t.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', MaxAggregationInterval: 60 });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^logsKey'), 'Arn'] }, RetentionInDays: 365, DataProtectionPolicy: Match.absent() });
  });

  test('GIVEN defaults THEN the default security group is stripped of its rules', () => {
    build().t.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    build({ restrictDefaultSecurityGroup: false }).t.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
  });

  test('GIVEN defaults THEN the only ingress from 0.0.0.0/0 is the load balancer on 443 (NET-1)', () => {
    const { t } = build();
    const open = ingressRules(t).filter((r: any) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
    expect(open).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })]);
  });

  test('GIVEN defaults THEN app takes 8080 from lb only, data takes 5432 from app only and sends nothing', () => {
    const { vpc, t } = build();
    const s = (sg: any) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^Net${sg}`)), 'GroupId'] });
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties);
    expect(ingress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ GroupId: s('AppSecurityGroup'), SourceSecurityGroupId: s('LbSecurityGroup'), FromPort: 8080, ToPort: 8080 }),
        expect.objectContaining({ GroupId: s('DataSecurityGroup'), SourceSecurityGroupId: s('AppSecurityGroup'), FromPort: 5432, ToPort: 5432 }),
      ]),
    );
    expect(ingress).toHaveLength(2);
    const dataSg = t.toJSON().Resources[Stack.of(vpc).getLogicalId(vpc.dataSecurityGroup.node.defaultChild as CfnElement)];
    expect(dataSg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })]);
    const egress = Object.values(t.findResources('AWS::EC2::SecurityGroupEgress')).map((r: any) => r.Properties);
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ GroupId: s('LbSecurityGroup'), DestinationSecurityGroupId: s('AppSecurityGroup'), FromPort: 8080 }),
        expect.objectContaining({ GroupId: s('AppSecurityGroup'), DestinationSecurityGroupId: s('DataSecurityGroup'), FromPort: 5432 }),
      ]),
    );
  });

  test('GIVEN no allowed egress domains THEN the DNS firewall allows AWS only; GIVEN LLM hosts THEN those too (TEN-3)', () => {
    const none = JSON.stringify(build().t.findResources('AWS::Route53Resolver::FirewallDomainList'));
    expect(none).not.toMatch(/openai|anthropic/);
    build({ allowedEgressDomains: ['api.anthropic.com'] }).t.hasResourceProperties('AWS::Route53Resolver::FirewallDomainList', {
      Domains: Match.arrayWith(['*.amazonaws.com', 'api.anthropic.com']),
    });
  });

  test('GIVEN one NAT gateway THEN one', () => {
    build({ natGateways: 1 }).t.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test.each([
    ['cidr with host bits', { cidr: '10.20.1.0/16' }, /SegmentedVpc: invalid cidr: expected an IPv4 CIDR from \/8 to \/24 with host bits zero, e.g. 10.40.0.0\/16, received "10.20.1.0\/16"/],
    ['cidr /24 (too small for 3 tiers x 2 zones)', { cidr: '10.20.0.0/24' }, /SegmentedVpc: invalid cidr: expected a range from \/8 to \/23 .*received "10.20.0.0\/24"/],
    ['one zone', { availabilityZones: ['us-east-1a'] }, /SegmentedVpc: invalid availabilityZones: expected 2 to 4 distinct zone names, received \["us-east-1a"\]/],
    ['duplicate zones', { availabilityZones: ['us-east-1a', 'us-east-1a'] }, /invalid availabilityZones/],
    ['natGateways 0', { natGateways: 0 }, /SegmentedVpc: invalid natGateways: expected an integer from 1 to 2, received 0/],
    ['natGateways 3 with two zones', { natGateways: 3 }, /received 3/],
    ['appPort 80', { appPort: 80 }, /SegmentedVpc: invalid appPort: expected an integer from 1024 to 65535, received 80/],
    ['egress domain', { allowedEgressDomains: ['API.OPENAI.COM'] }, /EgressFirewall: invalid allowedDomains\[0\]/],
    ['flow log retention', { flowLogRetentionDays: 10 }, /EncryptedLogGroup: invalid retentionDays: .*received 10/],
  ])('refuses %s', (_what, props, message) => {
    expect(() => build(props as Partial<SegmentedVpcProps>)).toThrow(message);
  });

  test('boundary: a /23 works with two zones (/28 subnets)', () => {
    const cidrs = Object.values(build({ cidr: '10.20.0.0/23' }).t.findResources('AWS::EC2::Subnet')).map((r: any) => r.Properties.CidrBlock);
    expect(cidrs).toEqual(['10.20.0.0/28', '10.20.0.16/28', '10.20.0.32/28', '10.20.0.48/28', '10.20.0.64/28', '10.20.0.80/28']);
  });

  test('GIVEN a stack without a region and no zones THEN refused (no context lookup)', () => {
    const s = agnosticStack();
    expect(() => new SegmentedVpc(s, 'Net', { cidr: '10.20.0.0/16', flowLogKey: tenantKey(s, 'logs') })).toThrow(
      /SegmentedVpc: invalid availabilityZones: expected explicit zone names when the stack has no concrete region/,
    );
  });
});
