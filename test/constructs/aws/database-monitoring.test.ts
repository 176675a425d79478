import { Match, Template } from 'aws-cdk-lib/assertions';
import { DatabaseMonitoring, DatabaseMonitoringProps } from '../../../constructs/aws/database-monitoring';
import { stack, tenantKey } from './_stack';

function template(props: Partial<DatabaseMonitoringProps> = {}): Template {
  const s = stack();
  new DatabaseMonitoring(s, 'Monitoring', { key: tenantKey(s, 'logs'), roleName: 'cordon-rds-monitoring-us-east-1', ...props });
  return Template.fromStack(s);
}

describe('DatabaseMonitoring', () => {
  test('GIVEN defaults THEN RDSOSMetrics is declared under the key, kept 365 days, retained (ENC-1)', () => {
    template().hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: 'RDSOSMetrics', KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^logsKey'), 'Arn'] }, RetentionInDays: 365, DataProtectionPolicy: Match.absent() },
      DeletionPolicy: 'Retain',
    });
  });

  test('GIVEN defaults THEN the role is trusted by RDS monitoring of this account only and has the AWS managed monitoring policy', () => {
    template().hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'cordon-rds-monitoring-us-east-1',
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
      },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole'],
    });
  });

  test('GIVEN 731 days THEN kept 731 days; a bad role name or retention is refused', () => {
    template({ retentionDays: 731 }).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    expect(() => template({ roleName: 'bad name' })).toThrow(/DatabaseMonitoring: invalid roleName: expected an IAM role name matching .*, received "bad name"/);
    expect(() => template({ retentionDays: 364 })).toThrow(/EncryptedLogGroup: invalid retentionDays: .*received 364/);
  });
});
