import { CloudRunService, CloudRunServiceProps } from '../../../constructs/gcp/cloud-run-service';
import { only, propError, synth } from './synth';

const RUN: CloudRunServiceProps = {
  project: 'cdn-umbrella-prd',
  region: 'us-central1',
  name: 'app',
  image: 'us-central1-docker.pkg.dev/cdn-artifacts/cordon/app:release',
  serviceAccountEmail: 'workload@cdn-umbrella-prd.iam.gserviceaccount.com',
  kmsKeyName: 'projects/cdn-kms-prd/locations/us-central1/keyRings/umbrella/cryptoKeys/documents',
  vpc: { network: 'projects/cdn-umbrella-prd/global/networks/vpc', subnetwork: 'projects/cdn-umbrella-prd/regions/us-central1/subnetworks/vpc-app' },
};

describe('CloudRunService', () => {
  test('GIVEN defaults THEN load-balancer-only ingress, CMEK, own service account, all egress through the VPC, deletion protection', () => {
    const { resource: r } = synth((s) => new CloudRunService(s, 'run', { ...RUN, labels: { tenant: 'umbrella' } }));
    expect(only(r, 'google_cloud_run_v2_service')).toMatchObject({
      ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      deletion_protection: true,
      labels: { tenant: 'umbrella' },
      template: {
        service_account: RUN.serviceAccountEmail,
        encryption_key: RUN.kmsKeyName,
        vpc_access: { egress: 'ALL_TRAFFIC', network_interfaces: [RUN.vpc] },
        containers: [{ image: RUN.image }],
      },
    });
  });

  test('GIVEN defaults THEN no invoker binding at all (no allUsers), and only the Cloud Run agent may use the key', () => {
    const { resource: r } = synth((s) => new CloudRunService(s, 'run', RUN));
    expect(r.google_cloud_run_v2_service_iam_member).toBeUndefined();
    expect(r.google_cloud_run_v2_service_iam_binding).toBeUndefined();
    expect(only(r, 'google_kms_crypto_key_iam_member').member).toMatch(/^serviceAccount:service-\$\{data\.google_project\..*\.number\}@serverless-robot-prod\.iam\.gserviceaccount\.com$/);
  });

  test('GIVEN internal-only ingress THEN the invoker check stays on', () => {
    const { resource: r } = synth((s) => new CloudRunService(s, 'run', { ...RUN, ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' }));
    expect(only(r, 'google_cloud_run_v2_service').invoker_iam_disabled).toBe(false);
  });

  test.each([
    [{ ingress: 'INGRESS_TRAFFIC_ALL' }, propError('CloudRunService', 'ingress', 'one of INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER | INGRESS_TRAFFIC_INTERNAL_ONLY', 'INGRESS_TRAFFIC_ALL')],
    [{ serviceAccountEmail: '123-compute@developer.gserviceaccount.com' }, propError('CloudRunService', 'serviceAccountEmail', 'a user-managed service account e-mail (NAME@PROJECT.iam.gserviceaccount.com)', '123-compute@developer.gserviceaccount.com')],
    [{ kmsKeyName: '' }, propError('CloudRunService', 'kmsKeyName', 'the name of a Cloud KMS key', '')],
    [{ vpc: { network: 'n', subnetwork: '' } }, propError('CloudRunService', 'vpc.subnetwork', 'a subnetwork id', '')],
    [{ maxInstances: 0 }, propError('CloudRunService', 'maxInstances', 'an integer from 1 to 1000', 0)],
    [{ minInstances: 5, maxInstances: 4 }, propError('CloudRunService', 'maxInstances', 'an integer from 5 to 1000', 4)],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new CloudRunService(s, 'run', { ...RUN, ...(override as object) }))).toThrow(message);
  });
});
