import { AuditLogBucket, AuditLogBucketProps } from '../../../constructs/gcp/audit-log-bucket';
import { only, propError, synth } from './synth';

const BUCKET: AuditLogBucketProps = { project: 'cdn-audit-prd', location: 'europe-west1', kmsKeyName: 'projects/cdn-kms-prd/locations/europe-west1/keyRings/cordon-platform/cryptoKeys/audit-logs' };

describe('AuditLogBucket', () => {
  test('GIVEN defaults THEN a locked bucket keeping 2555 days, CMEK, prevent_destroy', () => {
    const { resource: r } = synth((s) => new AuditLogBucket(s, 'audit', BUCKET));
    expect(only(r, 'google_logging_project_bucket_config')).toMatchObject({
      project: 'cdn-audit-prd',
      location: 'europe-west1',
      bucket_id: 'audit',
      locked: true,
      retention_days: 2555,
      enable_analytics: false,
      cmek_settings: { kms_key_name: BUCKET.kmsKeyName },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('GIVEN defaults THEN the audit project\'s Logging service account may use the key', () => {
    const { resource: r, data } = synth((s) => new AuditLogBucket(s, 'audit', BUCKET));
    expect(only(r, 'google_kms_crypto_key_iam_member').member).toMatch(/^serviceAccount:\$\{data\.google_logging_project_cmek_settings\..*\.service_account_id\}$/);
    expect(only(data, 'google_logging_project_cmek_settings').project).toBe('cdn-audit-prd');
  });

  test('GIVEN defaults THEN reads of the audit logs are logged and routed into the locked bucket itself (LOG-1); GIVEN logOwnAccess false THEN neither', () => {
    const { resource: r } = synth((s) => new AuditLogBucket(s, 'audit', BUCKET));
    expect(only(r, 'google_project_iam_audit_config')).toMatchObject({
      project: 'cdn-audit-prd',
      service: 'logging.googleapis.com',
      audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }],
    });
    const sink = only(r, 'google_logging_project_sink');
    expect(sink).toMatchObject({ project: 'cdn-audit-prd', destination: 'logging.googleapis.com/projects/cdn-audit-prd/locations/europe-west1/buckets/audit', unique_writer_identity: true });
    expect(sink.exclusions.length).toBeGreaterThan(0);
    const off = synth((s) => new AuditLogBucket(s, 'audit', { ...BUCKET, logOwnAccess: false })).resource;
    expect(off.google_project_iam_audit_config).toBeUndefined();
    expect(off.google_logging_project_sink).toBeUndefined();
  });

  test('GIVEN retentionDays 3650 (the upper bound) THEN accepted', () => {
    const { resource: r } = synth((s) => new AuditLogBucket(s, 'audit', { ...BUCKET, retentionDays: 3650 }));
    expect(only(r, 'google_logging_project_bucket_config').retention_days).toBe(3650);
  });

  test.each([
    [{ retentionDays: 2554 }, propError('AuditLogBucket', 'retentionDays', 'an integer from 2555 to 3650', 2554)],
    [{ retentionDays: 3651 }, propError('AuditLogBucket', 'retentionDays', 'an integer from 2555 to 3650', 3651)],
    [{ location: 'global' }, propError('AuditLogBucket', 'location', 'a region (Cloud Logging has no CMEK for global log buckets)', 'global')],
    [{ kmsKeyName: '' }, propError('AuditLogBucket', 'kmsKeyName', 'the name of a Cloud KMS key', '')],
    [{ bucketId: '_Default' }, propError('AuditLogBucket', 'bucketId', 'an id matching ^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$, not starting with "_"', '_Default')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new AuditLogBucket(s, 'audit', { ...BUCKET, ...override }))).toThrow(message);
  });
});
