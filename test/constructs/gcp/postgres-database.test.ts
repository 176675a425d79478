import { PostgresDatabase, PostgresDatabaseProps } from '../../../constructs/gcp/postgres-database';
import { pgauditClassesFor } from '../../../constructs/props';
import { only, propError, synth } from './synth';

const DB: PostgresDatabaseProps = {
  tenantId: 'acme',
  project: 'cdn-acme-prd',
  region: 'europe-west1',
  name: 'acme-db',
  kmsKeyName: 'projects/cdn-kms-prd/locations/europe-west1/keyRings/acme/cryptoKeys/database',
  privateNetwork: 'projects/cdn-acme-prd/global/networks/vpc',
};

describe('PostgresDatabase (Cloud SQL)', () => {
  test('GIVEN defaults THEN private IP only, tenant key, ENCRYPTED_ONLY, PITR with 7 days of logs, deletion protection', () => {
    const { resource: r } = synth((s) => new PostgresDatabase(s, 'db', { ...DB, labels: { tenant: 'acme' } }));
    expect(only(r, 'google_sql_database_instance')).toMatchObject({
      database_version: 'POSTGRES_16',
      encryption_key_name: DB.kmsKeyName,
      deletion_protection: true,
      settings: {
        edition: 'ENTERPRISE',
        availability_type: 'REGIONAL',
        deletion_protection_enabled: true,
        user_labels: { tenant: 'acme' },
        ip_configuration: { ipv4_enabled: false, private_network: DB.privateNetwork, ssl_mode: 'ENCRYPTED_ONLY' },
        backup_configuration: { enabled: true, point_in_time_recovery_enabled: true, transaction_log_retention_days: 7 },
      },
    });
    expect(only(r, 'google_sql_database_instance').settings.ip_configuration.authorized_networks).toBeUndefined();
  });

  test('GIVEN defaults THEN only the project\'s Cloud SQL service agent may use the key', () => {
    const { resource: r, data } = synth((s) => new PostgresDatabase(s, 'db', DB));
    const grant = only(r, 'google_kms_crypto_key_iam_member');
    expect(grant).toMatchObject({ crypto_key_id: DB.kmsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
    expect(grant.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\..*\.number\}@gcp-sa-cloud-sql\.iam\.gserviceaccount\.com$/);
    expect(only(data, 'google_project').project_id).toBe('cdn-acme-prd');
  });

  test('GIVEN forDeletion THEN neither Terraform nor Cloud SQL protects it from deletion, and the rest is unchanged', () => {
    const { resource: r } = synth((s) => new PostgresDatabase(s, 'db', { ...DB, forDeletion: true }));
    const { resource: kept } = synth((s) => new PostgresDatabase(s, 'db', DB));
    const instance = only(r, 'google_sql_database_instance');
    expect([instance.deletion_protection, instance.settings.deletion_protection_enabled]).toEqual([false, false]);
    const unprotected = (i: any) => ({ ...i, deletion_protection: false, settings: { ...i.settings, deletion_protection_enabled: false } });
    expect(instance).toEqual(unprotected(only(kept, 'google_sql_database_instance')));
  });

  test('GIVEN an allocated range THEN it is used', () => {
    const { resource: r } = synth((s) => new PostgresDatabase(s, 'db', { ...DB, allocatedIpRange: 'vpc-services' }));
    expect(only(r, 'google_sql_database_instance').settings.ip_configuration.allocated_ip_range).toBe('vpc-services');
  });

  test('GIVEN defaults THEN pgaudit logs ddl, role and write without parameters, log_statement none (LOG-1, LOG-2); GIVEN read too THEN it is logged', () => {
    const flags = (props: Partial<PostgresDatabaseProps>) =>
      Object.fromEntries(only(synth((s) => new PostgresDatabase(s, 'db', { ...DB, ...props })).resource, 'google_sql_database_instance').settings.database_flags.map((f: any) => [f.name, f.value]));
    expect(flags({})).toMatchObject({ 'cloudsql.enable_pgaudit': 'on', 'pgaudit.log': 'ddl,role,write', 'pgaudit.log_parameter': 'off', log_statement: 'none', log_connections: 'on' });
    expect(flags({ auditStatements: pgauditClassesFor(true) })['pgaudit.log']).toBe('ddl,role,write,read');
  });

  test('GIVEN ENTERPRISE_PLUS and 35 days (its upper bound) THEN accepted', () => {
    const { resource: r } = synth((s) => new PostgresDatabase(s, 'db', { ...DB, edition: 'ENTERPRISE_PLUS', pointInTimeRecoveryDays: 35 }));
    expect(only(r, 'google_sql_database_instance').settings.backup_configuration.transaction_log_retention_days).toBe(35);
  });

  test.each([
    [{ pointInTimeRecoveryDays: 6 }, propError('PostgresDatabase', 'pointInTimeRecoveryDays', 'an integer from 7 to 7 (edition ENTERPRISE)', 6)],
    [{ pointInTimeRecoveryDays: 8 }, propError('PostgresDatabase', 'pointInTimeRecoveryDays', 'an integer from 7 to 7 (edition ENTERPRISE)', 8)],
    [{ edition: 'ENTERPRISE_PLUS', pointInTimeRecoveryDays: 36 }, propError('PostgresDatabase', 'pointInTimeRecoveryDays', 'an integer from 7 to 35 (edition ENTERPRISE_PLUS)', 36)],
    [{ edition: 'STANDARD' }, propError('PostgresDatabase', 'edition', 'one of ENTERPRISE | ENTERPRISE_PLUS', 'STANDARD')],
    [{ kmsKeyName: '' }, propError('PostgresDatabase', 'kmsKeyName', 'the name of a Cloud KMS key', '')],
    [{ privateNetwork: '' }, propError('PostgresDatabase', 'privateNetwork', 'a VPC id (projects/P/global/networks/N)', '')],
    [{ availabilityType: 'GLOBAL' }, propError('PostgresDatabase', 'availabilityType', 'one of REGIONAL | ZONAL', 'GLOBAL')],
    [{ auditStatements: ['ddl', 'write'] }, propError('PostgresDatabase', 'auditStatements', 'a list of read | write | function | role | ddl | misc | misc_set, each once, holding ddl, role, write (LOG-1)', ['ddl', 'write'])],
    [{ name: 'Acme_DB' }, propError('PostgresDatabase', 'name', 'an instance name matching ^[a-z][a-z0-9-]{0,61}[a-z0-9]$', 'Acme_DB')],
  ])('GIVEN %j THEN a PropError', (override, message) => {
    expect(() => synth((s) => new PostgresDatabase(s, 'db', { ...DB, ...(override as object) }))).toThrow(message);
  });
});
