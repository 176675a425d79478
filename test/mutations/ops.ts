import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  { name: 'ECR repository without scan on push', rule: 'OPS-1-AWS', stack: 'cordon-platform-prod-us-east-1', file: cdkFile('cordon-platform-prod-us-east-1'), mutate: cfn('AWS::ECR::Repository', (p) => (p.ImageScanningConfiguration.ScanOnPush = false)) },
  { name: 'GuardDuty detector switched off', rule: 'OPS-1-AWS', stack: 'cordon-platform-staging-us-east-1', file: cdkFile('cordon-platform-staging-us-east-1'), mutate: cfn('AWS::GuardDuty::Detector', (p) => (p.Enable = false)) },
  { name: 'Artifact Registry vulnerability scanning disabled', rule: 'OPS-1-GCP', stack: 'cordon-platform-prod', file: tfFile('cordon-platform-prod'), mutate: tf('google_artifact_registry_repository', (b) => (b.vulnerability_scanning_config.enablement_config = 'DISABLED')) },
];
