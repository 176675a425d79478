import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AUDIT_RETENTION_DAYS, checkInteger, checkOneOf, PropError } from '../props';
import { APP_PORT, cloudWatchRetentionForYears, HOST_NAME, HTTPS_PORT, WILDCARD_HOST_NAME } from './constants';
import { addManagedWebAcl } from './web-acl';

export interface FargateServiceProps {
  /** The segmented VPC the service runs in. */
  readonly vpc: ec2.IVpc;
  /** Public subnets for the load balancer only (web tier). */
  readonly lbSubnets: ec2.SubnetSelection;
  /** Private subnets for the tasks (app tier). */
  readonly appSubnets: ec2.SubnetSelection;
  /** The web tier security group: 443 from anywhere. */
  readonly lbSecurityGroup: ec2.ISecurityGroup;
  /** The app tier security group: reachable from the load balancer only. */
  readonly appSecurityGroup: ec2.ISecurityGroup;
  /** Host name of the load balancer's certificate (the origin CloudFront connects to). */
  readonly domainName: string;
  /** More host names on the certificate (e.g. the viewer hosts CloudFront forwards). `*.` allowed. @default none */
  readonly alternativeNames?: readonly string[];
  /** The container image. */
  readonly image: ecs.ContainerImage;
  /** The role the tasks run as: the tenant's identity (or the cell's, which assumes tenants' roles). */
  readonly taskRole: iam.IRole;
  /** Where container output goes (an EncryptedLogGroup). */
  readonly logGroup: logs.ILogGroup;
  /**
   * The KMS key of the load balancer's WAF log (ENC-1): a `logs` key of the service's owner (the
   * tenant's, or the platform's for a cell), admitting CloudWatch Logs.
   */
  readonly wafLogKey: kms.IKey;
  /**
   * Days the load balancer's WAF log is kept: the record of access attempts, audit evidence (RET-3),
   * so at least seven years, by the owner's audit contract (`cloudWatchRetentionForYears(auditYears)`).
   * @default 2557 (seven years, the shortest CloudWatch retention covering AUDIT_RETENTION_DAYS)
   */
  readonly wafLogRetentionDays?: number;
  /**
   * A data protection policy masking personal and health data on the WAF log (LOG-2); PHI tenants
   * keep it on.
   * @default true
   */
  readonly wafLogDataProtection?: boolean;
  /**
   * TLS policy of the HTTPS listener; one of `ALB_TLS_POLICIES`: TLS 1.3 offered, nothing below TLS 1.2
   * (TLS-1).
   * @default elbv2.SslPolicy.TLS13_RES
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Add a port-80 listener that only redirects to HTTPS (TLS-1). The web tier security group does not
   * open port 80 (NET-1), so it answers only traffic that already reached the VPC.
   * @default true
   */
  readonly redirectHttp?: boolean;
  /** @default 2 */
  readonly desiredCount?: number;
  /** Task CPU units. @default 512 */
  readonly cpu?: number;
  /** Task memory. @default 1024 */
  readonly memoryMiB?: number;
  /** @default 8080 (APP_PORT) */
  readonly containerPort?: number;
  /** Plain environment variables (never secrets: IAM-2). @default none */
  readonly environment?: Record<string, string>;
}

const NAME = 'FargateService';

/**
 * The listener policies TLS-1 accepts: TLS 1.3 offered and nothing below TLS 1.2 (not the TLS13-1-1 /
 * TLS13-1-0 ones, which still accept TLS 1.1 / 1.0). The same list as `alb_ssl_policies` in
 * policies/lib/tls.rego, which a test compares.
 */
export const ALB_TLS_POLICIES: readonly elbv2.SslPolicy[] = [
  elbv2.SslPolicy.RECOMMENDED_TLS,
  elbv2.SslPolicy.TLS13_RES,
  elbv2.SslPolicy.TLS13_EXT1,
  elbv2.SslPolicy.TLS13_EXT2,
  elbv2.SslPolicy.TLS13_13,
  elbv2.SslPolicy.FIPS_TLS13_12,
  elbv2.SslPolicy.FIPS_TLS13_12_RES,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT0,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT1,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT2,
  elbv2.SslPolicy.FIPS_TLS13_13,
  elbv2.SslPolicy.TLS13_12_PQ,
  elbv2.SslPolicy.TLS13_12_RES_PQ,
  elbv2.SslPolicy.TLS13_12_EXT1_PQ,
  elbv2.SslPolicy.TLS13_12_EXT2_PQ,
  elbv2.SslPolicy.TLS13_13_PQ,
  elbv2.SslPolicy.FIPS_TLS13_12_PQ,
  elbv2.SslPolicy.FIPS_TLS13_12_RES_PQ,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT0_PQ,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT1_PQ,
  elbv2.SslPolicy.FIPS_TLS13_12_EXT2_PQ,
  elbv2.SslPolicy.FIPS_TLS13_13_PQ,
];
const SECRET_LIKE = /(secret|password|passwd|token|api[_-]?key|private[_-]?key)/i;

/**
 * An application on ECS Fargate behind an internet-facing ALB: HTTPS listener with a TLS 1.3 policy and
 * an ACM certificate (DNS validation), HTTP only as a redirect, invalid header fields dropped, deletion
 * protection; tasks in private subnets without public IPs, read-only root filesystem, logs to the given
 * encrypted group, Container Insights on, deployments rolled back when they fail. The ALB is CloudFront's
 * origin but answers anyone on the internet, so a REGIONAL web ACL with the AWS managed rule groups is
 * associated with it (EDGE-1): a request sent to it directly meets the same rules as one through the
 * edge. (Rate limits stay at the edge: behind CloudFront every client shares CloudFront's addresses.)
 */
export class FargateService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpsListener: elbv2.ApplicationListener;
  readonly certificate: acm.Certificate;
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const sslPolicy = props.sslPolicy ?? elbv2.SslPolicy.TLS13_RES;
    checkOneOf(NAME, 'sslPolicy', sslPolicy, ALB_TLS_POLICIES);
    if (!HOST_NAME.test(props.domainName)) throw new PropError(NAME, 'domainName', 'a lower-case DNS host name', props.domainName);
    (props.alternativeNames ?? []).forEach((d, i) => {
      if (!WILDCARD_HOST_NAME.test(d)) throw new PropError(NAME, `alternativeNames[${i}]`, 'a lower-case DNS name, optionally starting with "*."', d);
    });
    const desiredCount = props.desiredCount ?? 2;
    checkInteger(NAME, 'desiredCount', desiredCount, 1, 100);
    const containerPort = props.containerPort ?? APP_PORT;
    checkInteger(NAME, 'containerPort', containerPort, 1024, 65535);
    const cpu = props.cpu ?? 512;
    const memoryMiB = props.memoryMiB ?? 1024;
    if (![256, 512, 1024, 2048, 4096, 8192, 16384].includes(cpu)) throw new PropError(NAME, 'cpu', 'one of 256 | 512 | 1024 | 2048 | 4096 | 8192 | 16384', cpu);
    checkInteger(NAME, 'memoryMiB', memoryMiB, 512, 122880);
    for (const name of Object.keys(props.environment ?? {})) {
      if (SECRET_LIKE.test(name)) throw new PropError(NAME, `environment.${name}`, 'no secret-looking variables (use a secret store; IAM-2)', name);
    }

    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu,
      memoryLimitMiB: memoryMiB,
      taskRole: props.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    task.addContainer('App', {
      image: props.image,
      essential: true,
      readonlyRootFilesystem: true,
      user: '1000:1000',
      portMappings: [{ containerPort, protocol: ecs.Protocol.TCP }],
      environment: { PORT: String(containerPort), ...props.environment },
      logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: 'app' }),
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: task,
      desiredCount,
      assignPublicIp: false,
      vpcSubnets: props.appSubnets,
      securityGroups: [props.appSecurityGroup],
      circuitBreaker: { enable: true, rollback: true },
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      enableExecuteCommand: false,
      minHealthyPercent: 100,
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: props.lbSubnets,
      securityGroup: props.lbSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
      http2Enabled: true,
    });
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: props.alternativeNames?.length ? [...props.alternativeNames] : undefined,
      validation: acm.CertificateValidation.fromDns(),
    });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: HTTPS_PORT,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy,
      certificates: [this.certificate],
      open: false,
    });
    this.httpsListener.addTargets('App', {
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: '/healthz', healthyHttpCodes: '200' },
      deregistrationDelay: Duration.seconds(30),
    });
    if (props.redirectHttp ?? true) {
      this.loadBalancer.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: HTTPS_PORT, targetProtocol: elbv2.ApplicationProtocol.HTTPS, open: false });
    }

    ({ webAcl: this.webAcl } = addManagedWebAcl(this, {
      errorsName: [NAME, 'wafLogRetentionDays'],
      scope: 'REGIONAL',
      metricName: 'cordon-origin',
      logNameSuffix: id,
      logKey: props.wafLogKey,
      logRetentionDays: props.wafLogRetentionDays ?? cloudWatchRetentionForYears(AUDIT_RETENTION_DAYS / 365),
      logDataProtection: props.wafLogDataProtection,
    }));
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.loadBalancer.loadBalancerArn, webAclArn: this.webAcl.attrArn });
  }
}
