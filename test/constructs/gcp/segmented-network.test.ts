import { SegmentedNetwork, SegmentedNetworkProps } from '../../../constructs/gcp/segmented-network';
import { all, only, propError, synth } from './synth';

const NET: SegmentedNetworkProps = { project: 'cdn-umbrella-prd', region: 'us-central1', name: 'vpc', cidr: '10.30.0.0/16' };
const firewall = (r: ReturnType<typeof synth>['resource'], name: string) => all(r, 'google_compute_firewall').find((f) => f.name === name)!;

describe('SegmentedNetwork', () => {
  test('GIVEN defaults THEN a custom-mode VPC with policy before classic firewall', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', NET));
    expect(only(r, 'google_compute_network')).toMatchObject({
      name: 'vpc',
      project: 'cdn-umbrella-prd',
      auto_create_subnetworks: false,
      network_firewall_policy_enforcement_order: 'BEFORE_CLASSIC_FIREWALL',
    });
  });

  test('GIVEN a /16 THEN web, app, data /20 subnets with full flow logs and private Google access', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', NET));
    const subnets = all(r, 'google_compute_subnetwork');
    expect(Object.fromEntries(subnets.map((x) => [x.name, x.ip_cidr_range]))).toEqual({ 'vpc-web': '10.30.0.0/20', 'vpc-app': '10.30.16.0/20', 'vpc-data': '10.30.32.0/20' });
    subnets.forEach((x) =>
      expect(x).toMatchObject({ region: 'us-central1', private_ip_google_access: true, log_config: { flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' } }),
    );
  });

  test('GIVEN defaults THEN ingress is denied except LB/health checks to web, web to app and app to data', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', NET));
    expect(firewall(r, 'vpc-deny-all-ingress')).toMatchObject({ direction: 'INGRESS', priority: 65534, source_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }], log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(firewall(r, 'vpc-allow-lb-to-web')).toMatchObject({ source_ranges: ['35.191.0.0/16', '130.211.0.0/22'], destination_ranges: ['10.30.0.0/20'], allow: [{ protocol: 'tcp', ports: ['443'] }] });
    expect(firewall(r, 'vpc-allow-web-to-app')).toMatchObject({ source_ranges: ['10.30.0.0/20'], destination_ranges: ['10.30.16.0/20'] });
    expect(firewall(r, 'vpc-allow-app-to-data')).toMatchObject({ source_ranges: ['10.30.16.0/20'], destination_ranges: ['10.30.32.0/20', '10.30.48.0/20'], allow: [{ protocol: 'tcp', ports: ['5432'] }] });
    const openToWorld = all(r, 'google_compute_firewall').filter((f) => f.direction === 'INGRESS' && f.allow && (f.source_ranges ?? []).includes('0.0.0.0/0'));
    expect(openToWorld).toEqual([]);
  });

  test('GIVEN defaults THEN egress is denied and logged, except internal and restricted Google APIs, with no LLM rule', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', NET));
    expect(firewall(r, 'vpc-deny-all-egress')).toMatchObject({ direction: 'EGRESS', priority: 65534, destination_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }], log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(firewall(r, 'vpc-allow-google-apis-egress')).toMatchObject({ destination_ranges: ['199.36.153.4/30'], allow: [{ protocol: 'tcp', ports: ['443'] }] });
    expect(r.google_compute_network_firewall_policy).toBeUndefined();
    expect(r.google_compute_network_firewall_policy_rule).toBeUndefined();
    expect(r.google_compute_network_firewall_policy_association).toBeUndefined();
  });

  test('GIVEN LLM hosts THEN one logged FQDN allow rule on 443, associated with the network', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', { ...NET, llmHosts: ['api.openai.com', 'api.openai.com', 'api.anthropic.com'] }));
    expect(only(r, 'google_compute_network_firewall_policy_rule')).toMatchObject({
      direction: 'EGRESS',
      action: 'allow',
      enable_logging: true,
      match: { dest_fqdns: ['api.openai.com', 'api.anthropic.com'], layer4_configs: [{ ip_protocol: 'tcp', ports: ['443'] }] },
    });
    expect(only(r, 'google_compute_network_firewall_policy_association').attachment_target).toMatch(/^\$\{google_compute_network\..*\.id\}$/);
  });

  test('GIVEN defaults THEN Cloud NAT logs everything and the services range is peered for Cloud SQL', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', { ...NET, labels: { tenant: 'umbrella' } }));
    expect(only(r, 'google_compute_router_nat')).toMatchObject({ log_config: { enable: true, filter: 'ALL' }, source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' });
    expect(only(r, 'google_compute_global_address')).toMatchObject({ name: 'vpc-services', purpose: 'VPC_PEERING', address_type: 'INTERNAL', address: '10.30.48.0', prefix_length: 20, labels: { tenant: 'umbrella' } });
    expect(only(r, 'google_service_networking_connection')).toMatchObject({ service: 'servicenetworking.googleapis.com' });
  });

  test('GIVEN privateServiceAccess false THEN no peering', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', { ...NET, privateServiceAccess: false }));
    expect(r.google_service_networking_connection).toBeUndefined();
    expect(r.google_compute_global_address).toBeUndefined();
  });

  test('GIVEN a /24 (the smallest) THEN /28 tiers', () => {
    const { resource: r } = synth((s) => new SegmentedNetwork(s, 'net', { ...NET, cidr: '10.30.1.0/24' }));
    expect(all(r, 'google_compute_subnetwork').map((x) => x.ip_cidr_range).sort()).toEqual(['10.30.1.0/28', '10.30.1.16/28', '10.30.1.32/28']);
  });

  test.each([
    [{ cidr: '10.30.0.1/16' }, propError('SegmentedNetwork', 'cidr', 'an IPv4 CIDR from /8 to /24 with host bits zero, e.g. 10.40.0.0/16', '10.30.0.1/16')],
    [{ cidr: '10.30.1.0/25' }, propError('SegmentedNetwork', 'cidr', 'an IPv4 CIDR from /8 to /24 with host bits zero, e.g. 10.40.0.0/16', '10.30.1.0/25')],
    [{ llmHosts: ['*.openai.com'] }, propError('SegmentedNetwork', 'llmHosts', 'fully qualified host names, e.g. api.openai.com', '*.openai.com')],
    [{ name: 'Bad_Name' }, propError('SegmentedNetwork', 'name', 'a network name matching ^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$', 'Bad_Name')],
    [{ project: 'p' }, propError('SegmentedNetwork', 'project', 'a GCP project id matching ^[a-z][a-z0-9-]{4,28}[a-z0-9]$', 'p')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new SegmentedNetwork(s, 'net', { ...NET, ...override }))).toThrow(message);
  });
});
