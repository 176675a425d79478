import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentBucket, DocumentBucketProps } from '../../constructs/gcp/document-bucket';
import { TenantKeyRing, TenantKeyRingProps } from '../../constructs/gcp/tenant-key-ring';

type Resources = Record<string, Record<string, any>>;
function synth(build: (scope: Construct) => void): Resources {
  return JSON.parse(Testing.synthScope(build)).resource;
}
const only = (resources: Resources, type: string) => {
  const all = Object.values(resources[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

const RING: TenantKeyRingProps = { tenantId: 'acme', kmsProject: 'cdn-kms-prd', location: 'europe-west1' };
const BUCKET: DocumentBucketProps = { tenantId: 'acme', project: 'cdn-acme-prd', location: 'europe-west1', bucketName: 'cdn-acme-prd-documents', kmsKeyName: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' };

describe('TenantKeyRing', () => {
  test('GIVEN defaults THEN one software key in the KMS project, 90-day rotation, 30-day destroy window, prevent_destroy', () => {
    const r = synth((s) => new TenantKeyRing(s, 'keys', { ...RING, labels: { tenant: 'acme' } }));
    expect(only(r, 'google_kms_key_ring')).toMatchObject({ name: 'acme', project: 'cdn-kms-prd', location: 'europe-west1' });
    expect(only(r, 'google_kms_crypto_key')).toMatchObject({
      name: 'documents',
      purpose: 'ENCRYPT_DECRYPT',
      rotation_period: '7776000s',
      destroy_scheduled_duration: '2592000s',
      version_template: { protection_level: 'SOFTWARE' },
      labels: { tenant: 'acme', purpose: 'documents' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('GIVEN hsm and several purposes THEN one HSM key per purpose', () => {
    const r = synth((s) => new TenantKeyRing(s, 'keys', { ...RING, hsm: true, purposes: ['documents', 'database', 'logs'] }));
    const keys = Object.values(r.google_kms_crypto_key);
    expect(keys.map((k) => k.name).sort()).toEqual(['database', 'documents', 'logs']);
    keys.forEach((k) => expect(k.version_template.protection_level).toBe('HSM'));
  });

  test.each([
    [{ tenantId: 'x' }, /TenantKeyRing: invalid tenantId/],
    [{ purposes: [] }, /TenantKeyRing: invalid purposes: expected a non-empty list/],
    [{ purposes: ['secrets'] }, /TenantKeyRing: invalid purposes: expected one of documents \| database \| logs, received "secrets"/],
  ])('refuses bad props %j', (override, message) => {
    expect(() => synth((s) => new TenantKeyRing(s, 'keys', { ...RING, ...(override as object) }))).toThrow(message);
  });
});

describe('DocumentBucket (GCS)', () => {
  test('GIVEN defaults THEN CMEK, uniform access, public access prevention, 90-day delete and 30-day soft delete', () => {
    const r = synth((s) => new DocumentBucket(s, 'docs', BUCKET));
    expect(only(r, 'google_storage_bucket')).toMatchObject({
      encryption: { default_kms_key_name: BUCKET.kmsKeyName },
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 90, send_age_if_zero: true } }],
      soft_delete_policy: { retention_duration_seconds: 2592000 },
    });
    expect(only(r, 'google_kms_crypto_key_iam_member')).toMatchObject({ crypto_key_id: BUCKET.kmsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
  });

  test('GIVEN zero retention THEN age 0 is sent and there is no soft delete', () => {
    const r = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, documentDays: 0 }));
    expect(only(r, 'google_storage_bucket')).toMatchObject({
      lifecycle_rule: [{ condition: { age: 0, send_age_if_zero: true } }],
      soft_delete_policy: { retention_duration_seconds: 0 },
    });
  });

  test('GIVEN a customer key THEN no grant is made in the customer project', () => {
    const r = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, grantKeyToServiceAgent: false }));
    expect(r.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  test.each([
    [{ kmsKeyName: '' }, /invalid kmsKeyName: expected the name of a Cloud KMS key, received ""/],
    [{ documentDays: 3651 }, /invalid documentDays/],
    [{ documentDays: 0, softDeleteDays: 1 }, /invalid softDeleteDays: expected 0 when documentDays is 0/],
    [{ softDeleteDays: 91 }, /invalid softDeleteDays: expected an integer from 0 to 90, received 91/],
  ])('refuses bad props %j', (override, message) => {
    expect(() => synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, ...override }))).toThrow(message);
  });
});
