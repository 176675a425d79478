import { addCfn, cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  // TLS-1
  {
    name: 'ALB HTTPS listener on the CloudFormation default policy',
    rule: 'TLS-1-AWS-ALB',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::ElasticLoadBalancingV2::Listener', (p) => (p.SslPolicy = 'ELBSecurityPolicy-2016-08'), /Https/),
  },
  {
    // Issue 13: a TLS 1.3 policy that still negotiates TLS 1.1 used to pass on its name alone.
    name: 'ALB HTTPS listener on a TLS 1.3 policy that still accepts TLS 1.1',
    rule: 'TLS-1-AWS-ALB',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::ElasticLoadBalancingV2::Listener', (p) => (p.SslPolicy = 'ELBSecurityPolicy-TLS13-1-1-2021-06'), /Https/),
  },
  {
    name: 'ALB HTTP listener forwards instead of redirecting',
    rule: 'TLS-1-AWS-ALB',
    stack: 'cordon-cell-prod-us-east-1',
    file: cdkFile('cordon-cell-prod-us-east-1'),
    mutate: cfn(
      'AWS::ElasticLoadBalancingV2::Listener',
      (p) =>
        (p.DefaultActions = [
          {
            Type: 'fixed-response',
            FixedResponseConfig: { StatusCode: '200' },
          },
        ]),
      /Redirect/
    ),
  },
  {
    name: 'CloudFront minimum protocol TLSv1.2_2019',
    rule: 'TLS-1-AWS-CLOUDFRONT',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => (p.DistributionConfig.ViewerCertificate.MinimumProtocolVersion = 'TLSv1.2_2019')),
  },
  {
    name: 'CloudFront origin connection accepts TLSv1.1',
    rule: 'TLS-1-AWS-CLOUDFRONT',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => (p.DistributionConfig.Origins[0].CustomOriginConfig.OriginSSLProtocols = ['TLSv1.1', 'TLSv1.2'])),
  },
  {
    name: 'CloudFront default behavior allows plain HTTP',
    rule: 'TLS-1-AWS-CLOUDFRONT',
    stack: 'cordon-edge-staging',
    file: cdkFile('cordon-edge-staging'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => (p.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy = 'allow-all')),
  },
  {
    name: 'GCP SSL policy with the COMPATIBLE profile',
    rule: 'TLS-1-GCP-SSL',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_compute_ssl_policy', (b) => (b.profile = 'COMPATIBLE')),
  },
  {
    name: 'GCP HTTPS proxy without an SSL policy',
    rule: 'TLS-1-GCP-SSL',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_compute_target_https_proxy', (b) => delete b.ssl_policy),
  },
  {
    name: 'GCP HTTPS proxy on an SSL policy of another project (unverifiable)',
    rule: 'TLS-1-GCP-SSL',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_compute_target_https_proxy', (b) => (b.ssl_policy = 'projects/shared-net/global/sslPolicies/tls12')),
  },
  {
    name: 'GCP HTTP proxy serving the application URL map',
    rule: 'TLS-1-GCP-HTTP',
    stack: 'cordon-cell-staging-europe-west1',
    file: tfFile('cordon-cell-staging-europe-west1'),
    mutate: (doc) => {
      const serving = Object.keys(doc.resource.google_compute_url_map).find((n) => doc.resource.google_compute_url_map[n].default_service);
      return tf('google_compute_target_http_proxy', (b) => (b.url_map = `\${google_compute_url_map.${serving}.id}`))(doc);
    },
  },
  {
    name: 'GCP HTTP proxy on a URL map of another project (unverifiable)',
    rule: 'TLS-1-GCP-HTTP',
    stack: 'cordon-cell-staging-europe-west1',
    file: tfFile('cordon-cell-staging-europe-west1'),
    mutate: tf('google_compute_target_http_proxy', (b) => (b.url_map = 'projects/shared-edge/global/urlMaps/https-redirect')),
  },
  // TLS-2
  {
    name: 'bucket policy for a bucket declared elsewhere, without the plain-HTTP deny',
    rule: 'TLS-2-AWS-S3-POLICY',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: addCfn('ArchivePolicy', 'AWS::S3::BucketPolicy', {
      Bucket: 'globex-archive',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::globex-archive' }] },
    }),
  },
  {
    name: 'S3 bucket policy no longer denies plain HTTP',
    rule: 'TLS-2-AWS-S3',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: (t) => {
      cfn('AWS::S3::BucketPolicy', (p) => (p.PolicyDocument.Statement = p.PolicyDocument.Statement.filter((s: any) => !s.Condition?.Bool)))(t);
      return Object.keys(t.Resources).find((id) => t.Resources[id].Type === 'AWS::S3::Bucket')!;
    },
  },
  {
    name: 'Aurora parameter group with rds.force_ssl 0',
    rule: 'TLS-2-AWS-RDS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::RDS::DBClusterParameterGroup', (p) => (p.Parameters['rds.force_ssl'] = '0')),
  },
  {
    name: 'Aurora cluster on the engine default parameter group',
    rule: 'TLS-2-AWS-RDS',
    stack: 'wayne-prod',
    file: cdkFile('wayne-prod'),
    mutate: cfn('AWS::RDS::DBCluster', (p) => delete p.DBClusterParameterGroupName),
  },
  {
    name: 'Aurora cluster on a parameter group of another template, by name (unverifiable)',
    rule: 'TLS-2-AWS-RDS',
    stack: 'wayne-prod',
    file: cdkFile('wayne-prod'),
    mutate: cfn('AWS::RDS::DBCluster', (p) => (p.DBClusterParameterGroupName = 'platform-pg-tls')),
  },
  {
    name: 'Cloud SQL accepting unencrypted connections',
    rule: 'TLS-2-GCP',
    stack: 'hooli-staging',
    file: tfFile('hooli-staging'),
    mutate: tf('google_sql_database_instance', (b) => (b.settings.ip_configuration.ssl_mode = 'ALLOW_UNENCRYPTED_AND_ENCRYPTED')),
  },
  // TLS-3
  {
    name: 'CloudFront HSTS one second short of a year',
    rule: 'TLS-3-AWS',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: cfn('AWS::CloudFront::ResponseHeadersPolicy', (p) => (p.ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity.AccessControlMaxAgeSec = 31535999)),
  },
  {
    name: 'CloudFront behavior without a response headers policy',
    rule: 'TLS-3-AWS',
    stack: 'stark-staging-edge',
    file: cdkFile('stark-staging-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => delete p.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId),
  },
  {
    name: "CloudFront behavior on AWS's managed SecurityHeadersPolicy (no CSP)",
    rule: 'TLS-3-AWS',
    stack: 'stark-staging-edge',
    file: cdkFile('stark-staging-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => (p.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId = '67f7725c-6f97-4210-82d7-5512b31e9d03')),
  },
  {
    name: 'GCP URL map without a Content-Security-Policy header',
    rule: 'TLS-3-GCP',
    stack: 'umbrella-staging',
    file: tfFile('umbrella-staging'),
    mutate: tf(
      'google_compute_url_map',
      (b) => (b.header_action.response_headers_to_add = b.header_action.response_headers_to_add.filter((h: any) => h.header_name !== 'Content-Security-Policy')),
      /url-map/
    ),
  },
];
