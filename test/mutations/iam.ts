import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  {
    name: 'a literal API key in a Fargate task environment',
    rule: 'IAM-2-AWS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::ECS::TaskDefinition', (p) => p.ContainerDefinitions[0].Environment.push({ Name: 'ANTHROPIC_API_KEY', Value: 'sk-ant-literal' })),
  },
  {
    name: 'a service account key in a pooled tenant stack',
    rule: 'IAM-2-GCP',
    stack: 'northwind-staging',
    file: tfFile('northwind-staging'),
    mutate: (doc) => {
      doc.resource.google_service_account_key = { leaked: { service_account_id: '${google_service_account.workload.name}' } };
      return 'google_service_account_key.leaked';
    },
  },
  {
    name: 'a literal client secret in the dedicated tenant Cloud Run service',
    rule: 'IAM-2-GCP',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: tf('google_cloud_run_v2_service', (b) => (b.template.containers[0].env = [{ name: 'CLIENT_SECRET', value: 'abc123' }])),
  },
  { name: 'a PAM entitlement with one approval step', rule: 'IAM-1-GCP', stack: 'acme-prod', file: tfFile('acme-prod'), mutate: tf('google_privileged_access_manager_entitlement', (b) => b.approval_workflow.manual_approvals.steps.pop()) },
  { name: 'a PAM entitlement granting nine hours', rule: 'IAM-1-GCP', stack: 'umbrella-prod', file: tfFile('umbrella-prod'), mutate: tf('google_privileged_access_manager_entitlement', (b) => (b.max_request_duration = '32400s')) },
  { name: 'a standing human member in a prod project', rule: 'IAM-1-GCP', stack: 'hooli-prod', file: tfFile('hooli-prod'), mutate: tf('google_storage_bucket_iam_member', (b) => (b.member = 'user:ann@cordon.example')) },
  { name: 'a prod role policy also attached to a user', rule: 'IAM-1-AWS', stack: 'wayne-prod', file: cdkFile('wayne-prod'), mutate: cfn('AWS::IAM::Policy', (p) => (p.Users = ['ann']), /^TenantRole/) },
];
