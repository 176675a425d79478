import { Match, Template } from 'aws-cdk-lib/assertions';
import { PostgresCluster, PostgresClusterProps } from '../../../constructs/aws/postgres-cluster';
import { pgauditClassesFor } from '../../../constructs/props';
import { stack, tenantKey } from './_stack';

function build(props: Partial<PostgresClusterProps> = {}) {
  const s = stack();
  const db = new PostgresCluster(s, 'Db', { tenantId: 'acme', key: tenantKey(s, 'database'), logKey: tenantKey(s, 'logs'), monitoringRoleArn: MONITORING_ROLE, subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-data'], ...props });
  return { s, db, t: Template.fromStack(s) };
}

const MONITORING_ROLE = 'arn:aws:iam::111111111111:role/cordon-rds-monitoring-us-east-1';
const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^databaseKey'), 'Arn'] };

describe('PostgresCluster', () => {
  test('GIVEN defaults THEN Aurora PostgreSQL encrypted with the tenant key, 7-day backups, deletion protection, IAM auth, snapshot on delete', () => {
    build().t.hasResource('AWS::RDS::DBCluster', {
      Properties: {
        Engine: 'aurora-postgresql',
        EngineVersion: '16.6',
        StorageEncrypted: true,
        KmsKeyId: keyArn,
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        EnableIAMDatabaseAuthentication: true,
        ManageMasterUserPassword: true,
        MasterUserSecret: { KmsKeyId: keyArn },
        MasterUserPassword: Match.absent(),
        Port: 5432,
        VpcSecurityGroupIds: ['sg-data'],
        CopyTagsToSnapshot: true,
        ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 8 },
      },
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
    });
  });

  test('GIVEN defaults THEN TLS is required by the cluster parameter group (TLS-2)', () => {
    build().t.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Family: 'aurora-postgresql16',
      Parameters: { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' },
    });
  });

  test('GIVEN defaults THEN pgaudit logs ddl, role and write without parameters, log_statement none (LOG-1, LOG-2); GIVEN read too THEN it is logged', () => {
    build().t.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Parameters: { shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'ddl,role,write', 'pgaudit.log_parameter': '0', log_statement: 'none', log_connections: '1' },
    });
    build({ auditStatements: pgauditClassesFor(true) }).t.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { 'pgaudit.log': 'ddl,role,write,read' } });
  });

  test('GIVEN defaults THEN the statement log is exported to a group declared first: its fixed name, the logs key, seven years, retained (LOG-1, RET-3)', () => {
    const { s, db, t } = build();
    t.hasResourceProperties('AWS::RDS::DBCluster', { DBClusterIdentifier: 'acme-db', EnableCloudwatchLogsExports: ['postgresql'] });
    t.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/aws/rds/cluster/acme-db/postgresql',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^logsKey'), 'Arn'] },
        RetentionInDays: 2557,
        DataProtectionPolicy: Match.anyValue(),
      },
      DeletionPolicy: 'Retain',
    });
    const group = s.getLogicalId(db.auditLogGroup.node.defaultChild as any);
    expect(Object.values(t.findResources('AWS::RDS::DBCluster'))[0].DependsOn).toContain(group);
  });

  test('GIVEN an identifier, ten years and no data protection THEN the group follows', () => {
    const t = build({ clusterIdentifier: 'globex-prod-db', auditLogRetentionDays: 3653, auditLogDataProtection: false }).t;
    t.hasResourceProperties('AWS::RDS::DBCluster', { DBClusterIdentifier: 'globex-prod-db' });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/rds/cluster/globex-prod-db/postgresql', RetentionInDays: 3653, DataProtectionPolicy: Match.absent() });
  });

  test('boundaries: the statement log keeps at least seven years (2557 accepted, 1827 not), or never expires', () => {
    expect(() => build({ auditLogRetentionDays: 2557 })).not.toThrow();
    expect(() => build({ auditLogRetentionDays: 9999 })).not.toThrow();
    expect(() => build({ auditLogRetentionDays: 1827 })).toThrow(/PostgresCluster: invalid auditLogRetentionDays: expected at least 2555 \(seven years of audit evidence, RET-3\), received 1827/);
    expect(() => build({ auditLogRetentionDays: 2600 })).toThrow(/EncryptedLogGroup: invalid retentionDays: .*received 2600/);
  });

  test('GIVEN defaults THEN one private serverless writer in the given isolated subnets (NET-4)', () => {
    const { t } = build();
    t.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: ['subnet-a', 'subnet-b'] });
    t.resourceCountIs('AWS::RDS::DBInstance', 1);
    t.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless', PubliclyAccessible: false, Engine: 'aurora-postgresql' });
  });

  test('GIVEN defaults THEN every instance reports enhanced monitoring every 60 s through the given role; GIVEN 1 s THEN 1 s', () => {
    const { t } = build({ instances: 2 });
    const instances = Object.values(t.findResources('AWS::RDS::DBInstance'));
    expect(instances.map((i) => [i.Properties.MonitoringInterval, i.Properties.MonitoringRoleArn])).toEqual([[60, MONITORING_ROLE], [60, MONITORING_ROLE]]);
    build({ monitoringIntervalSeconds: 1 }).t.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 1 });
  });

  test('GIVEN 2 instances, 14 days and engine 15.8 THEN a writer and a reader, 14 days, family 15', () => {
    const { t } = build({ instances: 2, backupRetentionDays: 14, engineVersion: '15.8' });
    t.resourceCountIs('AWS::RDS::DBInstance', 2);
    t.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 14, EngineVersion: '15.8' });
    t.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql15' });
  });

  test('connectArn names the cluster resource id and the user', () => {
    const { s, db } = build();
    const id = s.getLogicalId(db.cluster);
    expect(s.resolve(db.connectArn('app'))).toEqual({
      'Fn::Join': ['', ['arn:aws:rds-db:us-east-1:111111111111:dbuser:', { 'Fn::GetAtt': [id, 'DBClusterResourceId'] }, '/app']],
    });
  });

  test('boundaries: backups 7 and 35 days are accepted, 6 and 36 are not (RET-4)', () => {
    expect(() => build({ backupRetentionDays: 7 })).not.toThrow();
    expect(() => build({ backupRetentionDays: 35 })).not.toThrow();
    expect(() => build({ backupRetentionDays: 6 })).toThrow(/PostgresCluster: invalid backupRetentionDays: expected an integer from 7 to 35, received 6/);
    expect(() => build({ backupRetentionDays: 36 })).toThrow(/received 36/);
  });

  test.each([
    ['tenantId', { tenantId: 'x' }, /PostgresCluster: invalid tenantId: .*received "x"/],
    ['engineVersion', { engineVersion: '12.9' }, /PostgresCluster: invalid engineVersion: expected an Aurora PostgreSQL version MAJOR.MINOR with MAJOR 13 or later, e.g. 16.6, received "12.9"/],
    ['instances 0', { instances: 0 }, /PostgresCluster: invalid instances: expected an integer from 1 to 15, received 0/],
    ['instances 16', { instances: 16 }, /received 16/],
    ['capacity.min not a half step', { capacity: { min: 0.3, max: 8 } }, /PostgresCluster: invalid capacity.min: expected a multiple of 0.5 from 0 to 256, received 0.3/],
    ['capacity.max over 256', { capacity: { min: 1, max: 256.5 } }, /invalid capacity.max: expected a multiple of 0.5 from 0 to 256, received 256.5/],
    ['capacity.max under min', { capacity: { min: 4, max: 2 } }, /PostgresCluster: invalid capacity.max: expected at least 1 and at least capacity.min \(4\), received 2/],
    ['one subnet', { subnetIds: ['subnet-a'] }, /PostgresCluster: invalid subnetIds: expected isolated subnets in at least two availability zones, received \["subnet-a"\]/],
    ['auditStatements without write', { auditStatements: ['ddl', 'role'] }, /PostgresCluster: invalid auditStatements: expected a list of read \| write \| function \| role \| ddl \| misc \| misc_set, each once, holding ddl, role, write \(LOG-1\), received \["ddl","role"\]/],
    ['auditStatements unknown class', { auditStatements: ['ddl', 'role', 'write', 'all'] }, /invalid auditStatements: .*received \["ddl","role","write","all"\]/],
    ['auditStatements twice', { auditStatements: ['ddl', 'role', 'write', 'write'] }, /invalid auditStatements: .*received \["ddl","role","write","write"\]/],
    ['clusterIdentifier with a double hyphen', { clusterIdentifier: 'acme--db' }, /PostgresCluster: invalid clusterIdentifier: expected lower-case letters, digits and single hyphens, 1 to 63 characters, a letter first and no hyphen last, received "acme--db"/],
    ['clusterIdentifier ending in a hyphen', { clusterIdentifier: 'acme-' }, /invalid clusterIdentifier: .*received "acme-"/],
    ['clusterIdentifier upper case', { clusterIdentifier: 'Acme-db' }, /invalid clusterIdentifier: .*received "Acme-db"/],
    ['clusterIdentifier of 64 characters', { clusterIdentifier: `a${'b'.repeat(63)}` }, /invalid clusterIdentifier: .*received "ab+"/],
    ['monitoringIntervalSeconds 0 (off)', { monitoringIntervalSeconds: 0 }, /PostgresCluster: invalid monitoringIntervalSeconds: expected one of 1 \| 5 \| 10 \| 15 \| 30 \| 60, received 0/],
    ['monitoringIntervalSeconds 120', { monitoringIntervalSeconds: 120 }, /invalid monitoringIntervalSeconds: .*received 120/],
    ['monitoringRoleArn empty', { monitoringRoleArn: '' }, /PostgresCluster: invalid monitoringRoleArn: expected the ARN of the enhanced monitoring role \(DatabaseMonitoring\), received ""/],
    ['no security group', { securityGroupIds: [] }, /PostgresCluster: invalid securityGroupIds: expected at least one data-tier security group, received \[\]/],
  ])('refuses a bad %s', (_f, props, message) => {
    expect(() => build(props as Partial<PostgresClusterProps>)).toThrow(message);
  });

  test('boundary: a clusterIdentifier of 63 characters is accepted', () => {
    expect(() => build({ clusterIdentifier: `a${'b'.repeat(62)}` })).not.toThrow();
  });

  test('boundary: capacity 0 to 1 (pausing) is accepted', () => {
    expect(() => build({ capacity: { min: 0, max: 1 } })).not.toThrow();
  });
});
