import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  {
    name: 'internet-facing ALB without its web ACL association',
    rule: 'EDGE-1-AWS-ALB',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: (t) => {
      for (const [id, r] of Object.entries<any>(t.Resources)) if (r.Type === 'AWS::WAFv2::WebACLAssociation') delete t.Resources[id];
      return cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', () => undefined)(t);
    },
  },
  {
    name: 'pooled cell ALB web ACL with the common rule set only counted',
    rule: 'EDGE-1-AWS-ALB',
    stack: 'cordon-cell-staging-us-east-1',
    file: cdkFile('cordon-cell-staging-us-east-1'),
    mutate: cfn('AWS::WAFv2::WebACL', (p) => {
      const common = p.Rules.find((r: any) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet');
      common.OverrideAction = { Count: {} };
    }),
  },
  // EDGE-1
  {
    name: 'CloudFront distribution without a web ACL',
    rule: 'EDGE-1-AWS',
    stack: 'globex-staging-edge',
    file: cdkFile('globex-staging-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => delete p.DistributionConfig.WebACLId),
  },
  {
    name: 'CloudFront on a web ACL of another template, by ARN (unverifiable)',
    rule: 'EDGE-1-AWS',
    stack: 'globex-staging-edge',
    file: cdkFile('globex-staging-edge'),
    mutate: cfn('AWS::CloudFront::Distribution', (p) => (p.DistributionConfig.WebACLId = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111')),
  },
  {
    name: 'AWS common rule set only counted',
    rule: 'EDGE-1-AWS',
    stack: 'cordon-edge-prod',
    file: cdkFile('cordon-edge-prod'),
    mutate: cfn('AWS::WAFv2::WebACL', (p) => (p.Rules.find((r: any) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet').OverrideAction = { Count: {} })),
  },
  {
    name: 'Cloud Armor without adaptive protection',
    rule: 'EDGE-1-GCP',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_compute_security_policy', (b) => (b.adaptive_protection_config.layer_7_ddos_defense_config.enable = false)),
  },
  {
    name: 'Cloud Armor WAF rules in preview',
    rule: 'EDGE-1-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_compute_security_policy', (b) => b.rule.filter((r: any) => r.match.expr?.expression.includes('Preconfigured')).forEach((r: any) => (r.preview = true))),
  },
  {
    name: 'GCP external backend without a security policy',
    rule: 'EDGE-1-GCP',
    stack: 'cordon-cell-prod-europe-west1',
    file: tfFile('cordon-cell-prod-europe-west1'),
    mutate: tf('google_compute_backend_service', (b) => delete b.security_policy),
  },
  {
    name: 'GCP external backend on a Cloud Armor policy of another project (unverifiable)',
    rule: 'EDGE-1-GCP',
    stack: 'cordon-cell-prod-europe-west1',
    file: tfFile('cordon-cell-prod-europe-west1'),
    mutate: tf('google_compute_backend_service', (b) => (b.security_policy = 'projects/shared-edge/global/securityPolicies/edge')),
  },
  // EDGE-2
  {
    name: 'dedicated tenant edge one request per minute over its limit',
    rule: 'EDGE-2-AWS',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: cfn('AWS::WAFv2::WebACL', (p) => (p.Rules.find((r: any) => r.Statement.RateBasedStatement).Statement.RateBasedStatement.Limit = 1201)),
  },
  {
    // The no-LLM cell's web ACL rate-limits initech alone: its rule now names another host, so the ACL still has one.
    name: 'pooled AWS tenant without a host rule in the platform edge',
    rule: 'EDGE-2-AWS',
    stack: 'cordon-edge-prod',
    file: cdkFile('cordon-edge-prod'),
    mutate: cfn('AWS::WAFv2::WebACL', (p) => {
      const scope = p.Rules.find((r: any) => JSON.stringify(r.Statement).includes('initech.')).Statement.RateBasedStatement.ScopeDownStatement.ByteMatchStatement;
      scope.SearchString = 'someone-else.cordon.example';
    }),
  },
  {
    name: 'dedicated GCP tenant throttled per second instead of per minute',
    rule: 'EDGE-2-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_compute_security_policy', (b) => (b.rule.find((r: any) => r.rate_limit_options).rate_limit_options.rate_limit_threshold.interval_sec = 1)),
  },
  {
    name: 'pooled GCP tenant throttled above its limit in the cell',
    rule: 'EDGE-2-GCP',
    stack: 'cordon-cell-prod-europe-west1',
    file: tfFile('cordon-cell-prod-europe-west1'),
    mutate: tf('google_compute_security_policy', (b) => (b.rule.find((r: any) => JSON.stringify(r.match).includes('northwind.')).rate_limit_options.rate_limit_threshold.count = 601)),
  },
];
