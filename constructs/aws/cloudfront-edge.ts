import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AUDIT_RETENTION_DAYS, checkInteger, checkOneOf, PropError, RATE_LIMIT_BOUNDS } from '../props';
import { cloudWatchRetentionForYears, HOST_NAME, HSTS_MIN_SECONDS, WILDCARD_HOST_NAME } from './constants';
import { EncryptedLogGroup } from './log-group';
import { addManagedWebAcl, wafVisibility } from './web-acl';

/** A rate-based WAF rule: at most `perMinute` requests per client IP per minute, for one host or for all. */
export interface EdgeRateLimit {
  /** Only requests with this Host header count (a pooled tenant's domain). @default every request */
  readonly host?: string;
  /** Requests per client IP per 60-second window (EDGE-2), 10 to 1,000,000. */
  readonly perMinute: number;
}

export const EDGE_TLS_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'] as const;
export type EdgeTlsPolicy = (typeof EDGE_TLS_POLICIES)[number];

export { MANAGED_RULE_GROUPS } from './web-acl';

/**
 * The CloudFront access log fields kept (LOG-1): who asked what, when, and what the edge answered.
 * Left out on purpose (LOG-2): the query string, cookies and referer, which can carry document ids
 * and session tokens.
 */
export const EDGE_ACCESS_LOG_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'x-edge-request-id',
  'x-host-header',
  'c-ip',
  'c-port',
  'x-forwarded-for',
  'cs-method',
  'cs-protocol',
  'cs-protocol-version',
  'cs(Host)',
  'cs-uri-stem',
  'cs(User-Agent)',
  'cs-bytes',
  'sc-status',
  'sc-bytes',
  'sc-content-type',
  'time-taken',
  'time-to-first-byte',
  'ssl-protocol',
  'ssl-cipher',
  'x-edge-result-type',
  'x-edge-response-result-type',
  'x-edge-detailed-result-type',
] as const;

export const DEFAULT_CSP = "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; upgrade-insecure-requests";

export interface CloudFrontEdgeProps {
  /** Host name of the origin (a load balancer), reached over HTTPS with TLS 1.2 only. */
  readonly originDomainName: string;
  /** Host names the distribution answers to; an ACM certificate (DNS validation) is issued for them. `*.` allowed. */
  readonly domainNames: readonly string[];
  /** Rate-based rules, one per entry (EDGE-2). At least one. */
  readonly rateLimits: readonly EdgeRateLimit[];
  /**
   * The KMS key of the edge's request logs (ENC-1): a `logs` key of the edge's owner (the tenant's
   * for a tenant edge, the platform's for the pooled edge) in the edge's region, admitting CloudWatch Logs.
   */
  readonly logKey: kms.IKey;
  /**
   * Days the access and WAF logs are kept: they are the record of access attempts, audit evidence
   * (RET-3), so at least seven years, by the owner's audit contract
   * (`cloudWatchRetentionForYears(retention.auditYears)`); a value CloudWatch Logs accepts.
   * @default 2557 (seven years, the shortest CloudWatch retention covering AUDIT_RETENTION_DAYS)
   */
  readonly logRetentionDays?: number;
  /**
   * Oldest TLS policy viewers may negotiate (TLS-1).
   * @default 'TLSv1.2_2021'
   */
  readonly minimumTlsPolicy?: EdgeTlsPolicy;
  /**
   * Content-Security-Policy header on every response (TLS-3).
   * @default DEFAULT_CSP (same origin only, no framing, no plugins)
   */
  readonly contentSecurityPolicy?: string;
  /**
   * HSTS max-age in seconds, at least one year; sent with includeSubDomains and preload (TLS-3).
   * @default 63072000 (two years)
   */
  readonly hstsMaxAgeSeconds?: number;
}

const NAME = 'CloudFrontEdge';

/**
 * A public entry point (EDGE-1, EDGE-2, TLS-1, TLS-3): CloudFront with a TLS 1.2+ viewer policy,
 * HTTP redirected to HTTPS, HTTPS-only TLS 1.2 to the origin, a response headers policy with HSTS,
 * CSP and the other security headers, and a CLOUDFRONT-scope WAFv2 web ACL with one rate-based rule per
 * entry (60-second window, 429 on excess) and the AWS managed rule groups. Every request is logged
 * (LOG-1) to KMS-encrypted log groups: CloudFront access logs (standard logging v2) without the query
 * string, cookies and referer, and the WAF's decisions with the authorization and cookie headers and
 * the query string redacted (LOG-2). CloudFront certificates, its WAF and its log delivery exist only
 * in us-east-1, so the stack must be there.
 */
export class CloudFrontEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly webAcl: wafv2.CfnWebACL;
  readonly certificate: acm.Certificate;
  readonly accessLogs: EncryptedLogGroup;
  readonly wafLogs: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: CloudFrontEdgeProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') throw new PropError(NAME, 'stack region', 'us-east-1 (CloudFront certificates and WAF live only there)', region);
    if (!HOST_NAME.test(props.originDomainName)) throw new PropError(NAME, 'originDomainName', 'a lower-case DNS host name', props.originDomainName);
    if (props.domainNames.length === 0) throw new PropError(NAME, 'domainNames', 'at least one host name', props.domainNames);
    props.domainNames.forEach((d, i) => {
      if (!WILDCARD_HOST_NAME.test(d)) throw new PropError(NAME, `domainNames[${i}]`, 'a lower-case DNS name, optionally starting with "*."', d);
    });
    if (props.rateLimits.length === 0) throw new PropError(NAME, 'rateLimits', 'at least one rate limit (EDGE-2)', props.rateLimits);
    const hosts = new Set<string>();
    props.rateLimits.forEach((r, i) => {
      checkInteger(NAME, `rateLimits[${i}].perMinute`, r.perMinute, RATE_LIMIT_BOUNDS.min, RATE_LIMIT_BOUNDS.max);
      if (r.host !== undefined && !HOST_NAME.test(r.host)) throw new PropError(NAME, `rateLimits[${i}].host`, 'a lower-case DNS host name', r.host);
      const key = r.host ?? '*';
      if (hosts.has(key)) throw new PropError(NAME, `rateLimits[${i}].host`, 'each host (or no host) once', r.host ?? null);
      hosts.add(key);
    });
    const minimumTlsPolicy = props.minimumTlsPolicy ?? 'TLSv1.2_2021';
    checkOneOf(NAME, 'minimumTlsPolicy', minimumTlsPolicy, EDGE_TLS_POLICIES);
    const hstsMaxAgeSeconds = props.hstsMaxAgeSeconds ?? 2 * HSTS_MIN_SECONDS;
    checkInteger(NAME, 'hstsMaxAgeSeconds', hstsMaxAgeSeconds, HSTS_MIN_SECONDS, 10 * HSTS_MIN_SECONDS);
    const csp = props.contentSecurityPolicy ?? DEFAULT_CSP;
    if (csp.trim() === '' || /[\r\n]/.test(csp)) throw new PropError(NAME, 'contentSecurityPolicy', 'a non-empty single-line header value', csp);
    if (!props.logKey) throw new PropError(NAME, 'logKey', 'a KMS key for the request logs (ENC-1)', props.logKey);
    const logRetentionDays = props.logRetentionDays ?? cloudWatchRetentionForYears(AUDIT_RETENTION_DAYS / 365);

    const rateRules: wafv2.CfnWebACL.RuleProperty[] = props.rateLimits.map((r, i) => {
      const name = `rate-${r.host ? r.host.replace(/[^a-z0-9-]/g, '-') : 'all'}`.slice(0, 128);
      return {
        name,
        priority: i,
        action: { block: { customResponse: { responseCode: 429 } } },
        visibilityConfig: wafVisibility(name),
        statement: {
          rateBasedStatement: {
            limit: r.perMinute,
            evaluationWindowSec: 60,
            aggregateKeyType: 'IP',
            ...(r.host && {
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: 'host' } },
                  positionalConstraint: 'EXACTLY',
                  searchString: r.host,
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            }),
          },
        },
      };
    });
    ({ webAcl: this.webAcl, wafLogs: this.wafLogs } = addManagedWebAcl(this, {
      errorsName: [NAME, 'logRetentionDays'],
      scope: 'CLOUDFRONT',
      rules: rateRules,
      metricName: 'cordon-edge',
      logNameSuffix: id,
      logKey: props.logKey,
      logRetentionDays,
    }));

    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainNames[0],
      subjectAlternativeNames: props.domainNames.length > 1 ? props.domainNames.slice(1) : undefined,
      validation: acm.CertificateValidation.fromDns(),
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'cordon: HSTS, CSP and browser security headers (TLS-3)',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(hstsMaxAgeSeconds), includeSubdomains: true, preload: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `cordon edge for ${props.domainNames[0]}`,
      domainNames: [...props.domainNames],
      certificate: this.certificate,
      minimumProtocolVersion: minimumTlsPolicy as cloudfront.SecurityPolicyProtocol,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: this.webAcl.attrArn,
      defaultBehavior: {
        origin: new origins.HttpOrigin(props.originDomainName, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
        responseHeadersPolicy: headers,
      },
    });

    this.accessLogs = new EncryptedLogGroup(this, 'AccessLogs', { key: props.logKey, retentionDays: logRetentionDays });
    const logName = `cordon-${Stack.of(this).stackName}-${id}`.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 60);
    const source = new logs.CfnDeliverySource(this, 'AccessLogSource', { name: logName, logType: 'ACCESS_LOGS', resourceArn: this.distribution.distributionArn });
    const destination = new logs.CfnDeliveryDestination(this, 'AccessLogDestination', { name: logName, outputFormat: 'json', destinationResourceArn: this.accessLogs.logGroup.logGroupArn });
    new logs.CfnDelivery(this, 'AccessLogDelivery', {
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...EDGE_ACCESS_LOG_FIELDS],
    });
  }
}
