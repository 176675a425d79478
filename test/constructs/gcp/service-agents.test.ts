import { grantKeyUse, serviceAgentMember } from '../../../constructs/gcp/service-agents';
import { only, propError, synth } from './synth';

describe('service agents and key grants', () => {
  test('GIVEN a project number THEN the service agent member of each service', () => {
    expect(serviceAgentMember('cloudSql', '123')).toBe('serviceAccount:service-123@gcp-sa-cloud-sql.iam.gserviceaccount.com');
    expect(serviceAgentMember('cloudRun', '123')).toBe('serviceAccount:service-123@serverless-robot-prod.iam.gserviceaccount.com');
    expect(serviceAgentMember('artifactRegistry', '123')).toBe('serviceAccount:service-123@gcp-sa-artifactregistry.iam.gserviceaccount.com');
  });

  test('GIVEN a serviceAccount member THEN an encrypter/decrypter grant on the key', () => {
    const { resource: r } = synth((s) => grantKeyUse(s, 'grant', 'Test', 'projects/p/locations/l/keyRings/r/cryptoKeys/k', 'serviceAccount:a@b.iam.gserviceaccount.com'));
    expect(only(r, 'google_kms_crypto_key_iam_member')).toMatchObject({ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:a@b.iam.gserviceaccount.com' });
  });

  test.each(['user:alice@example.com', 'group:sre@example.com', 'allUsers', 'domain:example.com'])('GIVEN member %s THEN refused: keys go to service accounts only', (member) => {
    expect(() => synth((s) => grantKeyUse(s, 'grant', 'Test', 'k', member))).toThrow(
      propError('Test', 'key grant member', 'a "serviceAccount:" member (keys are granted to service agents only)', member),
    );
  });
});
