import * as gcp from '@pulumi/gcp';

// One GCP tenant of the registry (infra/tenants/acme.yaml) in its staging stack: a key ring and logs
// key in the KMS project, the documents bucket under the tenant's own key (cmek.staging), and the
// data project's audit trail. Gate it with
// `pulumi preview --stack acme-staging --policy-pack ../../../plugins/pulumi`. test/plugins/pulumi-pack.test.ts
// runs this program against a stand-in provider and gates what it declares, and
// test/plugins/pulumi-cli.test.ts previews it so with the Pulumi CLI: clean; rotate the key yearly
// ('31536000s') and exactly ENC-2-GCP fires.
const labels = { environment: 'staging', tenant: 'acme', tier: 'enterprise' };

const ring = new gcp.kms.KeyRing('ring', { name: 'acme', location: 'europe-west1', project: 'cdn-kms-stg' });
new gcp.kms.CryptoKey('logs-key', {
  name: 'logs',
  keyRing: ring.id,
  purpose: 'ENCRYPT_DECRYPT',
  rotationPeriod: '7776000s',
  destroyScheduledDuration: '2592000s',
  versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'HSM' },
  labels: { ...labels, purpose: 'logs' },
}, { protect: true });

// Zero retention by contract: objects are deleted at once and no soft delete keeps them.
new gcp.storage.Bucket('documents', {
  name: 'cdn-acme-stg-documents',
  project: 'cdn-acme-stg',
  location: 'europe-west1',
  forceDestroy: false,
  encryption: { defaultKmsKeyName: 'projects/acme-kms-stg/locations/europe-west1/keyRings/acme/cryptoKeys/docs' },
  lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 0, sendAgeIfZero: true } }],
  publicAccessPrevention: 'enforced',
  softDeletePolicy: { retentionDurationSeconds: 0 },
  uniformBucketLevelAccess: true,
  labels,
});

new gcp.logging.ProjectSink('audit-sink', {
  name: 'cordon-audit',
  project: 'cdn-acme-stg',
  destination: 'logging.googleapis.com/projects/cdn-audit-stg/locations/europe-west1/buckets/audit',
  filter: 'logName:"/logs/cloudaudit.googleapis.com%2F"',
  uniqueWriterIdentity: true,
  exclusions: [
    { name: 'document-payloads', description: 'Audit entries whose request or response carries a document', filter: 'protoPayload.request.inlineDocument:* OR protoPayload.request.rawDocument:* OR protoPayload.response.document:*' },
    { name: 'content-payloads', description: 'Entries with a document or content payload', filter: 'jsonPayload.document:* OR jsonPayload.content:* OR protoPayload.request.content:*' },
  ],
});
new gcp.projects.IAMAuditConfig('data-access-logs', {
  project: 'cdn-acme-stg',
  service: 'allServices',
  auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
});
