import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CloudFrontEdge, CloudFrontEdgeProps, DEFAULT_CSP, EDGE_ACCESS_LOG_FIELDS, MANAGED_RULE_GROUPS } from '../../../constructs/aws/cloudfront-edge';
import { stack } from './_stack';

function template(props: Partial<CloudFrontEdgeProps> = {}, region = 'us-east-1'): Template {
  const s = stack(region);
  new CloudFrontEdge(s, 'Edge', { originDomainName: 'origin.acme.cordon.example', domainNames: ['acme.cordon.example'], rateLimits: [{ perMinute: 600 }], logKey: new kms.Key(s, 'LogKey'), ...props });
  return Template.fromStack(s);
}
const rules = (t: Template) => (Object.values(t.findResources('AWS::WAFv2::WebACL'))[0] as any).Properties.Rules as any[];

describe('CloudFrontEdge', () => {
  test('GIVEN defaults THEN TLSv1.2_2021 with SNI, HTTP redirected to HTTPS, HTTPS-only TLS 1.2 to the origin, WAF attached (TLS-1, EDGE-1)', () => {
    template().hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['acme.cordon.example'],
        ViewerCertificate: { AcmCertificateArn: { Ref: Match.stringLikeRegexp('Certificate') }, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        Origins: [Match.objectLike({ DomainName: 'origin.acme.cordon.example', CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }) })],
      }),
    });
  });

  test('GIVEN defaults THEN a DNS-validated certificate for the domain names', () => {
    template({ domainNames: ['*.cordon.example', 'x.cordon.example'] }).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: '*.cordon.example',
      SubjectAlternativeNames: ['x.cordon.example'],
      ValidationMethod: 'DNS',
    });
  });

  test('GIVEN defaults THEN responses carry HSTS (2 years, subdomains, preload) and the default CSP (TLS-3)', () => {
    template().hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: DEFAULT_CSP, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });

  test('GIVEN one unscoped limit THEN a CLOUDFRONT web ACL: the rate rule first (60 s, 429), then the managed rule groups (EDGE-1, EDGE-2)', () => {
    const t = template();
    t.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const r = rules(t);
    expect(r[0]).toMatchObject({
      Name: 'rate-all',
      Priority: 0,
      Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
      Statement: { RateBasedStatement: { Limit: 600, EvaluationWindowSec: 60, AggregateKeyType: 'IP' } },
    });
    expect(r[0].Statement.RateBasedStatement.ScopeDownStatement).toBeUndefined();
    expect(r.slice(1).map((x) => [x.Statement.ManagedRuleGroupStatement, x.OverrideAction])).toEqual(
      MANAGED_RULE_GROUPS.map((name) => [{ VendorName: 'AWS', Name: name }, { None: {} }]),
    );
    expect(MANAGED_RULE_GROUPS).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesAmazonIpReputationList']));
  });

  test('GIVEN one limit per host THEN one rate rule per host, scoped down to its Host header at its limit', () => {
    const r = rules(template({ rateLimits: [{ host: 'a.cordon.example', perMinute: 300 }, { host: 'b.cordon.example', perMinute: 1200 }] }));
    expect(r.slice(0, 2)).toMatchObject([
      {
        Name: 'rate-a-cordon-example',
        Statement: {
          RateBasedStatement: {
            Limit: 300,
            EvaluationWindowSec: 60,
            ScopeDownStatement: { ByteMatchStatement: { FieldToMatch: { SingleHeader: { Name: 'host' } }, PositionalConstraint: 'EXACTLY', SearchString: 'a.cordon.example' } },
          },
        },
      },
      { Name: 'rate-b-cordon-example', Statement: { RateBasedStatement: { Limit: 1200, ScopeDownStatement: { ByteMatchStatement: { SearchString: 'b.cordon.example' } } } } },
    ]);
    expect(new Set(r.map((x) => x.Priority)).size).toBe(r.length);
  });

  test('GIVEN TLSv1.3_2025, a CSP and one year of HSTS THEN they are used', () => {
    const t = template({ minimumTlsPolicy: 'TLSv1.3_2025', contentSecurityPolicy: "default-src 'none'", hstsMaxAgeSeconds: 31536000 });
    t.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.3_2025' }) }) });
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }), ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'none'", Override: true } }),
      }),
    });
  });

  test('GIVEN defaults THEN every request is logged: WAF decisions with credentials and query strings redacted, access logs without query, cookies or referer, both KMS-encrypted for seven years (RET-3)', () => {
    const t = template();
    t.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeWebAcl'), 'Arn'] },
      LogDestinationConfigs: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeWafLogs'), 'Arn'] }],
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }, { QueryString: {} }],
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: 2557, KmsKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::Logs::DeliverySource', { LogType: 'ACCESS_LOGS', ResourceArn: Match.anyValue() });
    t.hasResourceProperties('AWS::Logs::DeliveryDestination', { DestinationResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeAccessLogs'), 'Arn'] } });
    const fields = (Object.values(t.findResources('AWS::Logs::Delivery'))[0] as any).Properties.RecordFields as string[];
    expect(fields).toEqual([...EDGE_ACCESS_LOG_FIELDS]);
    for (const leaks of ['cs-uri-query', 'cs(Cookie)', 'cs(Referer)']) expect(fields).not.toContain(leaks);
    t.resourcePropertiesCountIs('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() }, 2);
  });

  test('boundaries: rate limit 10 is accepted, 9 is not; HSTS one year is accepted, one second less is not', () => {
    expect(() => template({ rateLimits: [{ perMinute: 10 }] })).not.toThrow();
    expect(() => template({ rateLimits: [{ perMinute: 9 }] })).toThrow(/CloudFrontEdge: invalid rateLimits\[0\].perMinute: expected an integer from 10 to 1000000, received 9/);
    expect(() => template({ rateLimits: [{ perMinute: 1_000_000 }] })).not.toThrow();
    expect(() => template({ rateLimits: [{ perMinute: 1_000_001 }] })).toThrow(/received 1000001/);
    expect(() => template({ hstsMaxAgeSeconds: 31535999 })).toThrow(/CloudFrontEdge: invalid hstsMaxAgeSeconds: expected an integer from 31536000 to 315360000, received 31535999/);
  });

  test.each([
    ['region', {}, 'eu-west-1', /CloudFrontEdge: invalid stack region: expected us-east-1 \(CloudFront certificates and WAF live only there\), received "eu-west-1"/],
    ['originDomainName', { originDomainName: 'https://x' }, 'us-east-1', /CloudFrontEdge: invalid originDomainName: expected a lower-case DNS host name, received "https:\/\/x"/],
    ['domainNames empty', { domainNames: [] }, 'us-east-1', /CloudFrontEdge: invalid domainNames: expected at least one host name, received \[\]/],
    ['domainNames entry', { domainNames: ['a.example', 'A_B'] }, 'us-east-1', /CloudFrontEdge: invalid domainNames\[1\]: .*received "A_B"/],
    ['rateLimits empty', { rateLimits: [] }, 'us-east-1', /CloudFrontEdge: invalid rateLimits: expected at least one rate limit \(EDGE-2\), received \[\]/],
    ['rate host', { rateLimits: [{ host: '*.x.example', perMinute: 100 }] }, 'us-east-1', /CloudFrontEdge: invalid rateLimits\[0\].host: expected a lower-case DNS host name, received "\*.x.example"/],
    ['duplicate host', { rateLimits: [{ host: 'a.example', perMinute: 100 }, { host: 'a.example', perMinute: 200 }] }, 'us-east-1', /invalid rateLimits\[1\].host: expected each host \(or no host\) once, received "a.example"/],
    ['TLS policy', { minimumTlsPolicy: 'TLSv1.2_2019' }, 'us-east-1', /CloudFrontEdge: invalid minimumTlsPolicy: expected one of TLSv1.2_2021 \| TLSv1.2_2025 \| TLSv1.3_2025, received "TLSv1.2_2019"/],
    ['log retention not accepted by CloudWatch', { logRetentionDays: 2600 }, 'us-east-1', /EncryptedLogGroup: invalid retentionDays: expected one of .*received 2600/],
    ['log retention of one year', { logRetentionDays: 365 }, 'us-east-1', /CloudFrontEdge: invalid logRetentionDays: expected at least 2555 \(seven years of audit evidence, RET-3\), received 365/],
    ['log key', { logKey: undefined }, 'us-east-1', /CloudFrontEdge: invalid logKey: expected a KMS key for the request logs \(ENC-1\), received undefined/],
    ['CSP', { contentSecurityPolicy: ' ' }, 'us-east-1', /CloudFrontEdge: invalid contentSecurityPolicy: expected a non-empty single-line header value, received " "/],
  ])('refuses a bad %s', (_f, props, region, message) => {
    expect(() => template(props as Partial<CloudFrontEdgeProps>, region as string)).toThrow(message);
  });
});
