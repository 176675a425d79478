import { buildAwsApp } from '../../infra/aws-app';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant } from '../../infra/registry/tenant';

/** The statement log group of `<id>-prod` when the tenant's audit contract is `auditYears`. */
function statementLog(id: string, auditYears: number): any {
  const tenant = loadRegistry().find((t) => t.id === id)!;
  const registry: Tenant[] = [{ ...tenant, retention: { ...tenant.retention, auditYears } }];
  const template = buildAwsApp(registry).synth().getStackByName(`${id}-prod`).template;
  const groups = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup' && r.Properties.LogGroupName === `/aws/rds/cluster/${id}-db/postgresql`);
  expect(groups).toHaveLength(1);
  return groups[0].Properties;
}

describe('the Aurora statement log is kept by the tenant audit contract (RET-3)', () => {
  test.each([
    [7, 2557],
    [8, 2922],
    [10, 3653],
  ])('auditYears %i: RetentionInDays %i, under the tenant logs key', (years, days) => {
    const p = statementLog('wayne', years);
    expect(p.RetentionInDays).toBe(days);
    expect(JSON.stringify(p.KmsKeyId)).toMatch(/"Fn::ImportValue":"wayne-prod-keys:/);
  });

  test('auditYears 11, beyond the longest CloudWatch retention: the group never expires', () => {
    expect(statementLog('wayne', 11).RetentionInDays).toBeUndefined();
  });

  test('a PHI tenant (stark) keeps the data protection policy on the statement log (LOG-2)', () => {
    expect(statementLog('stark', 7).DataProtectionPolicy).toBeDefined();
  });
});
