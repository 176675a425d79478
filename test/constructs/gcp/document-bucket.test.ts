import { DocumentBucket, DocumentBucketProps } from '../../../constructs/gcp/document-bucket';
import { only, propError, synth } from './synth';

const BUCKET: DocumentBucketProps = { tenantId: 'acme', project: 'cdn-acme-prd', location: 'europe-west1', bucketName: 'cdn-acme-prd-documents', kmsKeyName: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' };

describe('DocumentBucket (GCS)', () => {
  test('GIVEN defaults THEN CMEK, uniform access, public access prevention, 90-day delete, 30-day soft delete, agent grant', () => {
    const { resource: r, data } = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, labels: { tenant: 'acme' } }));
    expect(only(r, 'google_storage_bucket')).toMatchObject({
      encryption: { default_kms_key_name: BUCKET.kmsKeyName },
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 90, send_age_if_zero: true } }],
      soft_delete_policy: { retention_duration_seconds: 2592000 },
      labels: { tenant: 'acme' },
    });
    const grant = only(r, 'google_kms_crypto_key_iam_member');
    expect(grant).toMatchObject({ crypto_key_id: BUCKET.kmsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
    expect(grant.member).toMatch(/^serviceAccount:\$\{data\.google_storage_project_service_account\./);
    expect(only(data, 'google_storage_project_service_account').project).toBe('cdn-acme-prd');
  });

  test('GIVEN forDeletion THEN Terraform may delete its objects (force_destroy), and the rest is unchanged', () => {
    const { resource: r } = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, forDeletion: true }));
    const { resource: kept } = synth((s) => new DocumentBucket(s, 'docs', BUCKET));
    expect(only(r, 'google_storage_bucket')).toEqual({ ...only(kept, 'google_storage_bucket'), force_destroy: true });
  });

  test('GIVEN documentDays 0 THEN age 0 is sent and there is no soft delete', () => {
    const { resource: r } = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, documentDays: 0 }));
    expect(only(r, 'google_storage_bucket')).toMatchObject({
      lifecycle_rule: [{ condition: { age: 0, send_age_if_zero: true } }],
      soft_delete_policy: { retention_duration_seconds: 0 },
    });
  });

  test('GIVEN documentDays 3650 (the upper bound) THEN accepted', () => {
    const { resource: r } = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, documentDays: 3650 }));
    expect(only(r, 'google_storage_bucket').lifecycle_rule[0].condition.age).toBe(3650);
  });

  test('GIVEN a customer key THEN no grant is made in the customer project', () => {
    const { resource: r } = synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, grantKeyToServiceAgent: false }));
    expect(r.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  test.each([
    [{ kmsKeyName: '' }, propError('DocumentBucket', 'kmsKeyName', 'the name of a Cloud KMS key', '')],
    [{ documentDays: 3651 }, propError('DocumentBucket', 'documentDays', 'an integer from 0 to 3650', 3651)],
    [{ documentDays: -1 }, propError('DocumentBucket', 'documentDays', 'an integer from 0 to 3650', -1)],
    [{ documentDays: 0, softDeleteDays: 1 }, propError('DocumentBucket', 'softDeleteDays', '0 when documentDays is 0 (nothing may be kept beyond the request)', 1)],
    [{ softDeleteDays: 91 }, propError('DocumentBucket', 'softDeleteDays', 'an integer from 0 to 90', 91)],
    [{ tenantId: 'A' }, propError('DocumentBucket', 'tenantId', 'a string matching ^[a-z][a-z0-9-]{2,20}$', 'A')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new DocumentBucket(s, 'docs', { ...BUCKET, ...override }))).toThrow(message);
  });
});
