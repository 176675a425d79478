import { ArtifactRepository, ArtifactRepositoryProps } from '../../../constructs/gcp/artifact-repository';
import { only, propError, synth } from './synth';

const REPO: ArtifactRepositoryProps = { project: 'cdn-artifacts', location: 'europe-west1', kmsKeyName: 'projects/cdn-kms-prd/locations/europe-west1/keyRings/cordon-platform/cryptoKeys/artifacts' };

describe('ArtifactRepository', () => {
  test('GIVEN defaults THEN a CMEK docker repository with immutable tags, scanning on push and the scanning API enabled', () => {
    const { resource: r } = synth((s) => new ArtifactRepository(s, 'repo', REPO));
    expect(only(r, 'google_artifact_registry_repository')).toMatchObject({
      repository_id: 'cordon',
      format: 'DOCKER',
      kms_key_name: REPO.kmsKeyName,
      docker_config: { immutable_tags: true },
      vulnerability_scanning_config: { enablement_config: 'INHERITED' },
    });
    expect(only(r, 'google_project_service')).toMatchObject({ project: 'cdn-artifacts', service: 'containerscanning.googleapis.com', disable_on_destroy: false });
    expect(only(r, 'google_kms_crypto_key_iam_member').member).toMatch(/@gcp-sa-artifactregistry\.iam\.gserviceaccount\.com$/);
  });

  test('GIVEN enableScanningApi false THEN the API is left to another repository', () => {
    const { resource: r } = synth((s) => new ArtifactRepository(s, 'repo', { ...REPO, enableScanningApi: false }));
    expect(r.google_project_service).toBeUndefined();
  });

  test.each([
    [{ kmsKeyName: '' }, propError('ArtifactRepository', 'kmsKeyName', 'the name of a Cloud KMS key', '')],
    [{ repositoryId: 'Cordon' }, propError('ArtifactRepository', 'repositoryId', 'an id matching ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$', 'Cordon')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new ArtifactRepository(s, 'repo', { ...REPO, ...override }))).toThrow(message);
  });
});
