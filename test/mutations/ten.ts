import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  {
    name: 'AWS KMS key loses its tenant tag',
    rule: 'TEN-1-AWS',
    stack: 'globex-prod-keys',
    file: cdkFile('globex-prod-keys'),
    mutate: cfn('AWS::KMS::Key', (p) => (p.Tags = p.Tags.filter((t: any) => t.Key !== 'tenant'))),
  },
  {
    // An unencrypted resource: relabelling an encrypted one would also (rightly) fire ENC-3.
    name: 'AWS IAM role tagged with another tenant',
    rule: 'TEN-1-AWS',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::IAM::Role', (p) => (p.Tags = p.Tags.map((t: any) => (t.Key === 'tenant' ? { ...t, Value: 'wayne' } : t)))),
  },
  {
    name: 'Cloud SQL instance without a tenant user label',
    rule: 'TEN-1-GCP',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_sql_database_instance', (b) => delete b.settings.user_labels.tenant),
  },
  {
    name: 'a GCS grant to another tenant service account',
    rule: 'TEN-2',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_storage_bucket_iam_member', (b) => (b.member = 'serviceAccount:workload@cdn-acme-prd.iam.gserviceaccount.com')),
  },
  {
    name: 'an AWS role policy granting another tenant key through an import',
    rule: 'TEN-2',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::IAM::Policy', (p) => {
      const kms = p.PolicyDocument.Statement.find((s: any) => String(s.Action).includes('kms:'));
      kms.Resource = { 'Fn::ImportValue': 'wayne-prod-keys:ExportsOutputFnGetAttDocumentsKey9799DFF7ArnA6D727BD' };
    }, /^TenantRole/),
  },
  {
    name: 'OpenAI on the allow-list of an Anthropic-only tenant',
    rule: 'TEN-3-AWS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::Route53Resolver::FirewallDomainList', (p) => p.Domains.push('api.openai.com'), /Allowed/),
  },
  {
    name: 'Anthropic egress for an OpenAI-only tenant',
    rule: 'TEN-3-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_compute_network_firewall_policy_rule', (b) => b.match.dest_fqdns.push('api.anthropic.com')),
  },
  {
    name: 'OpenAI on the allow-list of the no-LLM cell of initech',
    rule: 'TEN-3-CELL',
    stack: 'cordon-cell-prod-us-east-1',
    file: cdkFile('cordon-cell-prod-us-east-1'),
    mutate: cfn('AWS::Route53Resolver::FirewallDomainList', (p) => p.Domains.push('api.openai.com'), /Allowed/),
  },
  {
    name: 'OpenAI egress in the Anthropic cell of hooli',
    rule: 'TEN-3-CELL',
    stack: 'cordon-cell-prod-europe-west1-anthropic',
    file: tfFile('cordon-cell-prod-europe-west1-anthropic'),
    mutate: tf('google_compute_network_firewall_policy_rule', (b) => b.match.dest_fqdns.push('api.openai.com')),
  },
  {
    // wayne is the OpenAI cell's only tenant: once its role trusts a literal ARN, whose choice the cell's egress serves is unknown.
    name: 'an LLM cell whose tenants cannot be determined (unverifiable)',
    rule: 'TEN-3-CELL',
    stack: 'cordon-cell-prod-us-east-1-openai',
    file: cdkFile('wayne-prod'),
    mutate: (t) => {
      cfn('AWS::IAM::Role', (p) => (p.AssumeRolePolicyDocument.Statement[0].Principal.AWS = 'arn:aws:iam::111111111111:role/cell-task'), /^TenantRole/)(t);
      return 'NetworkEgressFirewallAllowed076EA7F7';
    },
  },
  {
    name: 'a PHI tenant bucket deployed as pooled',
    rule: 'TEN-4-AWS',
    stack: 'stark-staging',
    file: cdkFile('stark-staging'),
    mutate: cfn('AWS::S3::Bucket', (p) => (p.Tags = p.Tags.map((t: any) => (t.Key === 'tier' ? { ...t, Value: 'pooled' } : t))), /^Documents/),
  },
  {
    name: 'a PHI tenant database labelled dedicated',
    rule: 'TEN-4-GCP',
    stack: 'acme-prod',
    file: tfFile('acme-prod'),
    mutate: tf('google_sql_database_instance', (b) => (b.settings.user_labels.tier = 'dedicated')),
  },
];
