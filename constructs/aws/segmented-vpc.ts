import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { checkInteger, LOG_RETENTION_DAYS, NETWORK_TIERS, PropError, tierSubnets } from '../props';
import { APP_PORT, HTTPS_PORT, POSTGRES_PORT } from './constants';
import { EgressFirewall } from './egress-firewall';
import { EncryptedLogGroup } from './log-group';

export interface SegmentedVpcProps {
  /**
   * The VPC's IPv4 range, host bits zero. Each tier gets a sixteenth of it (`tierSubnets`), split per
   * zone; AWS subnets are at least /28, so with two zones the range is /8 to /23.
   */
  readonly cidr: string;
  /**
   * Availability zones, named explicitly so synthesis never looks them up (2 to 4).
   * @default [`${region}a`, `${region}b`] of the stack's region (which must then be concrete)
   */
  readonly availabilityZones?: readonly string[];
  /** KMS key of the flow log group; its policy must admit CloudWatch Logs. Required (ENC-1). */
  readonly flowLogKey: kms.IKey;
  /**
   * Days flow log events are kept.
   * @default 365 (LOG_RETENTION_DAYS)
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Data protection policy on the flow log group (only addresses and ports; PHI tenants keep it on anyway).
   * @default false
   */
  readonly flowLogDataProtection?: boolean;
  /**
   * Host names the app tier may resolve beyond AWS service domains (the LLM hosts a tenant allows; TEN-3).
   * @default [] (no LLM egress)
   */
  readonly allowedEgressDomains?: readonly string[];
  /**
   * NAT gateways for the app tier's egress (1 up to one per zone).
   * @default one per availability zone
   */
  readonly natGateways?: number;
  /**
   * Port the app tier listens on; the load balancer reaches the app tier on it only.
   * @default 8080
   */
  readonly appPort?: number;
  /**
   * Remove every rule of the VPC's default security group (a custom resource: one Lambda per stack).
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;
}

const NAME = 'SegmentedVpc';

/**
 * Allocates each tier the block `tierSubnets` gives it (a /16 gives three /20s, web first) and splits
 * it per zone, so a tier's subnets never leave its block whatever the number of zones.
 */
class TierAddresses implements ec2.IIpAddresses {
  constructor(
    private readonly cidr: string,
    private readonly tiers: Record<string, string>,
    private readonly zones: readonly string[],
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const zoneBits = Math.ceil(Math.log2(this.zones.length));
    return {
      allocatedSubnets: input.requestedSubnets.map((r) => {
        const [base, prefix] = this.tiers[r.configuration.name].split('/');
        const start = base.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
        const sub = Number(prefix) + zoneBits;
        const addr = start + this.zones.indexOf(r.availabilityZone) * 2 ** (32 - sub);
        return { cidr: `${[24, 16, 8, 0].map((s) => Math.floor(addr / 2 ** s) % 256).join('.')}/${sub}` };
      }),
    };
  }
}

/**
 * A segmented VPC (NET-1, NET-3): a `web` tier of public subnets for the load balancer only, an `app`
 * tier of private subnets with NAT egress, a `data` tier of isolated subnets. Security groups follow the
 * tiers: `lb` takes 443 from anywhere (the only public ingress) and talks to `app` only; `app` takes
 * traffic from `lb` only; `data` takes 5432 from `app` only and sends nothing. Flow logs of all traffic
 * go to a KMS-encrypted log group; a DNS firewall lets the VPC resolve only AWS service domains and the
 * allowed hosts (TEN-3); S3 is reached through a gateway endpoint. Zones are explicit: no context lookup.
 */
export class SegmentedVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly lbSecurityGroup: ec2.SecurityGroup;
  readonly appSecurityGroup: ec2.SecurityGroup;
  readonly dataSecurityGroup: ec2.SecurityGroup;
  readonly flowLogGroup: EncryptedLogGroup;
  readonly egressFirewall: EgressFirewall;
  /** The subnets of each tier. */
  readonly webSubnets: ec2.SubnetSelection = { subnetGroupName: 'web' };
  readonly appSubnets: ec2.SubnetSelection = { subnetGroupName: 'app' };
  readonly dataSubnets: ec2.SubnetSelection = { subnetGroupName: 'data' };

  constructor(scope: Construct, id: string, props: SegmentedVpcProps) {
    super(scope, id);
    const tiers = tierSubnets(NAME, 'cidr', props.cidr);
    const region = Stack.of(this).region;
    if (!props.availabilityZones && Token.isUnresolved(region)) {
      throw new PropError(NAME, 'availabilityZones', 'explicit zone names when the stack has no concrete region (no context lookups)', undefined);
    }
    const zones = props.availabilityZones ?? [`${region}a`, `${region}b`];
    if (zones.length < 2 || zones.length > 4 || new Set(zones).size !== zones.length) {
      throw new PropError(NAME, 'availabilityZones', '2 to 4 distinct zone names', zones);
    }
    const longestPrefix = 24 - Math.ceil(Math.log2(zones.length));
    if (Number(props.cidr.split('/')[1]) > longestPrefix) {
      throw new PropError(NAME, 'cidr', `a range from /8 to /${longestPrefix} (each tier's subnet in each of ${zones.length} zones needs at least a /28)`, props.cidr);
    }
    const natGateways = props.natGateways ?? zones.length;
    checkInteger(NAME, 'natGateways', natGateways, 1, zones.length);
    const appPort = props.appPort ?? APP_PORT;
    checkInteger(NAME, 'appPort', appPort, 1024, 65535);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new TierAddresses(props.cidr, tiers, zones),
      availabilityZones: [...zones],
      natGateways,
      natGatewaySubnets: this.webSubnets,
      subnetConfiguration: [
        { name: NETWORK_TIERS[0], subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        { name: NETWORK_TIERS[1], subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: NETWORK_TIERS[2], subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: props.restrictDefaultSecurityGroup ?? true,
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });

    this.flowLogGroup = new EncryptedLogGroup(this, 'FlowLogs', {
      key: props.flowLogKey,
      retentionDays: props.flowLogRetentionDays ?? LOG_RETENTION_DAYS,
      dataProtection: props.flowLogDataProtection ?? false,
    });
    new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup.logGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    });

    const sg = (sgId: string, description: string) => new ec2.SecurityGroup(this, sgId, { vpc: this.vpc, description, allowAllOutbound: false });
    this.lbSecurityGroup = sg('LbSecurityGroup', 'cordon web tier: the load balancer; HTTPS from anywhere');
    this.appSecurityGroup = sg('AppSecurityGroup', 'cordon app tier: reachable from the load balancer only');
    this.dataSecurityGroup = sg('DataSecurityGroup', 'cordon data tier: PostgreSQL from the app tier only, no outbound');

    this.lbSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(HTTPS_PORT), 'HTTPS from anywhere: the only public ingress (NET-1)');
    this.lbSecurityGroup.connections.allowTo(this.appSecurityGroup, ec2.Port.tcp(appPort), 'load balancer to app tier');
    this.appSecurityGroup.connections.allowTo(this.dataSecurityGroup, ec2.Port.tcp(POSTGRES_PORT), 'app tier to data tier');
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(HTTPS_PORT), 'HTTPS to AWS APIs and allowed hosts; names filtered by the DNS firewall');

    this.egressFirewall = new EgressFirewall(this, 'EgressFirewall', { vpcId: this.vpc.vpcId, allowedDomains: props.allowedEgressDomains ?? [] });
  }
}
