import { HttpsEdge, HttpsEdgeProps, PRECONFIGURED_WAF_RULES } from '../../../constructs/gcp/https-edge';
import { all, only, propError, synth } from './synth';

const EDGE: HttpsEdgeProps = {
  project: 'cdn-umbrella-prd',
  name: 'edge',
  domains: ['umbrella.cordon.example'],
  backend: { cloudRunService: 'app', region: 'us-central1' },
  rateLimits: [{ host: 'umbrella.cordon.example', perMinute: 2400 }],
  requestLogBucket: { project: 'cdn-audit-prd', location: 'europe-west1', bucketId: 'audit' },
};
const rules = (r: ReturnType<typeof synth>['resource']) => only(r, 'google_compute_security_policy').rule as any[];

describe('HttpsEdge', () => {
  test('GIVEN defaults THEN a sink of the serving project routes the load balancer request logs to the central bucket, as its own writer, without payloads (LOG-1, LOG-2)', () => {
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', EDGE));
    expect(only(r, 'google_logging_project_sink')).toMatchObject({
      name: 'cordon-edge-requests',
      project: 'cdn-umbrella-prd',
      destination: 'logging.googleapis.com/projects/cdn-audit-prd/locations/europe-west1/buckets/audit',
      filter: 'resource.type="http_load_balancer"',
      unique_writer_identity: true,
      exclusions: expect.arrayContaining([expect.objectContaining({ name: 'document-payloads' })]),
    });
    expect(only(r, 'google_project_iam_member')).toMatchObject({ project: 'cdn-audit-prd', role: 'roles/logging.bucketWriter' });
    // The project's audit sink owns its data-access audit config; a second one would fight over it.
    expect(r.google_project_iam_audit_config).toBeUndefined();
  });

  test('GIVEN defaults THEN Cloud Armor with every preconfigured WAF rule denying and adaptive protection', () => {
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', EDGE));
    const policy = only(r, 'google_compute_security_policy');
    expect(policy.adaptive_protection_config).toEqual({ layer_7_ddos_defense_config: { enable: true, rule_visibility: 'STANDARD' } });
    const waf = rules(r).filter((x) => x.match.expr?.expression.startsWith('evaluatePreconfiguredWaf'));
    expect(waf.map((x) => x.match.expr.expression.match(/'([^']+)'/)[1])).toEqual([...PRECONFIGURED_WAF_RULES]);
    expect(waf.map((x) => x.match.expr.expression).join()).toMatch(/sqli.*xss.*lfi.*rfi.*rce/);
    waf.forEach((x) => expect(x.action).toBe('deny(403)'));
    expect(rules(r).find((x) => x.priority === 2147483647)).toMatchObject({ action: 'allow' });
  });

  test('GIVEN a host rate limit THEN one throttle rule on that Host header at the limit per minute per IP', () => {
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', EDGE));
    const throttles = rules(r).filter((x) => x.action === 'throttle');
    expect(throttles).toHaveLength(1);
    expect(throttles[0]).toMatchObject({
      match: { expr: { expression: "request.headers['host'] == 'umbrella.cordon.example'" } },
      rate_limit_options: { conform_action: 'allow', exceed_action: 'deny(429)', enforce_on_key: 'IP', rate_limit_threshold: { count: 2400, interval_sec: 60 } },
    });
  });

  test('GIVEN several tenants THEN one rule per host, unique priorities; a host-less limit matches every source', () => {
    const { resource: r } = synth((s) =>
      new HttpsEdge(s, 'edge', { ...EDGE, domains: ['a.cordon.example', 'b.cordon.example'], rateLimits: [{ host: 'a.cordon.example', perMinute: 10 }, { host: 'b.cordon.example', perMinute: 1000000 }, { perMinute: 600 }] }),
    );
    const throttles = rules(r).filter((x) => x.action === 'throttle');
    expect(throttles.map((x) => x.rate_limit_options.rate_limit_threshold.count)).toEqual([10, 1000000, 600]);
    expect(throttles[2].match).toEqual({ versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } });
    const priorities = rules(r).map((x) => x.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  test('GIVEN defaults THEN RESTRICTED TLS 1.2+, managed certificate, HTTPS proxy with both, backend with the policy and logs', () => {
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', EDGE));
    expect(only(r, 'google_compute_ssl_policy')).toMatchObject({ profile: 'RESTRICTED', min_tls_version: 'TLS_1_2' });
    expect(only(r, 'google_compute_managed_ssl_certificate').managed).toEqual({ domains: ['umbrella.cordon.example'] });
    const proxy = only(r, 'google_compute_target_https_proxy');
    expect(proxy.ssl_policy).toMatch(/google_compute_ssl_policy\./);
    expect(proxy.ssl_certificates).toHaveLength(1);
    expect(only(r, 'google_compute_backend_service')).toMatchObject({
      protocol: 'HTTPS',
      load_balancing_scheme: 'EXTERNAL_MANAGED',
      security_policy: expect.stringMatching(/google_compute_security_policy\./),
      log_config: { enable: true, sample_rate: 1 },
    });
    expect(only(r, 'google_compute_region_network_endpoint_group')).toMatchObject({ network_endpoint_type: 'SERVERLESS', region: 'us-central1', cloud_run: { service: 'app' } });
  });

  test('GIVEN defaults THEN HSTS and CSP on every response, and HTTP only redirects', () => {
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', EDGE));
    const maps = all(r, 'google_compute_url_map');
    const https = maps.find((m) => m.default_service)!;
    const headers = Object.fromEntries(https.header_action.response_headers_to_add.map((h: any) => [h.header_name, h.header_value]));
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains; preload');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    const redirect = maps.find((m) => m.default_url_redirect)!;
    expect(redirect.default_url_redirect).toMatchObject({ https_redirect: true, strip_query: false });
    expect(redirect.default_service).toBeUndefined();
    const rulesByPort = Object.fromEntries(all(r, 'google_compute_global_forwarding_rule').map((f) => [f.port_range, f.target]));
    expect(rulesByPort['443']).toMatch(/google_compute_target_https_proxy\./);
    expect(rulesByPort['80']).toMatch(/google_compute_target_http_proxy\./);
  });

  test('GIVEN 101 domains THEN two certificates of at most 100', () => {
    const domains = Array.from({ length: 101 }, (_, i) => `t${i}.cordon.example`);
    const { resource: r } = synth((s) => new HttpsEdge(s, 'edge', { ...EDGE, domains }));
    expect(all(r, 'google_compute_managed_ssl_certificate').map((c) => c.managed.domains.length).sort((a, b) => a - b)).toEqual([1, 100]);
    expect(only(r, 'google_compute_target_https_proxy').ssl_certificates).toHaveLength(2);
  });

  test.each([
    [{ rateLimits: [{ perMinute: 9 }] }, propError('HttpsEdge', 'rateLimitPerMinute', 'an integer from 10 to 1000000', 9)],
    [{ rateLimits: [{ perMinute: 1000001 }] }, propError('HttpsEdge', 'rateLimitPerMinute', 'an integer from 10 to 1000000', 1000001)],
    [{ rateLimits: [] }, propError('HttpsEdge', 'rateLimits', 'at least one rate limit (EDGE-2)', [])],
    [{ rateLimits: [{ perMinute: 10 }, { perMinute: 20 }] }, propError('HttpsEdge', 'rateLimits', 'one rate limit per host', '*')],
    [{ rateLimits: [{ host: 'not a host', perMinute: 10 }] }, propError('HttpsEdge', 'rateLimits.host', 'a fully qualified host name', 'not a host')],
    [{ domains: [] }, propError('HttpsEdge', 'domains', 'a non-empty list of host names', [])],
    [{ wafRules: [] }, propError('HttpsEdge', 'wafRules', 'at least one preconfigured WAF rule set (EDGE-1)', [])],
    [{ minTlsVersion: 'TLS_1_1' }, propError('HttpsEdge', 'minTlsVersion', 'one of TLS_1_2 | TLS_1_3', 'TLS_1_1')],
    [{ hstsMaxAgeSeconds: 31535999 }, propError('HttpsEdge', 'hstsMaxAgeSeconds', 'an integer from 31536000 to 63072000', 31535999)],
    [{ contentSecurityPolicy: 'upgrade-insecure-requests' }, propError('HttpsEdge', 'contentSecurityPolicy', 'a policy with default-src or frame-ancestors', 'upgrade-insecure-requests')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new HttpsEdge(s, 'edge', { ...EDGE, ...(override as object) }))).toThrow(message);
  });

  test('GIVEN 1501 domains THEN refused (15 certificates of 100 per proxy)', () => {
    const domains = Array.from({ length: 1501 }, (_, i) => `t${i}.cordon.example`);
    expect(() => synth((s) => new HttpsEdge(s, 'edge', { ...EDGE, domains }))).toThrow(propError('HttpsEdge', 'domains', 'at most 1500 host names (15 certificates of 100)', 1501));
  });
});
