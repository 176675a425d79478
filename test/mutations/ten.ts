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
    name: 'AWS log group tagged with another tenant',
    rule: 'TEN-1-AWS',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::Logs::LogGroup', (p) => (p.Tags = p.Tags.map((t: any) => (t.Key === 'tenant' ? { ...t, Value: 'wayne' } : t)))),
  },
  {
    name: 'Cloud SQL instance without a tenant user label',
    rule: 'TEN-1-GCP',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_sql_database_instance', (b) => delete b.settings.user_labels.tenant),
  },
  {
    name: 'GCS bucket labelled with another tenant',
    rule: 'TEN-1-GCP',
    stack: 'umbrella-staging',
    file: tfFile('umbrella-staging'),
    mutate: tf('google_storage_bucket', (b) => (b.labels.tenant = 'acme')),
  },
];
