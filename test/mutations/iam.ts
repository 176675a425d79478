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
];
