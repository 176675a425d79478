import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ALB_TLS_POLICIES } from '../../constructs/aws/fargate-service';
import { buildAwsApp } from '../../infra/aws-app';
import { PLATFORM } from '../../infra/platform';
import { llmEgressDomains } from '../../infra/stacks/aws-names';
import { loadRegistry } from '../../infra/registry/load';
import { normalizeForSnapshot } from '../snapshot';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-aws-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
let assembly: CloudAssembly;
let offboarded: Set<string>;
beforeAll(() => {
  const registry = loadRegistry();
  offboarded = new Set(registry.filter((t) => t.status === 'offboarded').map((t) => t.id));
  assembly = buildAwsApp(registry, { outdir }).synth();
});

const template = (name: string): any => assembly.getStackByName(name).template;
const resources = (name: string): [string, any][] => Object.entries(template(name).Resources ?? {});
const ofType = (name: string, type: string) => resources(name).filter(([, r]) => r.Type === type).map(([, r]) => r.Properties);

/** The prod stacks of one tenant per tier (pooled initech, dedicated globex, enterprise stark) and the platform once. */
const SNAPSHOT_STACKS = [
  'initech-prod-keys', 'initech-prod',
  'globex-prod-keys', 'globex-prod', 'globex-prod-edge',
  'stark-prod-keys', 'stark-prod', 'stark-prod-edge',
  'cordon-keys-prod', 'cordon-platform-prod-us-east-1', 'cordon-cell-prod-us-east-1', 'cordon-cell-prod-us-east-1-openai', 'cordon-edge-prod',
];

describe('AWS estate snapshots (prod)', () => {
  test.each(SNAPSHOT_STACKS)('%s', (name) => {
    expect(normalizeForSnapshot(template(name))).toMatchSnapshot();
  });
});

describe('AWS estate', () => {
  test('stack names: per environment the platform stacks, per tenant keys + data (+ edge unless pooled)', () => {
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'cordon-cell-prod-us-east-1', 'cordon-cell-prod-us-east-1-openai', 'cordon-cell-staging-us-east-1',
      'cordon-edge-prod', 'cordon-edge-staging',
      'cordon-keys-prod', 'cordon-keys-staging',
      'cordon-platform-prod-us-east-1', 'cordon-platform-staging-us-east-1',
      'globex-prod', 'globex-prod-edge', 'globex-prod-keys', 'globex-staging', 'globex-staging-edge', 'globex-staging-keys',
      'initech-prod', 'initech-prod-keys', 'initech-staging', 'initech-staging-keys',
      'stark-prod', 'stark-prod-edge', 'stark-prod-keys', 'stark-staging', 'stark-staging-edge', 'stark-staging-keys',
      'tyrell-staging-keys', // offboarded: only its shredded keys are left
      'wayne-prod', 'wayne-prod-keys',
    ]);
  });

  test('every stack has an explicit account and region, prod and staging in different accounts, and nothing was looked up', () => {
    for (const s of assembly.stacks) {
      const env = s.stackName.includes('staging') ? 'staging' : 'prod';
      expect([s.stackName, s.environment.account]).toEqual([s.stackName, PLATFORM.aws.account[env]]);
      expect(s.environment.region).toBe('us-east-1');
    }
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  test('tenant stacks tag every taggable resource with the tenant; platform stacks carry no tenant tag (TEN-1)', () => {
    for (const s of assembly.stacks) {
      const tenant = /^cordon-/.test(s.stackName) ? undefined : s.stackName.split('-')[0];
      const tagged = Object.values<any>(s.template.Resources).filter((r) => Array.isArray(r.Properties?.Tags));
      expect(tagged.length).toBeGreaterThan(0);
      for (const r of tagged) {
        const tags = Object.fromEntries(r.Properties.Tags.map((t: any) => [t.Key, t.Value]));
        expect([s.stackName, r.Type, tags.tenant, tags.environment]).toEqual([s.stackName, r.Type, tenant, s.stackName.includes('staging') ? 'staging' : 'prod']);
      }
    }
  });

  test('keys live only in key stacks, rotated every 90 days with a 30-day window and retained (ENC-2, ENC-4, ENC-6)', () => {
    for (const s of assembly.stacks) {
      const keys = Object.values<any>(s.template.Resources).filter((r) => r.Type === 'AWS::KMS::Key');
      if (/-keys$|^cordon-keys-/.test(s.stackName)) expect(keys.length).toBeGreaterThan(0);
      else expect([s.stackName, keys.length]).toEqual([s.stackName, 0]);
      // An offboarded tenant's keys are disabled and deleted with their stack (RET-5); every other key is retained.
      const shredded = offboarded.has(s.stackName.split('-')[0]);
      for (const k of keys) {
        expect(k).toMatchObject({ DeletionPolicy: shredded ? 'Delete' : 'Retain', Properties: { EnableKeyRotation: true, RotationPeriodInDays: 90, PendingWindowInDays: 30 } });
        expect(k.Properties.Enabled).toBe(shredded ? false : undefined);
      }
    }
  });

  test("data is encrypted with the tenant's own keys from its key stack; stark's documents with the customer's key (ENC-3, ENC-5)", () => {
    const kmsOf = (b: any) => b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    expect(kmsOf(ofType('initech-prod', 'AWS::S3::Bucket')[0])).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^initech-prod-keys:/) });
    // Each environment under its own customer key: prod and non-prod share no key (NET-5).
    const stark = loadRegistry().find((t) => t.id === 'stark')!;
    expect(kmsOf(ofType('stark-prod', 'AWS::S3::Bucket')[0])).toBe(stark.cmek!.prod);
    expect(kmsOf(ofType('stark-staging', 'AWS::S3::Bucket')[0])).toBe(stark.cmek!.staging);
    expect(stark.cmek!.staging).not.toBe(stark.cmek!.prod);
    for (const t of ['initech', 'globex', 'stark']) {
      expect(ofType(`${t}-prod`, 'AWS::RDS::DBCluster')[0].KmsKeyId).toEqual({ 'Fn::ImportValue': expect.stringMatching(new RegExp(`^${t}-prod-keys:`)) });
    }
    expect(ofType('stark-prod-keys', 'AWS::KMS::Alias').map((a) => a.AliasName).sort()).toEqual(['alias/cordon/stark/database', 'alias/cordon/stark/logs']);
  });

  test('the only ingress from the internet anywhere is a load balancer on 443 (NET-1)', () => {
    for (const s of assembly.stacks) {
      const rules = Object.values<any>(s.template.Resources).flatMap((r) =>
        r.Type === 'AWS::EC2::SecurityGroup' ? r.Properties.SecurityGroupIngress ?? [] : r.Type === 'AWS::EC2::SecurityGroupIngress' ? [r.Properties] : [],
      );
      for (const r of rules.filter((x: any) => x.CidrIp === '0.0.0.0/0' || x.CidrIpv6 === '::/0')) expect([s.stackName, r.FromPort, r.ToPort]).toEqual([s.stackName, 443, 443]);
    }
  });

  test('pooled tenants share the cell network; dedicated and enterprise tenants get their own VPC (NET-2)', () => {
    expect(ofType('initech-prod', 'AWS::EC2::VPC')).toHaveLength(0);
    expect(ofType('initech-prod', 'AWS::RDS::DBSubnetGroup')[0].SubnetIds).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/^cordon-cell-prod-us-east-1:/) },
      { 'Fn::ImportValue': expect.stringMatching(/^cordon-cell-prod-us-east-1:/) },
    ]);
    expect(ofType('globex-prod', 'AWS::EC2::VPC')).toEqual([expect.objectContaining({ CidrBlock: '10.20.0.0/16' })]);
    expect(ofType('stark-prod', 'AWS::EC2::VPC')).toEqual([expect.objectContaining({ CidrBlock: '10.50.0.0/16' })]);
    expect(ofType('cordon-cell-prod-us-east-1', 'AWS::EC2::VPC')).toEqual([expect.objectContaining({ CidrBlock: PLATFORM.cellCidr })]);
  });

  test('LLM egress only where allowed: a pooled cell per LLM profile, so a no-LLM tenant\'s cell allows no LLM host (TEN-3)', () => {
    const allowed = (name: string) => ofType(name, 'AWS::Route53Resolver::FirewallDomainList').map((l) => l.Domains).find((d) => !d.includes('*')) as string[];
    const llm = (name: string) => allowed(name).filter((d) => Object.values(PLATFORM.llmHosts).flat().includes(d));
    expect(llm('cordon-cell-staging-us-east-1')).toEqual([]); // initech: no LLM
    expect(llm('cordon-cell-prod-us-east-1')).toEqual([]); // initech: no LLM, beside wayne's cell
    expect(llm('cordon-cell-prod-us-east-1-openai')).toEqual(['api.openai.com']); // wayne: openai
    expect(llm('globex-prod')).toEqual(['api.anthropic.com', 'api.openai.com']);
    expect(llm('stark-prod')).toEqual(['api.anthropic.com']);
    // Every pooled tenant's cell, found through the imports of its database subnets and the trust of its role, allows exactly its choice.
    const registry = loadRegistry();
    for (const t of registry.filter((x) => x.cloud === 'aws' && x.tier === 'pooled' && x.status === 'active')) {
      for (const env of t.environments) {
        const data = `${t.id}-${env}`;
        const cells = new Set(JSON.stringify([ofType(data, 'AWS::RDS::DBSubnetGroup'), ofType(data, 'AWS::IAM::Role')]).match(/cordon-cell-[a-z0-9-]+(?=:)/g));
        expect([data, [...cells].map(llm)]).toEqual([data, [llmEgressDomains(t.llm.subprocessors)]]);
      }
    }
  });

  test('the no-LLM cell of the home region answers the wildcard; another cell lists its tenants, so each reaches its own profile', () => {
    const edges = ofType('cordon-edge-prod', 'AWS::CloudFront::Distribution').map((d) => [d.DistributionConfig.Aliases, d.DistributionConfig.Origins[0].DomainName]);
    expect(edges).toEqual([
      [['*.cordon.example'], 'cell-us-east-1.cordon.example'],
      [['wayne.cordon.example'], 'cell-us-east-1-openai.cordon.example'],
    ]);
  });

  test('edges: one rate rule per pooled tenant on its Host at its limit; dedicated edges at the tenant limit (EDGE-2)', () => {
    const rateRules = (name: string) =>
      ofType(name, 'AWS::WAFv2::WebACL').flatMap((a) => a.Rules).filter((r: any) => r.Statement.RateBasedStatement).map((r: any) => [
        r.Statement.RateBasedStatement.ScopeDownStatement?.ByteMatchStatement.SearchString,
        r.Statement.RateBasedStatement.Limit,
      ]);
    expect(rateRules('cordon-edge-prod')).toEqual([['initech.cordon.example', 600], ['wayne.cordon.example', 600]]);
    expect(rateRules('cordon-edge-staging')).toEqual([['initech.staging.cordon.example', 600]]);
    expect(rateRules('globex-prod-edge')).toEqual([[undefined, 1200]]);
    expect(rateRules('stark-staging-edge')).toEqual([[undefined, 900]]);
  });

  test('PHI tenants log under a data protection policy; others do not pay for one (LOG-2)', () => {
    for (const g of ofType('stark-prod', 'AWS::Logs::LogGroup')) expect(g.DataProtectionPolicy).toBeDefined();
    for (const g of ofType('globex-prod', 'AWS::Logs::LogGroup')) expect(g.DataProtectionPolicy).toBeUndefined();
  });

  test('every ALB listener is TLS 1.3 HTTPS or an HTTP redirect (TLS-1)', () => {
    for (const s of assembly.stacks) {
      for (const l of Object.values<any>(s.template.Resources).filter((r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener').map((r) => r.Properties)) {
        if (l.Protocol === 'HTTPS') expect(ALB_TLS_POLICIES).toContain(l.SslPolicy);
        else expect(l.DefaultActions).toEqual([expect.objectContaining({ Type: 'redirect', RedirectConfig: expect.objectContaining({ Protocol: 'HTTPS' }) })]);
      }
    }
  });
});
