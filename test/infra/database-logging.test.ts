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

describe('RDS enhanced monitoring (LOG-1)', () => {
  const registry = loadRegistry();
  // globex moved to another region: its region gets its own platform stack, role and RDSOSMetrics group.
  const assembly = buildAwsApp(registry.map((t) => (t.id === 'globex' ? { ...t, region: 'eu-west-1' } : t))).synth();
  const stacks = assembly.stacks;

  test('RDSOSMetrics is declared once per account and region, in the platform stack, under a key', () => {
    const declared = stacks.flatMap((s) =>
      Object.values<any>(s.template.Resources ?? {})
        .filter((r) => r.Type === 'AWS::Logs::LogGroup' && r.Properties.LogGroupName === 'RDSOSMetrics')
        .map((r) => {
          expect(r.Properties.KmsKeyId).toBeDefined();
          return `${s.environment.account}/${s.environment.region} ${s.stackName}`;
        }),
    );
    expect(declared.sort()).toEqual([
      '111111111111/eu-west-1 cordon-platform-prod-eu-west-1',
      '111111111111/us-east-1 cordon-platform-prod-us-east-1',
      '222222222222/eu-west-1 cordon-platform-staging-eu-west-1',
      '222222222222/us-east-1 cordon-platform-staging-us-east-1',
    ]);
  });

  test('every data stack monitors its instances through its region role and deploys after its region platform stack', () => {
    for (const s of stacks.filter((x) => Object.values<any>(x.template.Resources ?? {}).some((r) => r.Type === 'AWS::RDS::DBInstance'))) {
      const region = s.environment.region;
      for (const r of Object.values<any>(s.template.Resources).filter((x) => x.Type === 'AWS::RDS::DBInstance')) {
        expect(r.Properties).toMatchObject({ MonitoringInterval: 60, MonitoringRoleArn: `arn:aws:iam::${s.environment.account}:role/cordon-rds-monitoring-${region}` });
      }
      expect(s.dependencies.map((d) => d.id)).toContain(stacks.find((p) => p.stackName.startsWith('cordon-platform-') && p.environment.account === s.environment.account && p.environment.region === region)!.id);
    }
  });
});
