import * as path from 'path';
import { generateTenants } from '../../infra/registry/generate';
import { loadInputs } from '../../services/gate/inputs';
import { evaluationJobs } from '../../services/gate/jobs';
import type { RuleMeta } from '../../services/toolchain/catalog';
import { tmpDir, writeFiles } from '../helpers';

const [tenant] = generateTenants(1, 'aws');
const tagged = { Tags: [{ Key: 'tenant', Value: tenant.id }] };
const dir = writeFiles(tmpDir(), {
  // Multi-byte text before and inside the resources: the estate documents are cut out of the stack documents' bytes.
  'keys.json': JSON.stringify({
    Description: 'clés — 🔑',
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Properties: { Description: 'clé du locataire 🔐', EnableKeyRotation: true, ...tagged } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'ünïcødé', ...tagged } },
      Key2: { Type: 'AWS::KMS::Key', Properties: { Description: 'deuxième clé', EnableKeyRotation: true, ...tagged } },
      Key3: { Type: 'AWS::KMS::Key', Properties: { Description: 'troisième', EnableKeyRotation: true, ...tagged } },
    },
    Outputs: { KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'tenant-key' } } },
  }),
  'data.json': JSON.stringify({
    Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { KmsMasterKeyId: { 'Fn::ImportValue': 'tenant-key' } }, ...tagged } } },
  }),
});
const stacks = loadInputs([path.join(dir, 'keys.json'), path.join(dir, 'data.json')]);
const emptyDir = writeFiles(tmpDir(), { 'empty.json': JSON.stringify({ Resources: {} }) });
const rule = (pkg: string, resourceTypes: string[]) => ({ package: pkg, resourceTypes, scope: 'estate' }) as unknown as RuleMeta;
const TODAY = '2026-12-07';
const parse = (input: readonly Uint8Array[]) => JSON.parse(Buffer.concat(input).toString('utf8'));
/** The resources as the rules receive them: without the construct path, Terraform address and source, which only the report uses. */
const forRules = (resources: Record<string, object>) => Object.fromEntries(Object.entries(resources).map(([a, { path: _p, address: _a, terraform: _t, ...r }]: [string, any]) => [a, r]));

describe('evaluation jobs', () => {
  const jobs = [...evaluationJobs(stacks, stacks, [tenant], [rule('keys_only', ['AWS::KMS::Key']), rule('none', ['AWS::EC2::VPC'])], TODAY)];
  const [keys, data] = stacks.map((s) => s.doc);

  test('one document per stack: the stack, its tenant contract, the run\'s date, its resolved imports and all its resources', () => {
    expect(jobs.map((j) => [j.what, j.estatePackage])).toEqual([
      ['stack keys', undefined],
      ['stack data', undefined],
      ['the estate (rule package keys_only)', 'keys_only'],
      ['the estate (rule package none)', 'none'],
    ]);
    expect(parse(jobs[0].input)).toEqual({ stack: keys.stack, tenant, today: TODAY, imports: {}, resources: forRules(keys.resources) });
    expect(parse(jobs[1].input)).toEqual({
      stack: data.stack,
      tenant,
      today: TODAY,
      imports: { 'tenant-key': { stack: 'keys', address: 'Key', type: 'AWS::KMS::Key' } },
      resources: forRules(data.resources),
    });
  });

  test('one estate document per estate rule: every stack, only the resource types the rule declares, the registry by id', () => {
    const [, , onlyKeys, none] = jobs.map((j) => parse(j.input));
    expect(onlyKeys.tenants).toEqual({ [tenant.id]: tenant });
    // Kept, left out, kept twice: the kept runs are joined by commas.
    const { Key, Key2, Key3 } = forRules(keys.resources);
    expect(onlyKeys.stacks.keys).toEqual({ ...parse(jobs[0].input), resources: { Key, Key2, Key3 } });
    expect(onlyKeys.stacks.data).toEqual({ ...parse(jobs[1].input), resources: {} });
    expect(Object.values<{ resources: object }>(none.stacks).map((s) => s.resources)).toEqual([{}, {}]);
  });

  test('a kept resource between left-out ones, every resource kept, and a stack without resources', () => {
    const empty = loadInputs([path.join(emptyDir, 'empty.json')]);
    const estate = [...stacks, ...empty];
    const [, , , topics, all] = [...evaluationJobs(estate, estate, [tenant], [rule('topics', ['AWS::SNS::Topic']), rule('all', ['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::S3::Bucket'])], TODAY)].map((j) => parse(j.input));
    const { Topic } = forRules(keys.resources);
    expect(topics.stacks.keys.resources).toEqual({ Topic });
    expect(all.stacks).toEqual({ keys: parse(jobs[0].input), data: parse(jobs[1].input), empty: { stack: empty[0].doc.stack, tenant: null, today: TODAY, imports: {}, resources: {} } });
    expect(topics.stacks.empty.resources).toEqual({});
  });

  test('a shard is evaluated against the whole estate: its imports resolve to stacks outside it', () => {
    const [job, estateJob] = evaluationJobs([stacks[1]], stacks, [], [rule('keys_only', ['AWS::KMS::Key'])], TODAY);
    expect(parse(job.input)).toMatchObject({ tenant: null, imports: { 'tenant-key': { stack: 'keys' } } });
    expect(Object.keys(parse(estateJob.input).stacks)).toEqual(['keys', 'data']);
  });

  test('a rule that declares mentions reads only the resources of its types whose JSON contains one', () => {
    const mentioning = { ...rule('mentioning', ['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::S3::Bucket']), mentions: ['deuxième', 'import:'] } as RuleMeta;
    const [, , doc] = [...evaluationJobs(stacks, stacks, [tenant], [mentioning], TODAY)].map((j) => parse(j.input));
    const { Key2 } = forRules(keys.resources);
    // Key2's description, and the bucket's reference to the import; the other keys and the topic mention neither.
    expect(doc.stacks.keys.resources).toEqual({ Key2 });
    expect(Object.keys(doc.stacks.data.resources)).toEqual(['Bucket']);
  });

  test('read as it goes, without an estate of its own: a stack that imports waits until every stack is read, then resolves its imports', () => {
    const made: string[] = [];
    const reversed = (function* () {
      for (const s of [stacks[1], stacks[0]]) {
        made.push(`read ${s.doc.stack.name}`);
        yield s;
      }
    })();
    for (const j of evaluationJobs(reversed, undefined, [tenant], [rule('keys_only', ['AWS::KMS::Key'])], TODAY)) {
      made.push(j.what);
      if (j.stack?.doc.stack.name === 'data') expect(parse(j.input).imports).toEqual({ 'tenant-key': { stack: 'keys', address: 'Key', type: 'AWS::KMS::Key' } });
      if (j.estatePackage) expect(Object.keys(parse(j.input).stacks)).toEqual(['data', 'keys']);
    }
    // keys (no import) is made as soon as it is read; data only once every stack is.
    expect(made).toEqual(['read data', 'read keys', 'stack keys', 'stack data', 'the estate (rule package keys_only)']);
  });

  test('an estate of one stack: each estate document equals its frame with the stack\'s whole document at `at` (what the stack rules parsed), leaving out no type; of two stacks, none says so', () => {
    const [one] = stacks;
    const [stackJob, topics] = [...evaluationJobs([one], undefined, [tenant], [rule('topics', ['AWS::SNS::Topic'])], TODAY)];
    const { stack, frame, at } = topics.sameAs!;
    expect(stack).toBe(stackJob.stack);
    const whole = parse(frame);
    whole[at[0]][at[1]] = parse(stackJob.input);
    // The filtered document has the Topic alone; the whole one every resource, and otherwise the same.
    const filtered = parse(topics.input);
    expect(Object.keys(filtered.stacks.keys.resources)).toEqual(['Topic']);
    expect(whole).toEqual({ ...filtered, stacks: { keys: { ...filtered.stacks.keys, resources: forRules(keys.resources) } } });
    expect(jobs.every((j) => j.sameAs === undefined)).toBe(true);
  });

  test('no estate rules, no estate documents', () => {
    expect([...evaluationJobs(stacks, stacks, [], [], TODAY)].map((j) => j.what)).toEqual(['stack keys', 'stack data']);
  });
});
