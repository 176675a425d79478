import { TenantKeyRing, TenantKeyRingProps } from '../../../constructs/gcp/tenant-key-ring';
import { all, only, propError, synth } from './synth';

const RING: TenantKeyRingProps = { tenantId: 'acme', kmsProject: 'cdn-kms-prd', location: 'europe-west1' };

describe('TenantKeyRing', () => {
  test('GIVEN defaults THEN one software key in the KMS project, 90-day rotation, 30-day destroy window, prevent_destroy', () => {
    const { resource: r } = synth((s) => new TenantKeyRing(s, 'keys', { ...RING, labels: { tenant: 'acme' } }));
    expect(only(r, 'google_kms_key_ring')).toMatchObject({ name: 'acme', project: 'cdn-kms-prd', location: 'europe-west1' });
    expect(only(r, 'google_kms_crypto_key')).toMatchObject({
      name: 'documents',
      purpose: 'ENCRYPT_DECRYPT',
      rotation_period: '7776000s',
      destroy_scheduled_duration: '2592000s',
      version_template: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protection_level: 'SOFTWARE' },
      labels: { tenant: 'acme', purpose: 'documents' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('GIVEN hsm and every purpose THEN one HSM key per purpose and no grant (consumers grant their own agents)', () => {
    const { resource: r } = synth((s) => new TenantKeyRing(s, 'keys', { ...RING, hsm: true, purposes: ['documents', 'database', 'logs'] }));
    const keys = all(r, 'google_kms_crypto_key');
    expect(keys.map((k) => k.name).sort()).toEqual(['database', 'documents', 'logs']);
    keys.forEach((k) => expect(k.version_template.protection_level).toBe('HSM'));
    expect(r.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  test('GIVEN a duplicated purpose THEN one key', () => {
    const { resource: r } = synth((s) => new TenantKeyRing(s, 'keys', { ...RING, purposes: ['logs', 'logs'] }));
    expect(only(r, 'google_kms_crypto_key').name).toBe('logs');
  });

  test.each([
    [{ tenantId: 'x' }, propError('TenantKeyRing', 'tenantId', 'a string matching ^[a-z][a-z0-9-]{2,20}$', 'x')],
    [{ purposes: [] }, propError('TenantKeyRing', 'purposes', 'a non-empty list of documents | database | logs', [])],
    [{ purposes: ['secrets'] }, propError('TenantKeyRing', 'purposes', 'one of documents | database | logs', 'secrets')],
    [{ kmsProject: 'X' }, propError('TenantKeyRing', 'kmsProject', 'a GCP project id matching ^[a-z][a-z0-9-]{4,28}[a-z0-9]$', 'X')],
  ])('GIVEN %j THEN a PropError naming construct, field, allowed and received', (override, message) => {
    expect(() => synth((s) => new TenantKeyRing(s, 'keys', { ...RING, ...(override as object) }))).toThrow(message);
  });
});
