import { cdkFile, cfn, MutationRow, tf, tfFile } from './mutators';

export const rows: MutationRow[] = [
  { name: 'AWS key rotation off', rule: 'ENC-2-AWS', stack: 'globex-prod-keys', file: cdkFile('globex-prod-keys'), mutate: cfn('AWS::KMS::Key', (p) => (p.EnableKeyRotation = false)) },
  { name: 'AWS bucket without a customer key', rule: 'ENC-1-AWS', stack: 'globex-staging', file: cdkFile('globex-staging'), mutate: cfn('AWS::S3::Bucket', (p) => delete p.BucketEncryption, /^Documents/) },
  { name: 'GCP rotation one second over 90 days', rule: 'ENC-2-GCP', stack: 'northwind-prod', file: tfFile('northwind-prod'), mutate: tf('google_kms_crypto_key', (b) => (b.rotation_period = '7776001s')) },
  { name: 'GCS bucket without a customer key', rule: 'ENC-1-GCP', stack: 'acme-staging', file: tfFile('acme-staging'), mutate: tf('google_storage_bucket', (b) => delete b.encryption) },
];
