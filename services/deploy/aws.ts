import * as fs from 'fs';
import * as path from 'path';
import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import { DeployError } from './errors';
import { DeployHost } from './host';
import { PlannedStack, templateDigest, verifyArtifact } from './plan';
import { runInOrder, ScheduleResult } from './schedule';
import { firstLine } from '../../infra/first-line';

/** One stack's deploy as it finished. */
export interface StackResult {
  readonly stack: PlannedStack;
  readonly outcome: 'deployed' | 'failed';
  readonly outputs?: Record<string, string>;
  /** The deployed template's key-sorted digest, which `drift` compares with what CloudFormation holds. */
  readonly templateDigest?: string;
  readonly error?: string;
}

/** A stack of a CDK cloud assembly as its manifest declares it. */
export interface AssemblyStack {
  readonly name: string;
  /** The template the toolkit will hand to CloudFormation. */
  readonly templateFile: string;
  readonly dependsOn: readonly string[];
  /** From the manifest's `aws://account/region`. */
  readonly region?: string;
}

/** The stacks of the cloud assembly in `dir`, with their dependencies on other stacks (assets left out). */
export function assemblyStacks(dir: string): AssemblyStack[] {
  let manifest: { artifacts?: Record<string, { type: string; environment?: string; dependencies?: string[]; properties?: { templateFile?: string } }> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    throw new DeployError(`${dir}: not a readable CDK cloud assembly (${(e as Error).message})`);
  }
  const artifacts = manifest.artifacts ?? {};
  const isStack = (name: string) => artifacts[name]?.type === 'aws:cloudformation:stack';
  return Object.keys(artifacts)
    .filter(isStack)
    .map((name) => ({
      name,
      templateFile: path.join(dir, artifacts[name].properties?.templateFile ?? `${name}.template.json`),
      dependsOn: (artifacts[name].dependencies ?? []).filter(isStack),
      region: /^aws:\/\/[^/]+\/(.+)$/.exec(artifacts[name].environment ?? '')?.[1],
    }));
}

/** The CloudFormation event that failed a stack, as one line. */
const failedEvent = (ev: { ResourceStatus?: string; LogicalResourceId?: string; ResourceType?: string; ResourceStatusReason?: string }) =>
  `${ev.ResourceStatus} ${ev.LogicalResourceId} (${ev.ResourceType}): ${ev.ResourceStatusReason ?? 'no reason given'}`;

/**
 * Deploys `stacks` of the cloud assembly in `assemblyDir` through the CDK toolkit library, in
 * dependency order and up to `concurrency` at a time, stopping at the first failure. Each template
 * is re-hashed immediately before its stack is handed over. The AWS SDK's standard settings
 * (credential chain, `AWS_REGION`, `AWS_ENDPOINT_URL`, ...) decide where it goes. Stacks are
 * deployed directly (CreateStack/UpdateStack), not through change sets: the gate is the review,
 * and a change set would only add a second, unreviewed step (and local AWS APIs lose the exports).
 */
export async function deployAwsStacks(assemblyDir: string, stacks: readonly PlannedStack[], concurrency: number, host: DeployHost, onResult: (r: StackResult) => void): Promise<ScheduleResult> {
  // Loaded only when deploying: the toolkit and the AWS SDK cost ~1 s to import.
  const { Toolkit, StackSelectionStrategy, ExpandStackSelection } = await import('@aws-cdk/toolkit-lib');
  const failures = new Map<string, string>();
  const ioHost: IIoHost = {
    async notify(msg: IoMessage<unknown>) {
      if (msg.code === 'CDK_TOOLKIT_I5502') {
        const ev = (msg.data as { event: { StackName?: string; ResourceStatus?: string; LogicalResourceId?: string; ResourceType?: string; ResourceStatusReason?: string } }).event;
        const stack = ev.StackName ?? '';
        if (ev.ResourceStatus?.endsWith('_FAILED') && !failures.has(stack)) failures.set(stack, failedEvent(ev));
        host.event({ kind: 'cloud', stack, level: 'info', message: `${ev.ResourceStatus} ${ev.LogicalResourceId} (${ev.ResourceType})` });
      } else if (msg.level === 'error' || msg.level === 'warn') {
        host.event({ kind: 'cloud', level: msg.level, message: msg.message });
      }
    },
    // The one confirmation was asked before the deploy began; the toolkit's own prompts are answered yes.
    async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
      return (msg.code === 'CDK_TOOLKIT_I5060' ? true : msg.defaultResponse) as T;
    },
  };
  const toolkit = new Toolkit({ ioHost, color: false, emojis: false });
  // Read once for every stack (re-reading the assembly per stack grew with the estate); the
  // templates the toolkit holds in memory are checked against the gated files below.
  const assembly = await toolkit.synth(await toolkit.fromAssemblyDirectory(assemblyDir));
  try {
    return await runInOrder(stacks, concurrency, (stack) => deployOne(stack));
  } finally {
    await assembly.dispose();
  }

  async function deployOne(stack: PlannedStack): Promise<void> {
    host.event({ kind: 'stack', stack: stack.name, status: 'started' });
    try {
      // The file (uploaded as an asset when over 51,200 bytes) and the toolkit's copy (sent inline otherwise).
      const digest = templateDigest(verifyArtifact(stack.name, stack.file, stack.sha256).toString('utf8'));
      if (templateDigest(JSON.stringify(assembly.cloudAssembly.getStackByName(stack.name).template)) !== digest) {
        throw new DeployError(`${stack.name}: the template the CDK toolkit holds differs from the one the gate judged`);
      }
      const result = await toolkit.deploy(assembly, {
        stacks: { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [stack.name], expand: ExpandStackSelection.NONE },
        deploymentMethod: { method: 'direct' },
      });
      const outputs = result.stacks.find((s) => s.stackName === stack.name)?.outputs ?? {};
      onResult({ stack, outcome: 'deployed', outputs, templateDigest: digest });
      host.event({ kind: 'stack', stack: stack.name, status: 'deployed' });
    } catch (e) {
      const error = failures.get(stack.name) ?? oneLine(e).replace(`${stack.name} failed: `, '');
      onResult({ stack, outcome: 'failed', error });
      host.event({ kind: 'stack', stack: stack.name, status: 'failed', detail: error });
      throw new DeployError(`${stack.name}: ${error}`);
    }
  }
}

const oneLine = (e: unknown) => String((e as Error).message ?? e).replace(/^[^A-Za-z0-9]+\s*/, '').split('\n')[0];

/** A stack cordon deployed that has left the estate: its tenant is offboarding or offboarded. */
export interface RetiringStack {
  readonly name: string;
  readonly region: string;
  readonly tenant: string;
}

/** How many object versions (and delete markers) were deleted from each bucket emptied for its stack's removal. */
export type Emptied = Record<string, number>;

/**
 * Deletes `stacks` from CloudFormation one at a time, in the order given (the reverse of their
 * deployment), waiting for each to be gone, and stops at the first failure. What a stack retains
 * (DeletionPolicy Retain: a tenant's keys until it is offboarded) stays in the account. A bucket the
 * stack deletes (DeletionPolicy Delete as deployed, which RET-5-AWS demands of an offboarded
 * tenant's) is emptied first, every version: CloudFormation refuses to delete a bucket that holds objects.
 */
export async function removeAwsStacks(stacks: readonly RetiringStack[], host: DeployHost, onResult: (name: string, outcome: 'removed' | 'failed', error?: string, emptied?: Emptied) => void): Promise<{ notAttempted: string[] }> {
  const { CloudFormationClient, DeleteStackCommand, waitUntilStackDeleteComplete } = await import('@aws-sdk/client-cloudformation');
  for (const [i, s] of stacks.entries()) {
    host.event({ kind: 'stack', stack: s.name, status: 'removing' });
    const client = new CloudFormationClient({ region: s.region });
    try {
      const emptied = await emptyDeletedBuckets(client, s);
      await client.send(new DeleteStackCommand({ StackName: s.name }));
      await waitUntilStackDeleteComplete({ client, maxWaitTime: 3600, minDelay: 1, maxDelay: 30 }, { StackName: s.name });
      const detail = Object.entries(emptied).map(([bucket, n]) => `emptied ${bucket}: ${n} object version(s) deleted`).join('; ');
      host.event({ kind: 'stack', stack: s.name, status: 'removed', ...(detail && { detail }) });
      onResult(s.name, 'removed', undefined, emptied);
    } catch (e) {
      const error = `removing ${s.name} from ${s.region}: ${firstLine(e)}`;
      host.event({ kind: 'stack', stack: s.name, status: 'failed', detail: error });
      onResult(s.name, 'failed', error);
      return { notAttempted: stacks.slice(i + 1).map((x) => x.name) };
    } finally {
      client.destroy();
    }
  }
  return { notAttempted: [] };
}

/** Empties the buckets of stack `s` that its deployed template deletes with it (DeletionPolicy Delete or none). */
async function emptyDeletedBuckets(cfn: import('@aws-sdk/client-cloudformation').CloudFormationClient, s: RetiringStack): Promise<Emptied> {
  const { GetTemplateCommand, paginateListStackResources } = await import('@aws-sdk/client-cloudformation');
  const template = JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: s.name, TemplateStage: 'Original' }))).TemplateBody ?? '{}');
  const resources: Record<string, { Type?: string; DeletionPolicy?: string }> = template.Resources ?? {};
  const deleted = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::S3::Bucket' && (resources[id].DeletionPolicy ?? 'Delete') === 'Delete');
  if (deleted.length === 0) return {};
  const buckets: string[] = [];
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: s.name })) {
    for (const r of page.StackResourceSummaries ?? []) if (r.PhysicalResourceId && deleted.includes(r.LogicalResourceId!)) buckets.push(r.PhysicalResourceId);
  }
  const { S3Client, ListObjectVersionsCommand, DeleteObjectsCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({ region: s.region });
  const emptied: Emptied = {};
  try {
    for (const bucket of buckets) {
      emptied[bucket] = 0;
      // Each page is at most 1,000 versions: one DeleteObjects call. Listing again from the start is
      // right: what was deleted is no longer listed.
      for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
        const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
        if (objects.length === 0) break;
        const res = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
        if (res.Errors?.length) throw new Error(`emptying ${bucket}: ${res.Errors.length} object version(s) not deleted, the first ${res.Errors[0].Key}: ${res.Errors[0].Code} ${res.Errors[0].Message}`);
        emptied[bucket] += objects.length;
      }
    }
  } finally {
    s3.destroy();
  }
  return emptied;
}
