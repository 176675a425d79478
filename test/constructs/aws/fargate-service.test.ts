import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FargateService, FargateServiceProps } from '../../../constructs/aws/fargate-service';
import { MANAGED_RULE_GROUPS } from '../../../constructs/aws/web-acl';
import { EncryptedLogGroup } from '../../../constructs/aws/log-group';
import { SegmentedVpc } from '../../../constructs/aws/segmented-vpc';
import { stack, tenantKey } from './_stack';

function template(props: Partial<FargateServiceProps> = {}): Template {
  const s = stack();
  const net = new SegmentedVpc(s, 'Net', { cidr: '10.20.0.0/16', flowLogKey: tenantKey(s, 'logs') });
  new FargateService(s, 'App', {
    vpc: net.vpc,
    lbSubnets: net.webSubnets,
    appSubnets: net.appSubnets,
    lbSecurityGroup: net.lbSecurityGroup,
    appSecurityGroup: net.appSecurityGroup,
    domainName: 'origin.acme.cordon.example',
    alternativeNames: ['acme.cordon.example'],
    image: ecs.ContainerImage.fromRegistry('111111111111.dkr.ecr.us-east-1.amazonaws.com/cordon/app:1.0.0'),
    taskRole: new iam.Role(s, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
    logGroup: new EncryptedLogGroup(s, 'Logs', { key: tenantKey(s, 'logs', 'AppLogsKey') }).logGroup,
    wafLogKey: tenantKey(s, 'logs', 'WafLogsKey'),
    ...props,
  });
  return Template.fromStack(s);
}
const listeners = (t: Template) => Object.values(t.findResources('AWS::ElasticLoadBalancingV2::Listener')).map((r: any) => r.Properties);

describe('FargateService', () => {
  test('GIVEN defaults THEN an HTTPS listener with the TLS 1.3 policy and the certificate; never the CloudFormation default policy (TLS-1)', () => {
    const t = template();
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      Certificates: [{ CertificateArn: { Ref: Match.stringLikeRegexp('Certificate') } }],
    });
    expect(JSON.stringify(t.toJSON())).not.toContain('ELBSecurityPolicy-2016-08');
    t.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'origin.acme.cordon.example', SubjectAlternativeNames: ['acme.cordon.example'], ValidationMethod: 'DNS' });
  });

  test('GIVEN defaults THEN the only plain-HTTP listener redirects to HTTPS', () => {
    const http = listeners(template()).filter((l) => l.Protocol === 'HTTP');
    expect(http).toEqual([expect.objectContaining({ Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }] })]);
  });

  test('GIVEN defaults THEN a REGIONAL web ACL enforcing the AWS managed rule groups is associated with the internet-facing ALB (EDGE-1)', () => {
    const t = template();
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: MANAGED_RULE_GROUPS.map((name, i) => Match.objectLike({ Priority: i, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } } })),
    });
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('LoadBalancer') },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
    });
  });

  test('GIVEN defaults THEN the web ACL logs every decision, redacted, to a KMS-encrypted aws-waf-logs group kept seven years (LOG-1, LOG-2, RET-3)', () => {
    const t = template();
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-cordon-Test-App$'), RetentionInDays: 2557, KmsKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }, { QueryString: {} }],
    });
  });

  test('GIVEN wafLogDataProtection false THEN the WAF log group has no data protection policy; by default it has one (LOG-2)', () => {
    const waf = (t: Template) => Object.values<any>(t.findResources('AWS::Logs::LogGroup')).find((g) => String(g.Properties.LogGroupName).startsWith('aws-waf-logs-'));
    expect(waf(template()).Properties.DataProtectionPolicy).toBeDefined();
    expect(waf(template({ wafLogDataProtection: false })).Properties.DataProtectionPolicy).toBeUndefined();
  });

  test('GIVEN a WAF log retention under seven years THEN an error naming the property', () => {
    expect(() => template({ wafLogRetentionDays: 365 })).toThrow(/FargateService: invalid wafLogRetentionDays: expected at least 2555 \(seven years of audit evidence, RET-3\), received 365/);
    expect(() => template({ wafLogRetentionDays: 3653 })).not.toThrow();
  });

  test('GIVEN redirectHttp false THEN HTTPS only', () => {
    expect(listeners(template({ redirectHttp: false })).map((l) => l.Protocol)).toEqual(['HTTPS']);
  });

  test('GIVEN defaults THEN an internet-facing ALB dropping invalid headers, with deletion protection, in the web tier', () => {
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
      ]),
      Subnets: [{ Ref: Match.stringLikeRegexp('webSubnet1') }, { Ref: Match.stringLikeRegexp('webSubnet2') }],
    });
  });

  test('GIVEN defaults THEN listeners open no port to the internet: the web tier keeps 443 only (NET-1)', () => {
    const t = template();
    const open = [
      ...Object.values(t.findResources('AWS::EC2::SecurityGroup')).flatMap((r: any) => r.Properties.SecurityGroupIngress ?? []),
      ...Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties),
    ].filter((r: any) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
    expect(open).toEqual([expect.objectContaining({ FromPort: 443, ToPort: 443 })]);
  });

  test('GIVEN defaults THEN Fargate tasks in the app tier without public IPs, read-only root, non-root user, rollback on failure', () => {
    const t = template();
    t.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      PlatformVersion: 'LATEST',
      EnableExecuteCommand: false,
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', SecurityGroups: [Match.anyValue()], Subnets: [{ Ref: Match.stringLikeRegexp('appSubnet1') }, { Ref: Match.stringLikeRegexp('appSubnet2') }] } },
    });
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '512',
      Memory: '1024',
      TaskRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('TaskRole'), 'Arn'] },
      ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: true, User: '1000:1000', PortMappings: [Match.objectLike({ ContainerPort: 8080 })], LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }) })],
    });
    t.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('GIVEN another TLS 1.3 policy THEN it is used', () => {
    template({ sslPolicy: elbv2.SslPolicy.TLS13_13 }).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
  });

  test.each([
    ['sslPolicy', { sslPolicy: elbv2.SslPolicy.RECOMMENDED }, /FargateService: invalid sslPolicy: expected one of ELBSecurityPolicy-TLS13-1-2-2021-06 \| .*received "ELBSecurityPolicy-2016-08"/],
    // TLS 1.3 policies that still accept TLS 1.1 / 1.0 (issue 13).
    ['sslPolicy TLS13 with TLS 1.1', { sslPolicy: elbv2.SslPolicy.TLS13_11 }, /invalid sslPolicy: .*received "ELBSecurityPolicy-TLS13-1-1-2021-06"/],
    ['sslPolicy TLS13 with TLS 1.0', { sslPolicy: elbv2.SslPolicy.TLS13_10 }, /invalid sslPolicy: .*received "ELBSecurityPolicy-TLS13-1-0-2021-06"/],
    ['sslPolicy FIPS TLS13 with TLS 1.0', { sslPolicy: elbv2.SslPolicy.FIPS_TLS13_10 }, /invalid sslPolicy: .*received "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04"/],
    ['sslPolicy FS', { sslPolicy: elbv2.SslPolicy.FORWARD_SECRECY_TLS12_RES }, /invalid sslPolicy: .*received "ELBSecurityPolicy-FS-1-2-Res-20\d\d-\d\d"/],
    ['domainName', { domainName: 'Origin' }, /FargateService: invalid domainName: expected a lower-case DNS host name, received "Origin"/],
    ['alternativeNames', { alternativeNames: ['a b'] }, /FargateService: invalid alternativeNames\[0\]: .*received "a b"/],
    ['desiredCount 0', { desiredCount: 0 }, /FargateService: invalid desiredCount: expected an integer from 1 to 100, received 0/],
    ['containerPort 443', { containerPort: 443 }, /FargateService: invalid containerPort: expected an integer from 1024 to 65535, received 443/],
    ['cpu', { cpu: 300 }, /FargateService: invalid cpu: expected one of 256 \| 512 .*received 300/],
    ['memoryMiB', { memoryMiB: 256 }, /FargateService: invalid memoryMiB: expected an integer from 512 to 122880, received 256/],
    ['a secret-looking variable', { environment: { DB_PASSWORD: 'x' } }, /FargateService: invalid environment.DB_PASSWORD: expected no secret-looking variables .*received "DB_PASSWORD"/],
  ])('refuses a bad %s', (_f, props, message) => {
    expect(() => template(props as Partial<FargateServiceProps>)).toThrow(message);
  });

  test('boundaries: desiredCount 1 and 100 are accepted, 101 is not', () => {
    expect(() => template({ desiredCount: 1 })).not.toThrow();
    expect(() => template({ desiredCount: 100 })).not.toThrow();
    expect(() => template({ desiredCount: 101 })).toThrow(/received 101/);
  });
});
