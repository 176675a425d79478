import * as path from 'path';
import { loadInputs } from '../../services/gate/inputs';
import { normalizeCloudFormation } from '../../services/gate/normalize-cloudformation';
import { checkWithFrameworkRules, readJson, tmpDir } from '../helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

describe('normalizer', () => {
  test('CloudFormation: Ref, Fn::GetAtt, Fn::Sub and Fn::ImportValue become references; pseudo parameters do not', () => {
    const [{ doc }] = loadInputs([path.join(FIXTURES, 'handwritten-cfn.json')]);
    expect(doc.stack).toEqual({ name: 'handwritten-cfn', format: 'cloudformation', tenant: 'initech', environment: null, tier: null });
    expect(doc.resources.Archive.references).toEqual(['AppKey', 'import:central-logs']);
    expect(doc.resources.Uploads.references).toEqual(['Env']);
    expect(doc.resources.AppKey).toMatchObject({ type: 'AWS::KMS::Key', labels: { tenant: 'initech' }, path: null });
  });

  test('CloudFormation: an EFS file system carries its tags in FileSystemTags, read as labels like Tags', () => {
    const doc = normalizeCloudFormation({ Resources: { Fs: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true, FileSystemTags: [{ Key: 'tenant', Value: 'initech' }] } } } }, 'efs', 'efs.json');
    expect(doc.resources.Fs.labels).toEqual({ tenant: 'initech' });
  });

  test('Terraform JSON: interpolations become references, data sources are not resources, `//` metadata is dropped', () => {
    const [{ doc }] = loadInputs([path.join(FIXTURES, 'handwritten.tf.json')]);
    expect(doc.stack.format).toBe('terraform');
    expect(Object.keys(doc.resources).sort()).toEqual([
      'google_kms_crypto_key.good', 'google_kms_crypto_key.signer', 'google_kms_crypto_key.yearly',
      'google_kms_key_ring.main', 'google_storage_bucket.cmek', 'google_storage_bucket.plain',
    ]);
    expect(doc.resources['google_storage_bucket.cmek'].references).toEqual(['google_kms_crypto_key.good']);
    expect(doc.resources['google_kms_crypto_key.good'].references).toEqual(['google_kms_key_ring.main']);
  });
});

describe('templates nobody here wrote', () => {
  const dir = tmpDir();
  test('CloudFormation: the unrotated key and the SSE-S3 bucket fail, the rest pass', () => {
    const out = path.join(dir, 'r.json');
    expect(checkWithFrameworkRules(path.join(FIXTURES, 'handwritten-cfn.json'), '--format', `json=${out}`).code).toBe(1);
    expect(readJson(out).findings.map((f: any) => [f.rule, f.resource])).toEqual([['ENC-2-AWS', 'LegacyKey'], ['ENC-1-AWS', 'Uploads']]);
  });

  test('Terraform JSON: the yearly key and the Google-managed bucket fail; the asymmetric key and data source are not judged', () => {
    const out = path.join(dir, 'r.json');
    expect(checkWithFrameworkRules(path.join(FIXTURES, 'handwritten.tf.json'), '--format', `json=${out}`).code).toBe(1);
    expect(readJson(out).findings.map((f: any) => [f.rule, f.resource])).toEqual([
      ['ENC-2-GCP', 'google_kms_crypto_key.yearly'],
      ['ENC-1-GCP', 'google_storage_bucket.plain'],
    ]);
  });
});
