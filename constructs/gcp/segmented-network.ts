import { Construct } from 'constructs';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeNetworkFirewallPolicy } from '@cdktf/provider-google/lib/compute-network-firewall-policy';
import { ComputeNetworkFirewallPolicyAssociation } from '@cdktf/provider-google/lib/compute-network-firewall-policy-association';
import { ComputeNetworkFirewallPolicyRule } from '@cdktf/provider-google/lib/compute-network-firewall-policy-rule';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { NETWORK_TIERS, NetworkTier, PropError, tierSubnets } from '../props';
import { checkNonEmpty, checkProject, HOST_NAME } from './service-agents';

/** Source ranges of Google's external load balancers and health checks: the only ingress the web tier takes. */
export const LOAD_BALANCER_RANGES = ['35.191.0.0/16', '130.211.0.0/22'] as const;
/** restricted.googleapis.com: Google APIs reached privately, VPC-SC compatible. */
export const RESTRICTED_GOOGLE_APIS = '199.36.153.4/30';
/** Port of the app tier's services and of the data tier's PostgreSQL. */
export const APP_PORT = '8080';
export const DATA_PORT = '5432';

export interface SegmentedNetworkProps {
  /** The project that owns the network (a tenant's data project, or the cell's host project). */
  readonly project: string;
  readonly region: string;
  /** Network name; subnets are `<name>-web`, `<name>-app`, `<name>-data`. */
  readonly name: string;
  /** The network's range, split into web, app, data and a private-services range (Cloud SQL). */
  readonly cidr: string;
  /**
   * Host names the app tier may reach on 443 beyond Google APIs, i.e. the LLM sub-processors a tenant
   * allows (TEN-3). Empty means no such egress rule at all.
   * @default [] (a no-LLM workflow)
   */
  readonly llmHosts?: readonly string[];
  /**
   * Reserve the private-services range and peer it with Service Networking, so Cloud SQL gets a
   * private IP on this network.
   * @default true
   */
  readonly privateServiceAccess?: boolean;
  /** Labels for the resources that take them. @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'SegmentedNetwork';
const NETWORK_NAME = /^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$/;

/**
 * A segmented VPC: no auto subnets; one subnet per tier (web, app, data) with flow logs on every flow
 * and all metadata (NET-3) and private Google access; classic firewall denying all ingress and egress
 * by default (logged), allowing only the load balancer and health checks into the web tier, web → app,
 * app → data, internal traffic and Google APIs; Cloud NAT with logging; and, through a network firewall
 * policy evaluated before the classic rules, 443 to the allowed LLM hosts only (TEN-3).
 */
export class SegmentedNetwork extends Construct {
  readonly network: ComputeNetwork;
  readonly subnets: Readonly<Record<NetworkTier, ComputeSubnetwork>>;
  /** The CIDR of each tier and of the private-services range. */
  readonly ranges: Readonly<Record<NetworkTier | 'services', string>>;
  /** The reserved private-services range (absent when privateServiceAccess is off). */
  readonly servicesRange?: ComputeGlobalAddress;
  readonly privateServiceConnection?: ServiceNetworkingConnection;

  constructor(scope: Construct, id: string, props: SegmentedNetworkProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    checkNonEmpty(NAME, 'region', props.region, 'a region name');
    if (!NETWORK_NAME.test(props.name ?? '')) throw new PropError(NAME, 'name', `a network name matching ${NETWORK_NAME.source}`, props.name);
    const ranges = tierSubnets(NAME, 'cidr', props.cidr, [...NETWORK_TIERS, 'services']) as Record<NetworkTier | 'services', string>;
    const llmHosts = [...new Set(props.llmHosts ?? [])];
    llmHosts.forEach((h) => {
      if (!HOST_NAME.test(h)) throw new PropError(NAME, 'llmHosts', 'fully qualified host names, e.g. api.openai.com', h);
    });
    this.ranges = ranges;
    const { project, region, name } = props;

    this.network = new ComputeNetwork(this, 'network', {
      name,
      project,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      // The FQDN allow rules of the network firewall policy must be evaluated before the classic deny-all.
      networkFirewallPolicyEnforcementOrder: 'BEFORE_CLASSIC_FIREWALL',
    });

    const subnets: Partial<Record<NetworkTier, ComputeSubnetwork>> = {};
    for (const tier of NETWORK_TIERS) {
      subnets[tier] = new ComputeSubnetwork(this, `subnet-${tier}`, {
        name: `${name}-${tier}`,
        project,
        region,
        network: this.network.id,
        ipCidrRange: ranges[tier],
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 1, metadata: 'INCLUDE_ALL_METADATA' },
      });
    }
    this.subnets = subnets as Record<NetworkTier, ComputeSubnetwork>;

    const fw = (rid: string, config: Omit<ConstructorParameters<typeof ComputeFirewall>[2], 'network' | 'project' | 'name'>) =>
      new ComputeFirewall(this, rid, { name: `${name}-${rid}`, project, network: this.network.id, logConfig: { metadata: 'INCLUDE_ALL_METADATA' }, ...config });

    // Ingress (NET-1): deny everything, then open only what each tier needs.
    fw('deny-all-ingress', { direction: 'INGRESS', priority: 65534, sourceRanges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }] });
    fw('allow-lb-to-web', { direction: 'INGRESS', priority: 1000, sourceRanges: [...LOAD_BALANCER_RANGES], destinationRanges: [ranges.web], allow: [{ protocol: 'tcp', ports: ['443'] }] });
    fw('allow-web-to-app', { direction: 'INGRESS', priority: 1000, sourceRanges: [ranges.web], destinationRanges: [ranges.app], allow: [{ protocol: 'tcp', ports: [APP_PORT] }] });
    fw('allow-app-to-data', { direction: 'INGRESS', priority: 1000, sourceRanges: [ranges.app], destinationRanges: [ranges.data, ranges.services], allow: [{ protocol: 'tcp', ports: [DATA_PORT] }] });

    // Egress: deny everything, allow traffic inside the network and to Google APIs over the restricted VIP.
    fw('deny-all-egress', { direction: 'EGRESS', priority: 65534, destinationRanges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }] });
    fw('allow-internal-egress', { direction: 'EGRESS', priority: 1000, destinationRanges: [props.cidr], allow: [{ protocol: 'tcp', ports: ['443', APP_PORT, DATA_PORT] }] });
    fw('allow-google-apis-egress', { direction: 'EGRESS', priority: 1000, destinationRanges: [RESTRICTED_GOOGLE_APIS], allow: [{ protocol: 'tcp', ports: ['443'] }] });

    // LLM egress by host name (TEN-3): only when the tenant (in a cell, every tenant of its LLM profile) allows a sub-processor.
    if (llmHosts.length > 0) {
      const policy = new ComputeNetworkFirewallPolicy(this, 'llm-egress-policy', { name: `${name}-llm-egress`, project, description: 'Egress to the allowed LLM sub-processors only' });
      new ComputeNetworkFirewallPolicyRule(this, 'llm-egress-allow', {
        firewallPolicy: policy.name,
        project,
        priority: 1000,
        direction: 'EGRESS',
        action: 'allow',
        enableLogging: true,
        ruleName: 'allow-llm-hosts',
        match: { destFqdns: llmHosts, layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }] },
      });
      new ComputeNetworkFirewallPolicyAssociation(this, 'llm-egress-association', {
        name: `${name}-llm-egress`,
        project,
        firewallPolicy: policy.id,
        attachmentTarget: this.network.id,
      });
    }

    const router = new ComputeRouter(this, 'router', { name: `${name}-router`, project, region, network: this.network.id });
    new ComputeRouterNat(this, 'nat', {
      name: `${name}-nat`,
      project,
      region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: 'ALL' },
    });

    if (props.privateServiceAccess ?? true) {
      const [address, prefix] = ranges.services.split('/');
      this.servicesRange = new ComputeGlobalAddress(this, 'services-range', {
        name: `${name}-services`,
        project,
        purpose: 'VPC_PEERING',
        addressType: 'INTERNAL',
        address,
        prefixLength: Number(prefix),
        network: this.network.id,
        labels: props.labels,
      });
      this.privateServiceConnection = new ServiceNetworkingConnection(this, 'private-services', {
        network: this.network.id,
        service: 'servicenetworking.googleapis.com',
        reservedPeeringRanges: [this.servicesRange.name],
      });
    }
  }
}
