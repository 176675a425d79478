import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { buildGcpApp } from '../../infra/gcp-app';
import { PLATFORM } from '../../infra/platform';
import { loadRegistry } from '../../infra/registry/load';
import { Tenant } from '../../infra/registry/tenant';
import { assertNoHumanBindings } from '../../infra/stacks/gcp-tenant-stack';
import { normalizeForSnapshot } from '../snapshot';

type Tf = { resource: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>> };
let dir: string;
let stacks: Record<string, Tf>;
let tenants: Tenant[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-gcp-'));
  tenants = loadRegistry();
  buildGcpApp(tenants, { outdir: dir }).synth();
  stacks = {};
  for (const name of fs.readdirSync(path.join(dir, 'stacks'))) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const blocks = (tf: Tf, type: string) => Object.values(tf.resource[type] ?? {});
const everyBlock = (tf: Tf) => Object.entries(tf.resource).flatMap(([type, byName]) => Object.values(byName).map((b) => ({ type, ...b })));

describe('GCP estate of the example registry', () => {
  test('GIVEN the example registry THEN platform and cell stacks per environment, and one stack per tenant per environment', () => {
    expect(Object.keys(stacks).sort()).toEqual([
      'acme-prod', 'acme-staging',
      'cordon-cell-prod-europe-west1', 'cordon-cell-prod-europe-west1-anthropic', 'cordon-cell-staging-europe-west1', 'cordon-cell-staging-europe-west1-anthropic',
      'cordon-platform-prod', 'cordon-platform-staging',
      'cyberdyne-staging', // offboarding: its data and keys only
      'hooli-prod', 'hooli-staging', 'northwind-prod', 'northwind-staging', 'umbrella-prod', 'umbrella-staging',
    ]);
  });

  test.each(['northwind-prod', 'umbrella-prod', 'acme-prod', 'cordon-cell-prod-europe-west1', 'cordon-cell-prod-europe-west1-anthropic', 'cordon-platform-prod'])('snapshot of %s', (name) => {
    expect(normalizeForSnapshot(stacks[name])).toMatchSnapshot();
  });

  test('GIVEN a tenant stack THEN every labelled resource carries exactly that tenant, environment and tier (TEN-1)', () => {
    for (const t of tenants.filter((x) => x.cloud === 'gcp')) {
      for (const env of t.environments) {
        for (const b of everyBlock(stacks[`${t.id}-${env}`])) {
          const labels = b.labels ?? b.settings?.user_labels;
          if (labels) expect({ tenant: labels.tenant, environment: labels.environment, tier: labels.tier }).toEqual({ tenant: t.id, environment: env, tier: t.tier });
        }
      }
    }
  });

  test('GIVEN any tenant stack THEN key rings live in the KMS project, never the data project (ENC-4), and every key grant goes to a service account', () => {
    for (const [name, tf] of Object.entries(stacks)) {
      const env = name.includes('staging') ? 'staging' : 'prod';
      for (const ring of blocks(tf, 'google_kms_key_ring')) expect(ring.project).toBe(PLATFORM.gcp.kmsProject(env));
      for (const grant of blocks(tf, 'google_kms_crypto_key_iam_member')) expect(grant.member).toMatch(/^serviceAccount:/);
    }
  });

  test('GIVEN prod and staging THEN they share no project (NET-5)', () => {
    const projects = (env: string) =>
      new Set(Object.entries(stacks).filter(([n]) => n.includes(env)).flatMap(([, tf]) => everyBlock(tf).map((b) => b.project).filter((p) => typeof p === 'string' && !p.includes('${'))));
    const prod = projects('prod');
    const shared = [...projects('staging')].filter((p) => prod.has(p));
    expect(shared).toEqual([]);
  });

  test('GIVEN prod tenant stacks THEN a PAM entitlement with two approvals and no user: or group: binding (IAM-1)', () => {
    for (const name of ['northwind-prod', 'umbrella-prod', 'acme-prod', 'hooli-prod']) {
      const pam = blocks(stacks[name], 'google_privileged_access_manager_entitlement');
      expect(pam).toHaveLength(1);
      expect(pam[0].approval_workflow.manual_approvals.steps).toHaveLength(2);
      const members = everyBlock(stacks[name]).map((b) => b.member).filter((m) => typeof m === 'string');
      expect(members.filter((m) => /^(user|group):/.test(m))).toEqual([]);
    }
    expect(blocks(stacks['acme-staging'], 'google_privileged_access_manager_entitlement')).toEqual([]);
  });

  test('GIVEN a stack with a standing human binding in prod THEN the check refuses it', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'x-prod');
    new ProjectIamMember(stack, 'human', { project: 'cdn-x-prd', role: 'roles/editor', member: 'user:alice@cordon.example' });
    expect(() => assertNoHumanBindings(stack)).toThrow(/standing human IAM binding .*user:alice@cordon.example/);
    const other = new TerraformStack(app, 'y-prod');
    new ProjectIamBinding(other, 'humans', { project: 'cdn-y-prd', role: 'roles/viewer', members: ['serviceAccount:a@b.iam.gserviceaccount.com', 'group:sre@cordon.example'] });
    expect(() => assertNoHumanBindings(other)).toThrow(/group:sre@cordon.example/);
    const clean = new TerraformStack(app, 'z-prod');
    new ProjectIamMember(clean, 'robot', { project: 'cdn-z-prd', role: 'roles/viewer', member: 'serviceAccount:a@b.iam.gserviceaccount.com' });
    expect(() => assertNoHumanBindings(clean)).not.toThrow();
  });

  test('GIVEN a build, failed or not THEN Error.captureStackTrace is restored and errors keep their stack', () => {
    const original = Error.captureStackTrace;
    const bad = { ...tenants.find((t) => t.id === 'umbrella')!, edge: { rateLimitPerMinute: 9 } };
    let error: Error | undefined;
    try {
      buildGcpApp([bad], { outdir: path.join(dir, 'bad') });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe('HttpsEdge: invalid rateLimitPerMinute: expected an integer from 10 to 1000000, received 9');
    expect(error?.stack).toMatch(/at /);
    expect(Error.captureStackTrace).toBe(original);
  });

  test('GIVEN a cell per LLM profile THEN one rate rule per pooled tenant of it on its host at its limit, and LLM egress = that profile', () => {
    const rateRules = (name: string) => blocks(stacks[name], 'google_compute_security_policy')[0].rule.filter((r: any) => r.action === 'throttle').map((r: any) => [r.match.expr.expression, r.rate_limit_options.rate_limit_threshold.count]);
    expect(rateRules('cordon-cell-prod-europe-west1')).toEqual([["request.headers['host'] == 'northwind.cordon.example'", 600]]);
    expect(rateRules('cordon-cell-prod-europe-west1-anthropic')).toEqual([["request.headers['host'] == 'hooli.cordon.example'", 300]]);
    expect(blocks(stacks['cordon-cell-prod-europe-west1'], 'google_compute_network_firewall_policy_rule')).toEqual([]);
    expect(blocks(stacks['cordon-cell-prod-europe-west1-anthropic'], 'google_compute_network_firewall_policy_rule')[0].match.dest_fqdns).toEqual(['api.anthropic.com']);
    const domains = (name: string) => blocks(stacks[name], 'google_compute_managed_ssl_certificate')[0].managed.domains;
    expect(domains('cordon-cell-staging-europe-west1')).toEqual(['northwind.staging.cordon.example']);
    expect(domains('cordon-cell-staging-europe-west1-anthropic')).toEqual(['hooli.staging.cordon.example']);
  });

  test('GIVEN pooled tenants THEN each one\'s cell, found through its network and the grant to the cell runtime, allows exactly its choice: none for a no-LLM tenant (TEN-3)', () => {
    const llmOf = (tf: Tf) => blocks(tf, 'google_compute_network_firewall_policy_rule').flatMap((r) => r.match.dest_fqdns).sort();
    for (const t of tenants.filter((x) => x.cloud === 'gcp' && x.tier === 'pooled' && x.status === 'active')) {
      for (const env of t.environments) {
        const mine = stacks[`${t.id}-${env}`];
        const network = blocks(mine, 'google_sql_database_instance')[0].settings.ip_configuration.private_network as string;
        const runtime = blocks(mine, 'google_service_account_iam_member').map((m) => m.member as string).find((m) => m.includes(PLATFORM.gcp.cellProject(env)))!;
        const cells = Object.entries(stacks).filter(([, tf]) => blocks(tf, 'google_compute_network').some((n) => `projects/${n.project}/global/networks/${n.name}` === network));
        expect(cells).toHaveLength(1);
        const [name, cell] = cells[0];
        expect(blocks(cell, 'google_service_account').map((a) => `serviceAccount:${a.account_id}@${a.project}.iam.gserviceaccount.com`)).toEqual([runtime]);
        expect([name, llmOf(cell)]).toEqual([name, t.llm.subprocessors.flatMap((s) => PLATFORM.llmHosts[s]).sort()]);
      }
    }
    expect(llmOf(stacks['cordon-cell-prod-europe-west1'])).toEqual([]); // northwind: no LLM
  });

  test('GIVEN tiers THEN LLM egress per tenant: openai for umbrella, none for acme (no-LLM) and none in pooled tenant stacks (TEN-3)', () => {
    expect(blocks(stacks['umbrella-prod'], 'google_compute_network_firewall_policy_rule')[0].match.dest_fqdns).toEqual(['api.openai.com']);
    expect(blocks(stacks['acme-prod'], 'google_compute_network_firewall_policy_rule')).toEqual([]);
    expect(blocks(stacks['northwind-prod'], 'google_compute_network')).toEqual([]);
  });

  test('GIVEN enterprise acme THEN HSM keys, the customer key on the bucket, zero retention; GIVEN pooled northwind THEN its database on the cell network', () => {
    blocks(stacks['acme-prod'], 'google_kms_crypto_key').forEach((k) => expect(k.version_template.protection_level).toBe('HSM'));
    const bucket = blocks(stacks['acme-prod'], 'google_storage_bucket')[0];
    const acme = tenants.find((t) => t.id === 'acme')!;
    expect(bucket.encryption.default_kms_key_name).toBe(acme.cmek!.prod);
    // Each environment under its own customer key: prod and non-prod share no key (NET-5).
    expect(blocks(stacks['acme-staging'], 'google_storage_bucket')[0].encryption.default_kms_key_name).toBe(acme.cmek!.staging);
    expect(acme.cmek!.staging).not.toBe(acme.cmek!.prod);
    expect(bucket.soft_delete_policy.retention_duration_seconds).toBe(0);
    const db = blocks(stacks['northwind-prod'], 'google_sql_database_instance')[0];
    expect(db.settings.ip_configuration).toMatchObject({ ipv4_enabled: false, private_network: 'projects/cdn-cell-prd/global/networks/cell-europe-west1', allocated_ip_range: 'cell-europe-west1-services' });
  });

  test('GIVEN every tenant stack THEN an audit sink to its environment\'s locked audit bucket', () => {
    for (const t of tenants.filter((x) => x.cloud === 'gcp')) {
      for (const env of t.environments) {
        const sink = blocks(stacks[`${t.id}-${env}`], 'google_logging_project_sink')[0];
        expect(sink.destination).toBe(`logging.googleapis.com/projects/${PLATFORM.gcp.auditProject(env)}/locations/europe-west1/buckets/audit`);
      }
    }
    for (const env of ['prod', 'staging']) {
      const bucket = blocks(stacks[`cordon-platform-${env}`], 'google_logging_project_bucket_config')[0];
      expect(bucket).toMatchObject({ project: PLATFORM.gcp.auditProject(env as 'prod'), location: 'europe-west1', bucket_id: 'audit', locked: true, retention_days: 2555 });
    }
  });
});
