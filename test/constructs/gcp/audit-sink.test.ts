import { AuditSink, AuditSinkProps } from '../../../constructs/gcp/audit-sink';
import { only, propError, synth } from './synth';

const SINK: AuditSinkProps = { project: 'cdn-acme-prd', auditProject: 'cdn-audit-prd', auditLocation: 'europe-west1' };

describe('AuditSink', () => {
  test('GIVEN defaults THEN every audit log goes to the central bucket with a unique writer identity and payload exclusions', () => {
    const { resource: r } = synth((s) => new AuditSink(s, 'audit', SINK));
    const sink = only(r, 'google_logging_project_sink');
    expect(sink).toMatchObject({
      project: 'cdn-acme-prd',
      destination: 'logging.googleapis.com/projects/cdn-audit-prd/locations/europe-west1/buckets/audit',
      filter: 'logName:"/logs/cloudaudit.googleapis.com%2F"',
      unique_writer_identity: true,
    });
    expect(sink.exclusions.map((e: { name: string }) => e.name)).toEqual(['document-payloads', 'content-payloads']);
    expect(sink.exclusions[0].filter).toContain('protoPayload.request.inlineDocument:*');
  });

  test('GIVEN defaults THEN data-access audit logs are on for all services', () => {
    const { resource: r } = synth((s) => new AuditSink(s, 'audit', SINK));
    expect(only(r, 'google_project_iam_audit_config')).toEqual(
      expect.objectContaining({ project: 'cdn-acme-prd', service: 'allServices', audit_log_config: [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }] }),
    );
  });

  test('GIVEN dataAccessLogs false THEN the sink alone, no audit config', () => {
    const { resource: r } = synth((s) => new AuditSink(s, 'audit', { ...SINK, dataAccessLogs: false }));
    expect(r.google_project_iam_audit_config).toBeUndefined();
    expect(only(r, 'google_logging_project_sink')).toMatchObject({ unique_writer_identity: true });
  });

  test('GIVEN defaults THEN the writer identity may write into the audit bucket only', () => {
    const { resource: r } = synth((s) => new AuditSink(s, 'audit', SINK));
    expect(only(r, 'google_project_iam_member')).toMatchObject({
      project: 'cdn-audit-prd',
      role: 'roles/logging.bucketWriter',
      member: expect.stringMatching(/^\$\{google_logging_project_sink\..*\.writer_identity\}$/),
      condition: { expression: 'resource.name.endsWith("locations/europe-west1/buckets/audit")' },
    });
  });

  test.each([
    [{ exclusions: [] }, propError('AuditSink', 'exclusions', 'at least one exclusion keeping document payloads out (LOG-2)', [])],
    [{ auditProject: 'cdn-acme-prd' }, propError('AuditSink', 'auditProject', 'a project other than the source project (logs are kept centrally)', 'cdn-acme-prd')],
    [{ filter: ' ' }, propError('AuditSink', 'filter', 'a non-empty Logging filter', ' ')],
    [{ auditLocation: '' }, propError('AuditSink', 'auditLocation', 'a region name', '')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new AuditSink(s, 'audit', { ...SINK, ...override }))).toThrow(message);
  });
});
