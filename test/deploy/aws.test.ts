import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, Export, GetTemplateCommand, paginateListExports, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { GetBucketEncryptionCommand, GetBucketTaggingCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { buildAwsApp } from '../../infra/aws-app';
import { loadRegistry } from '../../infra/registry/load';
import { deploy, DeployOptions } from '../../services/deploy/deploy';
import { DeployHost } from '../../services/deploy/host';
import { DeploymentRecord, StoredEntry } from '../../services/deploy/record';
import { loadPolicyBundle } from '../../services/gate/policy';
import { ROOT } from '../../services/toolchain/paths';
import { cordonAsync, tmpDir } from '../helpers';
import { bootstrap, LocalAws, startLocalAws, useEnv } from '../support/moto';
import { strictBundle } from '../support/strict-bundle';

// The prod account of the estate (infra/platform.ts): the CDK toolkit refuses stacks of another account.
const PROD = '111111111111';
const BIN = path.join(ROOT, 'services', 'cli', 'bin', 'cordon.js');

let aws: LocalAws;
let restoreEnv: () => void;
const work = tmpDir('cordon-deploy-');
let n = 0;
/** A fresh output root and record per test, so no test sees another's artifacts. */
const fresh = () => {
  const root = path.join(work, `t${++n}`);
  fs.mkdirSync(root);
  return { root, record: path.join(root, 'record.jsonl') };
};

beforeAll(async () => {
  aws = await startLocalAws(PROD);
  restoreEnv = useEnv(aws.env);
}, 180_000);
afterAll(async () => {
  restoreEnv?.();
  await aws?.stop();
});
beforeEach(async () => {
  await aws.reset();
  await bootstrap(aws);
});

const cfn = () => new CloudFormationClient({});
const stackNames = async () => ((await cfn().send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => s.StackName!).filter((s) => s !== 'CDKToolkit').sort();
const entries = (file: string): readonly StoredEntry[] => DeploymentRecord.read(file);
const silentHost = (confirm: DeployHost['confirm'] = async () => true): DeployHost => ({ event: () => undefined, confirm });
/**
 * One tenant deployed (prod) from a fresh copy of the registry: `run` deploys it again, `leave` rewrites
 * its entry as offboarding or offboarded under an offboarding record.
 */
function tenantDeploy(tenant: string) {
  const { root, record } = fresh();
  const registry = path.join(root, 'tenants');
  fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registry, { recursive: true });
  const file = path.join(registry, `${tenant}.yaml`);
  const entry = fs.readFileSync(file, 'utf8');
  const run = (...extra: string[]) => cordonAsync(['deploy', '--tenant', tenant, '--env', 'prod', '--yes', '--registry', registry, '--out', root, '--audit-log', record, ...extra]);
  const leave = (status: 'offboarding' | 'offboarded', request: string, approvedAt: string, dataUntil: string) =>
    fs.writeFileSync(file, `${entry}status: ${status}\noffboarding: { request: ${request}, approvedAt: "${approvedAt}", dataUntil: "${dataUntil}" }\n`);
  return { root, record, registry, run, leave };
}
const options = (root: string, record: string, extra: Partial<DeployOptions> = {}): DeployOptions => ({ root, auditLog: record, bundle: loadPolicyBundle(), who: 'test@cordon.example', cloud: 'aws', env: 'prod', ...extra });

describe('cordon deploy to a local AWS API (moto)', () => {
  test('deploys the example estate\'s AWS prod stacks in dependency order; keys rotate, buckets use their tenant\'s key through resolved imports', async () => {
    const { root, record } = fresh();
    const res = await cordonAsync(['deploy', '--cloud', 'aws', '--env', 'prod', '--yes', '--as', 'ops@cordon.example', '--concurrency', '2', '--out', root, '--audit-log', record]);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    const expected = ['cordon-cell-prod-us-east-1', 'cordon-cell-prod-us-east-1-openai', 'cordon-edge-prod', 'cordon-keys-prod', 'cordon-platform-prod-us-east-1', 'globex-prod', 'globex-prod-edge', 'globex-prod-keys', 'initech-prod', 'initech-prod-keys', 'stark-prod', 'stark-prod-edge', 'stark-prod-keys', 'wayne-prod', 'wayne-prod-keys'];
    expect(await stackNames()).toEqual(expected);

    // Every tenant key rotates; moto models KMS keys and their rotation.
    const kms = new KMSClient({});
    const exports: Export[] = [];
    for await (const page of paginateListExports({ client: cfn() }, {})) exports.push(...(page.Exports ?? []));
    const exported = (stack: string, logical: string) => exports.find((e) => e.Name!.startsWith(`${stack}:`) && e.Name!.includes(logical))?.Value;
    // stark is enterprise: its documents are under the customer's key from the registry, not one of ours.
    const documentsKey: Record<string, string> = { stark: 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    for (const tenant of ['globex', 'initech', 'wayne']) documentsKey[tenant] = exported(`${tenant}-prod-keys`, 'DocumentsKey')!;
    for (const tenant of ['globex', 'initech', 'stark', 'wayne']) {
      const databaseKey = exported(`${tenant}-prod-keys`, 'DatabaseKey')!;
      for (const key of tenant === 'stark' ? [databaseKey] : [databaseKey, documentsKey[tenant]]) {
        expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled).toBe(true);
        expect((await kms.send(new ListResourceTagsCommand({ KeyId: key }))).Tags).toContainEqual({ TagKey: 'tenant', TagValue: tenant });
      }
    }
    // Each tenant's document bucket is encrypted with that tenant's documents key, which its data stack imported.
    const s3 = new S3Client({ forcePathStyle: true });
    const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    for (const tenant of ['globex', 'initech', 'stark', 'wayne']) {
      const mine = [];
      for (const b of buckets) {
        const tags = (await s3.send(new GetBucketTaggingCommand({ Bucket: b.Name })).catch(() => ({ TagSet: [] }))).TagSet ?? [];
        if (tags.some((t) => t.Key === 'tenant' && t.Value === tenant) && b.Name!.includes('documents')) mine.push(b.Name!);
      }
      expect(mine).toHaveLength(1);
      const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: mine[0] }))).ServerSideEncryptionConfiguration!.Rules![0];
      expect(rule.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: documentsKey[tenant] });
    }
    // Types moto does not model were deployed as placeholders: never counted as verified above.
    expect(aws.log()).toMatch(/AWS::WAFv2::WebACL\) not modelled by the emulator/);

    // The record: who, the bundle, the report's sha256, every stack with the artifact the gate judged.
    const log = entries(record);
    const start = log.find((e) => e.event === 'deploy.start')!;
    if (start.event !== 'deploy.start') throw new Error('no start');
    expect(start).toMatchObject({ who: 'ops@cordon.example', bundleSha256: loadPolicyBundle().manifest.wasmSha256, passed: true });
    const report = JSON.parse(fs.readFileSync(path.join(path.dirname(record), start.report), 'utf8'));
    expect(require('crypto').createHash('sha256').update(fs.readFileSync(path.join(path.dirname(record), start.report))).digest('hex')).toBe(start.reportSha256);
    for (const s of start.stacks) expect(report.stacks.find((r: { name: string }) => r.name === s.name).sha256).toBe(s.sha256);
    const deployedOrder = log.filter((e) => e.event === 'deploy.stack' && e.outcome === 'deployed').map((e) => (e.event === 'deploy.stack' ? e.stack.name : ''));
    expect(deployedOrder.sort()).toEqual(expected);
    // A dependency is recorded deployed before its dependents.
    const at = (name: string) => log.findIndex((e) => e.event === 'deploy.stack' && e.stack.name === name);
    expect(at('cordon-keys-prod')).toBeLessThan(at('cordon-cell-prod-us-east-1'));
    expect(at('initech-prod-keys')).toBeLessThan(at('initech-prod'));
    expect(at('cordon-cell-prod-us-east-1')).toBeLessThan(at('initech-prod'));
    expect(log[log.length - 1]).toMatchObject({ event: 'deploy.end', outcome: 'succeeded', failed: [], notAttempted: [] });

    // Deployed exactly what was gated: no drift right after.
    const drift = await cordonAsync(['drift', '--audit-log', record]);
    expect(drift.stdout).toContain('15 stack(s) checked, no drift');
    expect(drift.code).toBe(0);
  }, 240_000);

  test('an offboarding tenant\'s stacks that left the estate are removed after the gated deploy; a vanished stack of an active tenant is kept and named', async () => {
    // GIVEN globex (dedicated) deployed from a copy of the registry
    const { root, record, registry, run, leave } = tenantDeploy('globex');
    expect((await run()).code).toBe(0);
    expect(await stackNames()).toContain('globex-prod-edge');

    // WHEN its offboarding is approved (the registry says so) and the tenant is deployed again
    leave('offboarding', 'req-2026-12-07-0ff0ff00', '2026-12-07', '2027-01-06');
    const planned = await run('--plan-only');
    expect(planned.stdout).toContain('would remove globex-prod-edge (their tenant left the estate)');
    expect(await stackNames()).toContain('globex-prod-edge');
    const res = await run();

    // THEN its edge, which left the estate, is gone from the cloud; its keys and data stay; the record says so
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('removed globex-prod-edge (its tenant left the estate)');
    const names = await stackNames();
    expect(names).not.toContain('globex-prod-edge');
    expect(names).toEqual(expect.arrayContaining(['globex-prod', 'globex-prod-keys']));
    const log = entries(record);
    expect(log.filter((e) => e.event === 'deploy.stack' && e.outcome === 'removed').map((e) => (e.event === 'deploy.stack' ? e.stack : null))).toEqual([expect.objectContaining({ name: 'globex-prod-edge', tenant: 'globex', environment: 'prod', region: 'us-east-1' })]);
    expect(log[log.length - 1]).toMatchObject({ event: 'deploy.end', outcome: 'succeeded', removed: ['globex-prod-edge'] });
    // a second run has nothing left to remove
    expect((await run()).stdout).not.toContain('removed ');

    // AND a recorded stack of an active tenant that the estate no longer holds is named, never removed
    const rec = DeploymentRecord.open(record);
    rec.append({ event: 'deploy.stack', run: 'by-hand', stack: { name: 'wayne-prod-old', cloud: 'aws', sha256: '0'.repeat(64), tenant: 'wayne', environment: 'prod', region: 'us-east-1' }, outcome: 'deployed' });
    rec.close();
    const kept = await cordonAsync(['deploy', '--cloud', 'aws', '--env', 'prod', '--plan-only', '--registry', registry, '--out', root, '--audit-log', record]);
    expect(kept.stdout).toContain('left the estate but kept (remove by hand after review): wayne-prod-old');
    expect(kept.stdout).not.toContain('would remove wayne-prod-old');
  }, 300_000);

  test("an offboarded pooled tenant's keys are shredded: its data stack and key stack are deployed as gated (for deletion; disabled keys) and removed, and never deployed again", async () => {
    // GIVEN initech (pooled) deployed, then offboarding (its compute gone, data and keys kept)
    const { record, run, leave } = tenantDeploy('initech');
    expect((await run()).code).toBe(0);
    leave('offboarding', 'req-2026-12-01-0ff0ff00', '2026-12-01', '2026-12-31');
    expect((await run()).code).toBe(0);
    const template = JSON.parse((await cfn().send(new GetTemplateCommand({ StackName: 'initech-prod-keys' }))).TemplateBody!);
    const { StackResources } = await cfn().send(new DescribeStackResourcesCommand({ StackName: 'initech-prod-keys' }));
    const keys = StackResources!.filter((r) => template.Resources[r.LogicalResourceId!].Type === 'AWS::KMS::Key').map((r) => r.PhysicalResourceId!);
    expect(keys.length).toBeGreaterThan(0);

    // WHEN its window has ended and its keys are shredded (offboarded, the tombstone), and it is deployed
    leave('offboarded', 'req-2026-12-02-5bed5bed', '2026-12-02', '2026-12-02');
    const shredded = await run();

    // THEN both are deployed as gated (the data stack marked for deletion, the keys disabled), then the
    // data stack, which imported the keys, is removed, then the key stack, which deletes its keys; the
    // record keeps that order
    expect([shredded.code, shredded.stdout]).toEqual([0, expect.stringContaining('removed initech-prod-keys')]);
    expect((await stackNames()).filter((n) => n.startsWith('initech'))).toEqual([]);
    const kms = new KMSClient({});
    for (const id of keys) await expect(kms.send(new DescribeKeyCommand({ KeyId: id }))).rejects.toThrow();
    const last = entries(record).at(-1)!.run;
    expect(entries(record).flatMap((e) => (e.event === 'deploy.stack' && e.run === last && e.stack.tenant === 'initech' ? [`${e.outcome} ${e.stack.name}`] : []))).toEqual(['deployed initech-prod-keys', 'deployed initech-prod', 'removed initech-prod', 'removed initech-prod-keys']);

    // AND once shredded, the key stack is never deployed again (that would create keys)
    const again = await run();
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('nothing to deploy: cloud aws, tenants initech, environment prod holds only the keys of offboarded tenants, already shredded')]);
    expect(await stackNames()).not.toContain('initech-prod-keys');
  }, 300_000);

  test("a dedicated tenant's tombstone deletes everything it had: its data stack is deployed as gated for deletion (nothing retained, no deletion protection), its bucket emptied, then removed with its VPC, and then its keys are shredded", async () => {
    // GIVEN globex (dedicated: its own VPC, database and bucket) deployed, two documents stored, then offboarding
    const { root, record, run, leave } = tenantDeploy('globex');
    expect((await run()).code).toBe(0);
    const s3 = new S3Client({ forcePathStyle: true });
    const { StackResources } = await cfn().send(new DescribeStackResourcesCommand({ StackName: 'globex-prod' }));
    const bucket = StackResources!.find((r) => r.ResourceType === 'AWS::S3::Bucket' && r.LogicalResourceId!.startsWith('Documents'))!.PhysicalResourceId!;
    for (const key of ['contract.pdf', 'claim.pdf']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    leave('offboarding', 'req-2026-12-01-0ff0ff00', '2026-12-01', '2026-12-31');
    expect((await run()).code).toBe(0);

    // WHEN its window has ended (offboarded), planned and then deployed
    leave('offboarded', 'req-2026-12-02-5bed5bed', '2026-12-02', '2026-12-02');
    const planned = await run('--plan-only');
    expect(planned.stdout).toMatch(/would remove globex-prod, globex-prod-keys/);
    const shredded = await run();

    // THEN every stack of globex is gone (its database, bucket and VPC with them), and the bucket no longer exists
    expect([shredded.code, shredded.stdout]).toEqual([0, expect.stringContaining('removed globex-prod-keys')]);
    expect(shredded.stderr).toContain(`globex-prod removed: emptied ${bucket}: 2 object version(s) deleted`);
    expect(entries(record).find((e) => e.event === 'deploy.stack' && e.outcome === 'removed' && e.stack.name === 'globex-prod')).toMatchObject({ emptied: { [bucket]: 2 } });
    expect((await stackNames()).filter((n) => n.startsWith('globex'))).toEqual([]);
    expect(((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name)).not.toContain(bucket);
    // AND the order: both deployed as gated (keys first, as they are depended on), then removed, the keys last
    const last = entries(record).at(-1)!.run;
    const order = entries(record).flatMap((e) => (e.event === 'deploy.stack' && e.run === last && e.stack.tenant === 'globex' ? [`${e.outcome} ${e.stack.name}`] : []));
    expect(order).toEqual(['deployed globex-prod-keys', 'deployed globex-prod', 'removed globex-prod', 'removed globex-prod-keys']);
    // AND what was deployed for deletion is the gated output: nothing in it kept or protected
    const gated = JSON.parse(fs.readFileSync(path.join(root, 'cdk.out', 'globex-prod.template.json'), 'utf8')).Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: { DeletionProtection?: boolean } }>;
    const kept = Object.values(gated).filter((r) => ['AWS::S3::Bucket', 'AWS::RDS::DBCluster', 'AWS::Logs::LogGroup'].includes(r.Type));
    expect(kept.map((r) => [r.Type, r.DeletionPolicy, r.Properties.DeletionProtection ?? false])).toEqual(kept.map((r) => [r.Type, 'Delete', false]));
    expect(kept.length).toBeGreaterThanOrEqual(5);

    // AND once gone, nothing of globex is synthesized for deletion again
    const again = await run();
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('holds only the keys of offboarded tenants, already shredded')]);
  }, 400_000);

  test('a red gate deploys nothing, and its output is set aside where no deploy tool takes it', async () => {
    const { root, record } = fresh();
    const strict = strictBundle();
    const res = await cordonAsync(['deploy', '--cloud', 'aws', '--env', 'prod', '--yes', '--out', root, '--audit-log', record, '--bundle', strict.bundle, '--policies', strict.policies]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('nothing deployed: the gate did not pass');
    expect(res.stdout).toMatch(/ENC-2-AWS/);
    expect(await stackNames()).toEqual([]);
    expect(fs.existsSync(path.join(root, 'cdk.out'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'cdk.out.rejected', 'manifest.json'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'cdk.out.rejected', 'manifest.rejected.json'))).toBe(true);
    expect(res.stderr).toMatch(/the gate failed: the aws output was not made deployable; it is in .*cdk\.out\.rejected/);
    expect(entries(record).map((e) => `${e.event}:${'outcome' in e ? e.outcome : e.event === 'deploy.start' ? e.passed : ''}`)).toEqual(['deploy.start:false', 'deploy.end:refused']);
  }, 120_000);

  test('a template edited between the gate and the deploy is refused before it reaches the cloud', async () => {
    const { root, record } = fresh();
    const result = await deploy(
      options(root, record, { tenants: ['globex'] }),
      silentHost(async (stacks) => {
        // Between the gate and the first stack: what a person or a process could do to cdk.out.
        const keys = stacks.find((s) => s.name === 'globex-prod-keys')!;
        fs.writeFileSync(keys.file, fs.readFileSync(keys.file, 'utf8').replace('"EnableKeyRotation": true', '"EnableKeyRotation": false'));
        return true;
      }),
    );
    expect(result.outcome).toBe('failed');
    expect(result.failed).toEqual([{ name: 'globex-prod-keys', error: expect.stringMatching(/changed after the gate judged it/) }]);
    // The region's platform stack (RDS monitoring role and group) and its keys come with the tenant's data stack.
    expect(result.notAttempted).toEqual(['cordon-keys-prod', 'cordon-platform-prod-us-east-1', 'globex-prod', 'globex-prod-edge']);
    expect(await stackNames()).toEqual([]);
  }, 120_000);

  test('a failure mid-deploy stops there, names the CloudFormation event, and the record says what was deployed', async () => {
    const { root, record } = fresh();
    // Another stack in the account already exports a name the pooled cell exports: CloudFormation refuses the cell.
    const app = buildAwsApp(loadRegistry());
    const cell = app.synth().getStackByName('cordon-cell-prod-us-east-1').template as { Outputs: Record<string, { Export?: { Name: string } }> };
    const taken = Object.values(cell.Outputs).find((o) => o.Export)!.Export!.Name;
    await cfn().send(new CreateStackCommand({ StackName: 'squatter', TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } }, Outputs: { Taken: { Value: 'x', Export: { Name: taken } } } }) }));
    // In order: initech-prod-keys, cordon-keys-prod, the region's platform stack, the cell (fails), initech-prod (never reached).
    const res = await cordonAsync(['deploy', '--tenant', 'initech', '--env', 'prod', '--yes', '--out', root, '--audit-log', record]);
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/FAILED: cordon-cell-prod-us-east-1: ValidationError: Export names must be unique/);
    expect(res.stdout).toContain('not attempted: initech-prod');
    const statuses = Object.fromEntries(((await cfn().send(new DescribeStacksCommand({}))).Stacks ?? []).map((s) => [s.StackName, s.StackStatus]));
    expect(statuses).toMatchObject({ 'initech-prod-keys': 'CREATE_COMPLETE', 'cordon-keys-prod': 'CREATE_COMPLETE' });
    expect(statuses['cordon-cell-prod-us-east-1']).not.toBe('CREATE_COMPLETE');
    expect(statuses['initech-prod']).toBeUndefined();
    const end = entries(record).at(-1)!;
    expect(end).toMatchObject({ event: 'deploy.end', outcome: 'failed', deployed: ['initech-prod-keys', 'cordon-keys-prod', 'cordon-platform-prod-us-east-1'], failed: ['cordon-cell-prod-us-east-1'], notAttempted: ['initech-prod'] });
  }, 120_000);

  test('kill -9 mid-deploy leaves a run that the next deploy records as interrupted', async () => {
    const { root, record } = fresh();
    const child = spawn(process.execPath, [BIN, 'deploy', '--cloud', 'aws', '--env', 'prod', '--yes', '--out', root, '--audit-log', record], { env: { ...process.env, ...aws.env, CI: 'true' }, stdio: 'ignore' });
    // Killed as soon as the run is on record, long before its 15 stacks are deployed.
    const deadline = Date.now() + 120_000;
    while (!(fs.existsSync(record) && fs.readFileSync(record, 'utf8').includes('"event":"deploy.start"'))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('the deploy never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const killed = entries(record)[0].run;
    expect(entries(record).some((e) => e.event === 'deploy.end')).toBe(false);

    const next = await cordonAsync(['deploy', '--tenant', 'wayne', '--env', 'prod', '--yes', '--out', root, '--audit-log', record]);
    expect(next.stderr).toContain(`an earlier deploy (run ${killed}) never finished; it is recorded as interrupted`);
    expect(next.code).toBe(0);
    const closed = entries(record).find((e) => e.event === 'deploy.end' && e.run === killed)!;
    expect(closed).toMatchObject({ outcome: 'interrupted' });
    if (closed.event !== 'deploy.end') throw new Error('no end');
    expect(closed.deployed.length + closed.notAttempted.length + closed.failed.length).toBe(15);
  }, 240_000);

  test('drift finds a stack changed behind cordon\'s back and a stack the registry no longer defines', async () => {
    const { root, record } = fresh();
    const registry = path.join(root, 'tenants');
    fs.cpSync(path.join(ROOT, 'infra', 'tenants'), registry, { recursive: true });
    expect((await cordonAsync(['deploy', '--tenant', 'wayne', '--tenant', 'initech', '--env', 'prod', '--yes', '--out', root, '--audit-log', record, '--registry', registry])).code).toBe(0);
    expect((await cordonAsync(['drift', '--audit-log', record, '--registry', registry])).code).toBe(0);

    // A bucket added by hand to a key stack, through CloudFormation, outside any gate.
    const template = JSON.parse((await cfn().send(new GetTemplateCommand({ StackName: 'initech-prod-keys' }))).TemplateBody!);
    template.Resources.Exfil = { Type: 'AWS::S3::Bucket' };
    await cfn().send(new UpdateStackCommand({ StackName: 'initech-prod-keys', TemplateBody: JSON.stringify(template) }));
    // A tenant deleted from the registry without offboarding.
    fs.rmSync(path.join(registry, 'wayne.yaml'));

    const res = await cordonAsync(['drift', '--audit-log', record, '--registry', registry]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    // wayne was the only tenant of the OpenAI cell: the registry no longer defines that cell either.
    expect(res.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0].replace(/\s+/g, ' '))).toEqual([
      'unknown cordon-cell-prod-us-east-1-openai',
      'changed initech-prod-keys',
      'unknown wayne-prod',
      'unknown wayne-prod-keys',
      expect.stringMatching(/^\d+ stack\(s\) checked, 4 drifted$/),
    ]);
  }, 240_000);
});

describe('cordon drift fails closed', () => {
  test('a deployed stack whose record carries no template digest is reported, not passed', async () => {
    const { root, record } = fresh();
    expect((await cordonAsync(['deploy', '--tenant', 'wayne', '--env', 'prod', '--yes', '--out', root, '--audit-log', record])).code).toBe(0);
    // A later record of wayne-prod-keys without the digest (written by hand, or by an older cordon).
    const log = DeploymentRecord.open(record);
    const stack = { name: 'wayne-prod-keys', cloud: 'aws' as const, sha256: 'a'.repeat(64) };
    log.append({ event: 'deploy.start', run: 'old', who: 'x', clouds: ['aws'], selection: { tenants: [], env: null }, bundleSha256: 'b', reportSha256: 'r', report: 'r.json', passed: true, planOnly: false, stacks: [stack] });
    log.append({ event: 'deploy.stack', run: 'old', stack, outcome: 'deployed' });
    log.append({ event: 'deploy.end', run: 'old', outcome: 'succeeded', deployed: [stack.name], failed: [], notAttempted: [] });
    log.close();
    const res = await cordonAsync(['drift', '--audit-log', record]);
    expect(res.stdout).toContain('changed   wayne-prod-keys: run old recorded no template digest to compare with');
    expect(res.code).toBe(1);
  }, 120_000);
});

describe('cordon deploy at a terminal', () => {
  test('lists the stacks in order and asks once; anything but yes deploys nothing', async () => {
    const { root, record } = fresh();
    const saved = process.env.CI;
    delete process.env.CI;
    const questions: string[] = [];
    try {
      const res = await cordonAsync(['deploy', '--tenant', 'wayne', '--env', 'prod', '--out', root, '--audit-log', record], { ask: async (q) => (questions.push(q), 'no') });
      expect(questions).toEqual(['Deploy these stacks? [y/N] ']);
      // wayne is pooled: its data stack imports the network of the cell of its LLM profile (openai), the cell the platform keys; its database needs the region's monitoring role.
      expect(res.stderr).toContain(
        'cordon deploy will deploy 5 stack(s), in dependency order:\n  wayne-prod-keys  (aws, prod)\n  cordon-keys-prod  (aws, prod)\n  cordon-platform-prod-us-east-1  (aws, prod)\n  cordon-cell-prod-us-east-1-openai  (aws, prod)\n  wayne-prod  (aws, prod)\n',
      );
      expect(res.stdout).toContain('nothing deployed: not confirmed');
      expect(res.code).toBe(1);
      expect(await stackNames()).toEqual([]);
      expect(entries(record).at(-1)).toMatchObject({ event: 'deploy.end', outcome: 'declined' });
    } finally {
      if (saved !== undefined) process.env.CI = saved;
    }
  }, 120_000);
});

describe('cordon deploy refuses bad usage before any work', () => {
  const { root, record } = { root: path.join(work, 'usage'), record: path.join(work, 'usage', 'r.jsonl') };
  test.each([
    [['--cloud', 'azure'], '--cloud: expected one of gcp | aws, received "azure"'],
    [['--env', 'dev'], '--env: expected one of prod | staging, received "dev"'],
    [['--concurrency', '0', '--yes'], '--concurrency: expected a whole number from 1 to 16, received 0'],
    [['--concurrency', 'two', '--yes'], '--concurrency: expected a whole number from 1 to 16, received "two"'],
    [['--tenant', 'nobody', '--yes'], '--tenant: no tenant "nobody" in the registry; it has acme, cyberdyne, globex'],
    [['--tenant', 'acme', '--cloud', 'aws', '--yes'], '--tenant: acme is a gcp tenant, but --cloud is aws'],
    [['--tenant', 'wayne', '--env', 'staging', '--yes'], '--tenant: wayne has no staging environment (it has prod)'],
    [['--cloud', 'aws'], '--yes is required when CI is set'],
  ])('%j', async (args, message) => {
    const saved = process.env.CI;
    process.env.CI = 'true';
    try {
      const res = await cordonAsync(['deploy', ...args, '--out', root, '--audit-log', record]);
      expect(res.stderr).toContain(message);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.code).toBe(2);
      expect(fs.existsSync(record)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
