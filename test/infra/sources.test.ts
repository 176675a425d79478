import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Node } from 'constructs';
import { AWS_APP } from '../../infra/aws-app';
import { GCP_APP } from '../../infra/gcp-app';
import { loadRegistry } from '../../infra/registry/load';
import { recordingSources } from '../../infra/sources';
import { OUTPUT_DIRS, SOURCES_FILE, synthStaged } from '../../infra/synth';
import { ROOT } from '../../services/toolchain/paths';
import { readJson, tmpDir } from '../helpers';

const work = tmpDir('cordon-sources-');
const tenants = loadRegistry();
/** Each cloud's side file, as written in a staged output (under jest: ts-jest's source maps), and its text. */
const inProcess: Record<string, Record<string, string>> = {};
const inProcessText: Record<string, string> = {};
/** Construct paths of every resource each cloud's output holds, from the templates' own metadata. */
const resources: Record<string, string[]> = {};

const lineAt = (where: string) => {
  const [, file, line] = /^(.+):(\d+)$/.exec(where)!;
  return fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')[Number(line) - 1];
};

beforeAll(() => {
  const root = path.join(work, 'staged');
  for (const o of synthStaged(tenants, root)) {
    // Written inside the staged folder: promoted with the templates it describes, in the same rename.
    expect(o.staged).toContain('.staged-');
    inProcessText[o.cloud] = fs.readFileSync(path.join(o.staged, SOURCES_FILE), 'utf8');
    const side = JSON.parse(inProcessText[o.cloud]);
    expect(side.version).toBe(1);
    inProcess[o.cloud] = side.constructs;
    const files = fs.readdirSync(o.staged, { recursive: true, encoding: 'utf8' }).filter((f) => (o.cloud === 'aws' ? f.endsWith('.template.json') : f.endsWith('cdk.tf.json')));
    resources[o.cloud] = files.flatMap((f) => {
      const doc = readJson(path.join(o.staged, f));
      return o.cloud === 'aws'
        ? Object.values<any>(doc.Resources).map((r) => r.Metadata['aws:cdk:path'])
        : Object.values<Record<string, any>>(doc.resource).flatMap((byName) => Object.values<any>(byName).map((b) => b['//'].metadata.path));
    });
  }
}, 120_000);

describe('the side file of where each resource was created', () => {
  test.each(['aws', 'gcp'])('%s: every resource of the output has an entry, on a line of cordon\'s constructs or infra', (cloud) => {
    expect(Object.keys(inProcess[cloud]).sort()).toEqual([...resources[cloud]].sort());
    for (const where of Object.values(inProcess[cloud])) {
      expect(where).toMatch(/^(constructs|infra)\/[\w/.-]+\.ts:[1-9]\d*$/);
      expect(lineAt(where).trim()).not.toBe('');
    }
  });

  test('an entry names the line creating the construct: a resource made directly, and one made by an L2 around it', () => {
    // GIVEN the GCP document bucket (constructs/gcp/document-bucket.ts creates the L1) and the AWS one (an s3.Bucket creates it)
    const gcp = inProcess.gcp['acme-prod/documents/bucket'];
    expect(gcp).toMatch(/^constructs\/gcp\/document-bucket\.ts:/);
    expect(lineAt(gcp)).toMatch(/new StorageBucket\(this, 'bucket'/);
    const aws = Object.entries(inProcess.aws).find(([p]) => /^globex-prod\/Documents\/Bucket\/Resource$/.test(p))?.[1];
    expect(aws).toMatch(/^constructs\/aws\/document-bucket\.ts:/);
    expect(lineAt(aws!)).toMatch(/new s3\.Bucket\(this, 'Bucket'/);
  });

  test('the compiled CLI (.build/, mapped back through its source maps) writes the same file, byte for byte', () => {
    const out = path.join(work, 'cli');
    const res = spawnSync(process.execPath, [path.join(ROOT, 'services/cli/bin/cordon.js'), 'synth', '--out', out], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    for (const cloud of ['aws', 'gcp'] as const) expect(fs.readFileSync(path.join(out, OUTPUT_DIRS[cloud], SOURCES_FILE), 'utf8')).toBe(inProcessText[cloud]);
  }, 120_000);
});

describe('recordingSources', () => {
  const addChild = (Node.prototype as unknown as { addChild: unknown }).addChild;

  test('records only what it is asked to, and leaves constructs as it found them, also when the build fails', () => {
    const { value, sources } = recordingSources(AWS_APP.isResource, () => 42);
    expect([value, sources()]).toEqual([42, {}]);
    expect((Node.prototype as unknown as { addChild: unknown }).addChild).toBe(addChild);
    expect(() => recordingSources(GCP_APP.isResource, () => GCP_APP.build([{ ...tenants.find((t) => t.id === 'umbrella')!, edge: { rateLimitPerMinute: 9 } }], { outdir: path.join(work, 'bad') }))).toThrow(/rateLimitPerMinute/);
    expect((Node.prototype as unknown as { addChild: unknown }).addChild).toBe(addChild);
  });
});
