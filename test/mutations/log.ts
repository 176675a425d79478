import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  {
    name: 'application log group that never expires',
    rule: 'LOG-1-AWS-LOG-RETENTION',
    stack: 'initech-prod',
    file: cdkFile('initech-prod'),
    mutate: cfn('AWS::Logs::LogGroup', (p) => delete p.RetentionInDays, /^AppLogs/),
  },
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
  {
    name: 'CloudFront web ACL without a WAF logging configuration',
    rule: 'LOG-1-AWS-EDGE',
    stack: 'globex-prod-edge',
    file: cdkFile('globex-prod-edge'),
    mutate: (t) => {
      const logging = Object.keys(t.Resources).find((id) => t.Resources[id].Type === 'AWS::WAFv2::LoggingConfiguration')!;
      delete t.Resources[logging];
      return Object.keys(t.Resources).find((id) => t.Resources[id].Type === 'AWS::WAFv2::WebACL')!;
    },
  },
  {
    name: 'pooled edge WAF logs no longer redact the query string',
    rule: 'LOG-2-AWS-EDGE',
    stack: 'cordon-edge-staging',
    file: cdkFile('cordon-edge-staging'),
    mutate: cfn('AWS::WAFv2::LoggingConfiguration', (p) => (p.RedactedFields = p.RedactedFields.filter((f: any) => !f.QueryString))),
  },
  {
    name: 'CloudTrail trail without S3 data events (audit bucket reads unlogged)',
    rule: 'LOG-1-AWS-S3-DATA',
    stack: 'cordon-platform-prod-us-east-1',
    file: cdkFile('cordon-platform-prod-us-east-1'),
    mutate: cfn('AWS::CloudTrail::Trail', (p) => (p.EventSelectors = p.EventSelectors.filter((s: any) => !s.DataResources))),
  },
  {
    name: 'PHI tenant Aurora auditing writes but not reads',
    rule: 'LOG-1-AWS-PGAUDIT',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::RDS::DBClusterParameterGroup', (p) => (p.Parameters['pgaudit.log'] = 'ddl,role,write')),
  },
  {
    name: 'Aurora statement log no longer exported to CloudWatch Logs',
    rule: 'LOG-1-AWS-PGAUDIT-EXPORT',
    stack: 'wayne-prod',
    file: cdkFile('wayne-prod'),
    mutate: cfn('AWS::RDS::DBCluster', (p) => delete p.EnableCloudwatchLogsExports),
  },
  {
    name: 'Aurora statement log group kept one year, under the audit contract',
    rule: 'LOG-1-AWS-PGAUDIT-EXPORT',
    stack: 'stark-prod',
    file: cdkFile('stark-prod'),
    mutate: cfn('AWS::Logs::LogGroup', (p) => (p.RetentionInDays = 365), /^DatabaseStatementLog/),
  },
  {
    name: 'Aurora writer with enhanced monitoring off',
    rule: 'LOG-1-AWS-RDS-MONITORING',
    stack: 'globex-prod',
    file: cdkFile('globex-prod'),
    mutate: cfn('AWS::RDS::DBInstance', (p) => (p.MonitoringInterval = 0)),
  },
  {
    name: 'Cloud SQL with pgaudit turned off',
    rule: 'LOG-1-GCP-PGAUDIT',
    stack: 'hooli-prod',
    file: tfFile('hooli-prod'),
    mutate: tf('google_sql_database_instance', (b) => (b.settings.database_flags.find((f: any) => f.name === 'cloudsql.enable_pgaudit').value = 'off')),
  },
  {
    name: 'cell load balancer logging a sample of requests',
    rule: 'LOG-1-GCP-EDGE',
    stack: 'cordon-cell-staging-europe-west1',
    file: tfFile('cordon-cell-staging-europe-west1'),
    mutate: tf('google_compute_backend_service', (b) => (b.log_config.sample_rate = 0.5)),
  },
  {
    name: 'dedicated tenant load balancer request logs left in the serving project',
    rule: 'LOG-1-GCP-EDGE-SINK',
    stack: 'umbrella-prod',
    file: tfFile('umbrella-prod'),
    mutate: (doc) => {
      tf('google_logging_project_sink', (b) => (b.filter = 'logName:"/logs/cloudaudit.googleapis.com%2F"'), /request-logs/)(doc);
      return `google_compute_backend_service.${Object.keys(doc.resource.google_compute_backend_service)[0]}`;
    },
  },
  {
    name: 'audit project no longer logging reads of Cloud Logging',
    rule: 'LOG-1-GCP-AUDIT-READS',
    stack: 'cordon-platform-prod',
    file: tfFile('cordon-platform-prod'),
    mutate: (doc) => {
      tf('google_project_iam_audit_config', (b) => (b.service = 'storage.googleapis.com'))(doc);
      return `google_logging_project_bucket_config.${Object.keys(doc.resource.google_logging_project_bucket_config)[0]}`;
    },
  },
];
