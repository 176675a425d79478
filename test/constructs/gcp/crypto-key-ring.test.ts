import { CryptoKeyRing, CryptoKeyRingProps } from '../../../constructs/gcp/crypto-key-ring';
import { all, only, propError, synth } from './synth';

const RING: CryptoKeyRingProps = { name: 'cordon-platform', kmsProject: 'cdn-kms-prd', location: 'europe-west1', keys: ['audit-logs'] };

describe('CryptoKeyRing', () => {
  test('GIVEN defaults THEN software keys rotating every 90 days, 30-day destroy window, prevent_destroy, purpose label', () => {
    const { resource: r } = synth((s) => new CryptoKeyRing(s, 'ring', { ...RING, keys: ['audit-logs', 'artifacts'], labels: { tier: 'platform' } }));
    expect(only(r, 'google_kms_key_ring')).toMatchObject({ name: 'cordon-platform', project: 'cdn-kms-prd', location: 'europe-west1' });
    const keys = all(r, 'google_kms_crypto_key');
    expect(keys.map((k) => k.name).sort()).toEqual(['artifacts', 'audit-logs']);
    keys.forEach((k) =>
      expect(k).toMatchObject({
        purpose: 'ENCRYPT_DECRYPT',
        rotation_period: '7776000s',
        destroy_scheduled_duration: '2592000s',
        version_template: { protection_level: 'SOFTWARE' },
        labels: { tier: 'platform', purpose: k.name },
        lifecycle: { prevent_destroy: true },
      }),
    );
  });

  test('GIVEN rotationDays 1 (the lower bound) THEN 86400s', () => {
    const { resource: r } = synth((s) => new CryptoKeyRing(s, 'ring', { ...RING, rotationDays: 1 }));
    expect(only(r, 'google_kms_crypto_key').rotation_period).toBe('86400s');
  });

  test.each([
    [{ rotationDays: 91 }, propError('CryptoKeyRing', 'rotationDays', 'an integer from 1 to 90', 91)],
    [{ rotationDays: 0 }, propError('CryptoKeyRing', 'rotationDays', 'an integer from 1 to 90', 0)],
    [{ keys: [] }, propError('CryptoKeyRing', 'keys', 'a non-empty list of key names', [])],
    [{ keys: ['a b'] }, propError('CryptoKeyRing', 'keys', 'key names matching ^[A-Za-z0-9_-]{1,63}$', 'a b')],
    [{ name: '' }, propError('CryptoKeyRing', 'name', 'a key ring name matching ^[A-Za-z0-9_-]{1,63}$', '')],
    [{ location: '' }, propError('CryptoKeyRing', 'location', 'a region name or global', '')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new CryptoKeyRing(s, 'ring', { ...RING, ...(override as object) }))).toThrow(message);
  });
});
