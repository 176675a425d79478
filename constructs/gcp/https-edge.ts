import { Construct } from 'constructs';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import { ComputeSecurityPolicy, ComputeSecurityPolicyRule } from '@cdktf/provider-google/lib/compute-security-policy';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import { checkOneOf, checkRateLimit, PropError } from '../props';
import { AuditSink, LB_REQUEST_LOG_FILTER, LogBucketRef } from './audit-sink';
import { checkNonEmpty, checkProject, HOST_NAME } from './service-agents';

/** Cloud Armor preconfigured WAF rule sets denied at the edge (EDGE-1). */
export const PRECONFIGURED_WAF_RULES = [
  'sqli-v33-stable',
  'xss-v33-stable',
  'lfi-v33-stable',
  'rfi-v33-stable',
  'rce-v33-stable',
  'methodenforcement-v33-stable',
  'scannerdetection-v33-stable',
  'protocolattack-v33-stable',
  'sessionfixation-v33-stable',
  'cve-canary',
] as const;

/** HSTS max-age: one year, the minimum browsers' preload lists take (TLS-3). */
export const HSTS_MAX_AGE_SECONDS = 31536000;
/** A CSP for an API and single-page app served from its own origin (TLS-3). */
export const DEFAULT_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; upgrade-insecure-requests";
/** Domains one Google-managed certificate covers, and certificates one HTTPS proxy takes. */
export const DOMAINS_PER_CERTIFICATE = 100;
export const CERTIFICATES_PER_PROXY = 15;

/** SSL policy minimum versions TLS-1 accepts (`gcp_min_tls_versions` in policies/lib/tls.rego). */
export const EDGE_MIN_TLS_VERSIONS = ['TLS_1_2', 'TLS_1_3'] as const;
export type EdgeMinTlsVersion = (typeof EDGE_MIN_TLS_VERSIONS)[number];

export interface RateLimit {
  /** Requests matching this Host header only; absent means every request. */
  readonly host?: string;
  /** Requests per minute per client IP (EDGE-2), from 10 to 1,000,000. */
  readonly perMinute: number;
}

export interface HttpsEdgeProps {
  readonly project: string;
  /** Prefix of every resource name. */
  readonly name: string;
  /** Public host names served, each on a Google-managed certificate. */
  readonly domains: readonly string[];
  /** The Cloud Run service behind the edge, reached through a serverless network endpoint group. */
  readonly backend: { readonly cloudRunService: string; readonly region: string };
  /**
   * The central log bucket the request logs (with Cloud Armor's decisions) are routed to, in another
   * project: the environment's locked CMEK audit bucket (LOG-1, RET-3). Left in the serving project
   * they would sit in its `_Default` bucket: 30 days, no customer key.
   */
  readonly requestLogBucket: LogBucketRef;
  /** One rate-based Cloud Armor rule per entry (EDGE-2); at least one. */
  readonly rateLimits: readonly RateLimit[];
  /** @default PRECONFIGURED_WAF_RULES */
  readonly wafRules?: readonly string[];
  /** Lowest TLS version offered, with the RESTRICTED profile (TLS-1). @default 'TLS_1_2' */
  readonly minTlsVersion?: EdgeMinTlsVersion;
  /** Strict-Transport-Security max-age. @default 31536000 (one year), at least one year */
  readonly hstsMaxAgeSeconds?: number;
  /** Content-Security-Policy on every response. @default DEFAULT_CSP */
  readonly contentSecurityPolicy?: string;
  /** Labels for the resources that take them. @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'HttpsEdge';
const RESOURCE_NAME = /^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$/;
const WAF_RULE = /^[a-z0-9-]+$/;

/**
 * A global external HTTPS load balancer in front of a Cloud Run service: Google-managed certificates,
 * an SSL policy RESTRICTED with TLS 1.2 or later (TLS-1), a Cloud Armor policy with preconfigured WAF
 * rules, adaptive protection (L7 DDoS) and one rate-based rule per limit (EDGE-1, EDGE-2), HSTS and CSP
 * on every response (TLS-3), every request logged and routed by a sink of the serving project into the
 * central log bucket, and plain HTTP only as a redirect to HTTPS.
 */
export class HttpsEdge extends Construct {
  readonly securityPolicy: ComputeSecurityPolicy;
  readonly sslPolicy: ComputeSslPolicy;
  readonly address: ComputeGlobalAddress;
  readonly backendService: ComputeBackendService;
  /** The sink routing the request logs to `requestLogBucket`. */
  readonly requestLogs: AuditSink;

  constructor(scope: Construct, id: string, props: HttpsEdgeProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    if (!RESOURCE_NAME.test(props.name ?? '')) throw new PropError(NAME, 'name', `a name matching ${RESOURCE_NAME.source}`, props.name);
    const domains = props.domains ?? [];
    if (domains.length === 0) throw new PropError(NAME, 'domains', 'a non-empty list of host names', domains);
    domains.forEach((d) => {
      if (!HOST_NAME.test(d)) throw new PropError(NAME, 'domains', 'fully qualified host names, e.g. acme.cordon.example', d);
    });
    if (new Set(domains).size !== domains.length) throw new PropError(NAME, 'domains', 'each host name once', domains);
    const maxDomains = DOMAINS_PER_CERTIFICATE * CERTIFICATES_PER_PROXY;
    if (domains.length > maxDomains) throw new PropError(NAME, 'domains', `at most ${maxDomains} host names (${CERTIFICATES_PER_PROXY} certificates of ${DOMAINS_PER_CERTIFICATE})`, domains.length);
    checkNonEmpty(NAME, 'backend.cloudRunService', props.backend?.cloudRunService, 'the name of a Cloud Run service');
    checkNonEmpty(NAME, 'backend.region', props.backend?.region, 'a region name');
    const rateLimits = props.rateLimits ?? [];
    if (rateLimits.length === 0) throw new PropError(NAME, 'rateLimits', 'at least one rate limit (EDGE-2)', rateLimits);
    const seenHosts = new Set<string>();
    rateLimits.forEach((r) => {
      checkRateLimit(NAME, r.perMinute);
      const key = r.host ?? '*';
      if (r.host !== undefined && !HOST_NAME.test(r.host)) throw new PropError(NAME, 'rateLimits.host', 'a fully qualified host name', r.host);
      if (seenHosts.has(key)) throw new PropError(NAME, 'rateLimits', 'one rate limit per host', key);
      seenHosts.add(key);
    });
    const wafRules = props.wafRules ?? PRECONFIGURED_WAF_RULES;
    if (wafRules.length === 0) throw new PropError(NAME, 'wafRules', 'at least one preconfigured WAF rule set (EDGE-1)', wafRules);
    wafRules.forEach((w) => {
      if (!WAF_RULE.test(w)) throw new PropError(NAME, 'wafRules', 'preconfigured rule set names, e.g. sqli-v33-stable', w);
    });
    const minTlsVersion = props.minTlsVersion ?? 'TLS_1_2';
    checkOneOf(NAME, 'minTlsVersion', minTlsVersion, EDGE_MIN_TLS_VERSIONS);
    const hstsMaxAge = props.hstsMaxAgeSeconds ?? HSTS_MAX_AGE_SECONDS;
    if (!Number.isInteger(hstsMaxAge) || hstsMaxAge < HSTS_MAX_AGE_SECONDS || hstsMaxAge > 2 * HSTS_MAX_AGE_SECONDS) {
      throw new PropError(NAME, 'hstsMaxAgeSeconds', `an integer from ${HSTS_MAX_AGE_SECONDS} to ${2 * HSTS_MAX_AGE_SECONDS}`, hstsMaxAge);
    }
    const csp = props.contentSecurityPolicy ?? DEFAULT_CSP;
    if (!/default-src|frame-ancestors/.test(csp)) throw new PropError(NAME, 'contentSecurityPolicy', 'a policy with default-src or frame-ancestors', csp);
    const { project, name, labels } = props;

    const rules: ComputeSecurityPolicyRule[] = [
      ...wafRules.map((rule, i) => ({
        priority: 1000 + i,
        action: 'deny(403)',
        description: `Preconfigured WAF: ${rule}`,
        match: { expr: { expression: `evaluatePreconfiguredWaf('${rule}', {'sensitivity': 1})` } },
      })),
      ...rateLimits.map((r, i) => ({
        priority: 10000 + i,
        action: 'throttle',
        description: r.host ? `Rate limit for ${r.host}` : 'Rate limit',
        match: r.host
          ? { expr: { expression: `request.headers['host'] == '${r.host}'` } }
          : { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } },
        rateLimitOptions: {
          conformAction: 'allow',
          exceedAction: 'deny(429)',
          enforceOnKey: 'IP',
          rateLimitThreshold: { count: r.perMinute, intervalSec: 60 },
        },
      })),
      { priority: 2147483647, action: 'allow', description: 'Default rule', match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } } },
    ];
    this.securityPolicy = new ComputeSecurityPolicy(this, 'armor', {
      name: `${name}-armor`,
      project,
      type: 'CLOUD_ARMOR',
      description: 'WAF, L7 DDoS defense and rate limits',
      adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true, ruleVisibility: 'STANDARD' } },
      advancedOptionsConfig: { jsonParsing: 'STANDARD', logLevel: 'NORMAL' },
      rule: rules,
    });

    this.sslPolicy = new ComputeSslPolicy(this, 'ssl-policy', { name: `${name}-tls`, project, profile: 'RESTRICTED', minTlsVersion });

    const neg = new ComputeRegionNetworkEndpointGroup(this, 'neg', {
      name: `${name}-neg`,
      project,
      region: props.backend.region,
      networkEndpointType: 'SERVERLESS',
      cloudRun: { service: props.backend.cloudRunService },
    });
    this.backendService = new ComputeBackendService(this, 'backend', {
      name: `${name}-backend`,
      project,
      protocol: 'HTTPS',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      securityPolicy: this.securityPolicy.id,
      logConfig: { enable: true, sampleRate: 1 },
      backend: [{ group: neg.id }],
    });
    // The project's own sink already turns data-access logs on (AuditSink); this one only routes requests.
    this.requestLogs = new AuditSink(this, 'request-logs', {
      project,
      auditProject: props.requestLogBucket.project,
      auditLocation: props.requestLogBucket.location,
      auditBucketId: props.requestLogBucket.bucketId,
      name: `cordon-${name}-requests`,
      filter: LB_REQUEST_LOG_FILTER,
      dataAccessLogs: false,
    });

    const headers = [
      { headerName: 'Strict-Transport-Security', headerValue: `max-age=${hstsMaxAge}; includeSubDomains; preload`, replace: true },
      { headerName: 'Content-Security-Policy', headerValue: csp, replace: true },
      { headerName: 'X-Content-Type-Options', headerValue: 'nosniff', replace: true },
    ];
    const urlMap = new ComputeUrlMap(this, 'url-map', {
      name: `${name}-https`,
      project,
      defaultService: this.backendService.id,
      headerAction: { responseHeadersToAdd: headers },
    });

    const certificates: ComputeManagedSslCertificate[] = [];
    for (let i = 0; i < domains.length; i += DOMAINS_PER_CERTIFICATE) {
      const n = i / DOMAINS_PER_CERTIFICATE;
      certificates.push(
        new ComputeManagedSslCertificate(this, n === 0 ? 'certificate' : `certificate-${n}`, {
          name: n === 0 ? `${name}-cert` : `${name}-cert-${n}`,
          project,
          managed: { domains: domains.slice(i, i + DOMAINS_PER_CERTIFICATE) },
          lifecycle: { createBeforeDestroy: true },
        }),
      );
    }
    const httpsProxy = new ComputeTargetHttpsProxy(this, 'https-proxy', {
      name: `${name}-https`,
      project,
      urlMap: urlMap.id,
      sslCertificates: certificates.map((c) => c.id),
      sslPolicy: this.sslPolicy.id,
    });

    this.address = new ComputeGlobalAddress(this, 'address', { name: `${name}-ip`, project, addressType: 'EXTERNAL', ipVersion: 'IPV4', labels });
    new ComputeGlobalForwardingRule(this, 'https', {
      name: `${name}-https`,
      project,
      target: httpsProxy.id,
      ipAddress: this.address.id,
      ipProtocol: 'TCP',
      portRange: '443',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      labels,
    });

    // Plain HTTP exists only to redirect to HTTPS (TLS-1).
    const redirect = new ComputeUrlMap(this, 'redirect', {
      name: `${name}-http-redirect`,
      project,
      defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT', stripQuery: false },
    });
    const httpProxy = new ComputeTargetHttpProxy(this, 'http-proxy', { name: `${name}-http`, project, urlMap: redirect.id });
    new ComputeGlobalForwardingRule(this, 'http', {
      name: `${name}-http`,
      project,
      target: httpProxy.id,
      ipAddress: this.address.id,
      ipProtocol: 'TCP',
      portRange: '80',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      labels,
    });
  }
}
