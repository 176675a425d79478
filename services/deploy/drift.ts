import type { Stack } from 'aws-cdk-lib';
import { loadRegistry } from '../../infra/registry/load';
import { DeployError } from './errors';
import { templateDigest } from './plan';
import { DeploymentRecord, lastDeployed } from './record';
import { firstLine } from '../../infra/first-line';

export interface DriftFinding {
  readonly stack: string;
  /**
   * `changed`: its deployed template is not the one the last gated deploy shipped; `unmanaged`: in the
   * account but never deployed through cordon; `unknown`: the registry no longer defines it (a tenant
   * removed without offboarding).
   */
  readonly kind: 'changed' | 'unmanaged' | 'unknown';
  readonly detail: string;
}

export interface DriftReport {
  readonly checked: number;
  readonly findings: readonly DriftFinding[];
}

/** The toolkit's bootstrap stack is not part of the estate. */
const IGNORED = new Set(['CDKToolkit']);

/**
 * Reads every CloudFormation stack of the account and region the AWS SDK's standard settings
 * select, and compares each with the deployment record and the registry.
 */
export async function detectDrift(options: { readonly auditLog: string; readonly registryDir?: string }): Promise<DriftReport> {
  const shipped = lastDeployed(DeploymentRecord.read(options.auditLog));
  // Loaded only when used, like synthesis: every command module reaches this one.
  const { buildAwsApp } = require('../../infra/aws-app') as typeof import('../../infra/aws-app');
  const { Stack: StackClass } = require('aws-cdk-lib') as { Stack: typeof Stack };
  const app = buildAwsApp(loadRegistry(options.registryDir));
  const defined = new Set(app.node.findAll().filter(StackClass.isStack).map((s) => s.stackName));
  const { CloudFormationClient, paginateDescribeStacks, GetTemplateCommand } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient({});
  const findings: DriftFinding[] = [];
  let checked = 0;
  try {
    for await (const page of paginateDescribeStacks({ client: cfn }, {})) {
      for (const s of page.Stacks ?? []) {
        const name = s.StackName!;
        if (IGNORED.has(name) || s.StackStatus === 'DELETE_COMPLETE') continue;
        checked++;
        if (!defined.has(name)) findings.push({ stack: name, kind: 'unknown', detail: 'the registry no longer defines this stack (a tenant removed without offboarding?)' });
        const last = shipped.get(name);
        if (!last) {
          findings.push({ stack: name, kind: 'unmanaged', detail: 'deployed, but not by a gated cordon deploy' });
          continue;
        }
        const body = (await cfn.send(new GetTemplateCommand({ StackName: name, TemplateStage: 'Original' }))).TemplateBody ?? '{}';
        // A record without a digest cannot vouch for the stack: reported, never passed silently.
        if (!last.templateDigest) findings.push({ stack: name, kind: 'changed', detail: `run ${last.run} recorded no template digest to compare with` });
        else if (templateDigest(body) !== last.templateDigest) findings.push({ stack: name, kind: 'changed', detail: `its template is not the one run ${last.run} shipped (${last.at})` });
      }
    }
  } catch (e) {
    throw new DeployError(`reading the deployed stacks through CloudFormation failed: ${firstLine(e)}`);
  } finally {
    cfn.destroy();
  }
  return { checked, findings: findings.sort((a, b) => a.stack.localeCompare(b.stack) || a.kind.localeCompare(b.kind)) };
}
