import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  {
    name: 'CloudTrail trail in one region only',
    rule: 'LOG-1-AWS',
    stack: 'cordon-platform-prod-us-east-1',
    file: cdkFile('cordon-platform-prod-us-east-1'),
    mutate: cfn('AWS::CloudTrail::Trail', (p) => (p.IsMultiRegionTrail = false)),
  },
  {
    name: 'CloudTrail trail without log file validation',
    rule: 'LOG-1-AWS',
    stack: 'cordon-platform-staging-us-east-1',
    file: cdkFile('cordon-platform-staging-us-east-1'),
    mutate: cfn('AWS::CloudTrail::Trail', (p) => delete p.EnableLogFileValidation),
  },
  {
    name: 'GCP audit sink sharing the project writer identity',
    rule: 'LOG-1-GCP',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_logging_project_sink', (b) => (b.unique_writer_identity = false)),
  },
  {
    name: 'GCP data access audit logs without DATA_READ',
    rule: 'LOG-1-GCP',
    stack: 'acme-staging',
    file: tfFile('acme-staging'),
    mutate: tf('google_project_iam_audit_config', (b) => (b.audit_log_config = b.audit_log_config.filter((c: any) => c.log_type !== 'DATA_READ'))),
  },
  {
    name: 'PHI log group policy audits but no longer masks',
    rule: 'LOG-2-AWS',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::Logs::LogGroup', (p) => (p.DataProtectionPolicy.Statement = p.DataProtectionPolicy.Statement.filter((s: any) => !s.Operation?.Deidentify)), /^AppLogs/),
  },
  {
    name: 'GCP audit sink without exclusions',
    rule: 'LOG-2-GCP',
    stack: 'umbrella-staging',
    file: tfFile('umbrella-staging'),
    mutate: tf('google_logging_project_sink', (b) => delete b.exclusions),
  },
];
