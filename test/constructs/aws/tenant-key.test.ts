import { Match, Template } from 'aws-cdk-lib/assertions';
import { TenantKey } from '../../../constructs/aws/tenant-key';
import { stack } from './_stack';

describe('TenantKey', () => {
  test.each(['documents', 'database', 'logs'] as const)('GIVEN purpose %s THEN the key rotates every 90 days, has a 30-day deletion window and is retained', (purpose) => {
    const s = stack();
    new TenantKey(s, 'Key', { tenantId: 'acme', purpose });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30, KeySpec: Match.absent() },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/cordon/acme/${purpose}` });
  });

  test('GIVEN purpose logs THEN CloudWatch Logs of this account and region only may use the key', () => {
    const s = stack('eu-west-1');
    new TenantKey(s, 'Key', { tenantId: 'acme', purpose: 'logs' });
    Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*' } },
          }),
        ]),
      },
    });
  });

  test('GIVEN purpose documents THEN no service principal is in the key policy', () => {
    const s = stack();
    new TenantKey(s, 'Key', { tenantId: 'acme', purpose: 'documents' });
    const [key] = Object.values(Template.fromStack(s).findResources('AWS::KMS::Key'));
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('Service');
  });

  test.each([
    ['tenantId', { tenantId: 'A', purpose: 'documents' }, /TenantKey: invalid tenantId: expected a string matching .*, received "A"/],
    ['tenantId too short', { tenantId: 'ab', purpose: 'documents' }, /TenantKey: invalid tenantId: .*received "ab"/],
    ['purpose', { tenantId: 'acme', purpose: 'backups' }, /TenantKey: invalid purpose: expected one of documents \| database \| logs, received "backups"/],
  ])('refuses a bad %s', (_f, props, message) => {
    expect(() => new TenantKey(stack(), 'Key', props as never)).toThrow(message);
  });

  test('boundary: a 3-character tenant id is accepted', () => {
    expect(() => new TenantKey(stack(), 'Key', { tenantId: 'abc', purpose: 'logs' })).not.toThrow();
  });
});
