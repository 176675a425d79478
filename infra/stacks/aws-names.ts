import { cellSuffix } from '../cells';
import { platformStackName, PLATFORM, stackName, tenantDomain } from '../platform';
import { Environment, LlmSubprocessor } from '../registry/tenant';

/** A tenant's key stack in an environment: `<id>-<env>-keys`. */
export const tenantKeysStackName = (tenantId: string, env: Environment) => `${stackName(tenantId, env)}-keys`;
/** A dedicated or enterprise tenant's edge stack: `<id>-<env>-edge`. */
export const tenantEdgeStackName = (tenantId: string, env: Environment) => `${stackName(tenantId, env)}-edge`;
/** The platform key stack of an environment in the home region (`cordon-keys-<env>`), elsewhere `cordon-keys-<env>-<region>`. */
export const platformKeysStackName = (env: Environment, region: string) => platformStackName('keys', env, region === PLATFORM.aws.homeRegion ? undefined : region);

/** The DNS name under which an environment's tenants live (`tenantDomain` is `<id>.` + this). */
export function environmentDomain(env: Environment): string {
  return tenantDomain('x', env).slice(2);
}
/** The host CloudFront reaches a dedicated tenant's load balancer at. */
export const tenantOriginHost = (tenantId: string, env: Environment) => `origin.${tenantDomain(tenantId, env)}`;
/** The host CloudFront reaches a pooled cell's load balancer at: `cell-<region>[-<profile>].<environment domain>`. */
export const cellOriginHost = (env: Environment, region: string, profile: string) => `cell-${region}${cellSuffix(profile)}.${environmentDomain(env)}`;

/** The application image every service runs: the platform repository in the home region, an immutable tag. */
export const APP_IMAGE = { repository: 'cordon/app', tag: '1.0.0' } as const;
export const appImageRepositoryArn = (env: Environment) => `arn:aws:ecr:${PLATFORM.aws.homeRegion}:${PLATFORM.aws.account[env]}:repository/${APP_IMAGE.repository}`;

/** Host names egress may reach for the given LLM sub-processors: none for a no-LLM tenant (TEN-3). */
export function llmEgressDomains(subprocessors: readonly LlmSubprocessor[]): string[] {
  return [...new Set(subprocessors.flatMap((s) => PLATFORM.llmHosts[s]))].sort();
}

/** The enhanced monitoring role of an account's region (`DatabaseMonitoring` in its platform stack); IAM names are account-wide, so the region is in it. */
export const rdsMonitoringRoleName = (region: string) => `cordon-rds-monitoring-${region}`;
export const rdsMonitoringRoleArn = (env: Environment, region: string) => `arn:aws:iam::${PLATFORM.aws.account[env]}:role/${rdsMonitoringRoleName(region)}`;
