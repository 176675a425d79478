import * as fs from 'fs';
import * as path from 'path';
import { Report } from '../../services/gate/model';
import { cordon, tmpDir } from '../helpers';

/** Local modules are expanded as Terraform would: their resources are judged under Terraform's own addresses. */
const work = tmpDir('cordon-modules-');
let n = 0;
const tree = (files: Record<string, string>) => {
  const dir = path.join(work, `m${++n}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
};
const findings = (dir: string, rule: string) => (JSON.parse(cordon('check', dir, '--format', 'json').stdout) as Report).findings.filter((f) => f.rule === rule).map((f) => `${f.resource} ${f.path}`);

const KEYS_MODULE = {
  'modules/keys/main.tf': `
variable "rotation" {
  default = "7776000s"
}
resource "google_kms_key_ring" "ring" {
  name     = "docs"
  location = "europe-west1"
}
resource "google_kms_crypto_key" "docs" {
  name            = "docs"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = var.rotation
}
output "key_id" {
  value = google_kms_crypto_key.docs.id
}
`,
};
const BUCKET = `
resource "google_storage_bucket" "docs" {
  name     = "docs"
  location = "EU"
  encryption {
    default_kms_key_name = module.keys.key_id
  }
}
`;

describe('local Terraform modules', () => {
  test('a module\'s resources are judged under module.<name>.<address>, with the arguments the call passes', () => {
    // GIVEN a root calling a local key module with a yearly rotation
    const dir = tree({ ...KEYS_MODULE, 'main.tf': `module "keys" {\n  source   = "./modules/keys"\n  rotation = "31536000s"\n}\n` });
    expect(findings(path.join(dir, 'main.tf'), 'ENC-2-GCP')).toEqual(['module.keys.google_kms_crypto_key.docs rotation_period']);
  });

  test('a variable the call leaves out takes its default, and the module\'s output links the root\'s bucket to its key', () => {
    const dir = tree({ ...KEYS_MODULE, 'main.tf': `module "keys" {\n  source = "./modules/keys"\n}\n${BUCKET}` });
    expect(findings(path.join(dir, 'main.tf'), 'ENC-2-GCP')).toEqual([]);
    // the bucket names the module's key through its output: ENC-1 sees a customer key
    expect(findings(path.join(dir, 'main.tf'), 'ENC-1-GCP')).toEqual([]);
    // without the output, it names no key
    const bare = tree({ ...KEYS_MODULE, 'main.tf': `module "keys" {\n  source = "./modules/keys"\n}\n${BUCKET.replace('module.keys.key_id', '""')}` });
    expect(findings(path.join(bare, 'main.tf'), 'ENC-1-GCP')).toEqual(['google_storage_bucket.docs encryption.default_kms_key_name']);
  });

  test('modules in modules, and a Terraform JSON root, are expanded too', () => {
    const dir = tree({
      ...KEYS_MODULE,
      'modules/tenant/main.tf': `module "keys" {\n  source   = "../keys"\n  rotation = "31536001s"\n}\n`,
      'main.tf.json': JSON.stringify({ module: { tenant: { source: './modules/tenant' } } }),
    });
    expect(findings(path.join(dir, 'main.tf.json'), 'ENC-2-GCP')).toEqual(['module.tenant.module.keys.google_kms_crypto_key.docs rotation_period']);
  });
});
