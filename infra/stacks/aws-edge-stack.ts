import { StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CloudFrontEdge } from '../../constructs/aws/cloudfront-edge';
import { cloudWatchRetentionForYears } from '../../constructs/aws/constants';
import { cellSuffix, NO_LLM, PooledCell } from '../cells';
import { platformLabels, platformStackName, PLATFORM, tenantDomain, tenantLabels } from '../platform';
import { Environment, Tenant } from '../registry/tenant';
import { cellOriginHost, environmentDomain, tenantEdgeStackName, tenantOriginHost } from './aws-names';
import { AwsStack } from './aws-stack';

export interface AwsTenantEdgeStackProps extends StackProps {
  readonly tenant: Tenant;
  readonly environment: Environment;
  /** The tenant's `logs` key in the home region: encrypts the edge's access and WAF logs. */
  readonly logKey: kms.IKey;
}

/**
 * A dedicated or enterprise tenant's public entry (`<id>-<env>-edge`) in the home region, where
 * CloudFront's certificates and WAF live: CloudFront + WAF at the tenant's rate limit, logging every
 * request under the tenant's `logs` key, in front of the
 * tenant's ALB, reached by its conventional host `origin.<tenantDomain>` (no cross-region reference).
 */
export class AwsTenantEdgeStack extends AwsStack {
  constructor(scope: Construct, props: AwsTenantEdgeStackProps) {
    const { tenant, environment } = props;
    super(scope, tenantEdgeStackName(tenant.id, environment), { ...props, region: PLATFORM.aws.homeRegion, labels: tenantLabels(tenant, environment) });
    new CloudFrontEdge(this, 'Edge', {
      originDomainName: tenantOriginHost(tenant.id, environment),
      domainNames: [tenantDomain(tenant.id, environment)],
      rateLimits: [{ perMinute: tenant.edge.rateLimitPerMinute }],
      logKey: props.logKey,
      logRetentionDays: cloudWatchRetentionForYears(tenant.retention.auditYears),
    });
  }
}

export interface AwsPlatformEdgeStackProps extends StackProps {
  readonly environment: Environment;
  /** The environment's pooled AWS cells that serve a tenant (`serving` is what the edge routes). */
  readonly cells: readonly Pick<PooledCell, 'region' | 'profile' | 'serving'>[];
  /** The platform `logs` key of the home region: encrypts the edges' access and WAF logs. */
  readonly logKey: kms.IKey;
}

/**
 * The pooled tenants' public entry (`cordon-edge-<env>`, home region): per cell one CloudFront + WAF in
 * front of the cell's ALB, with one rate-based rule per pooled tenant scoped down to its Host header at
 * that tenant's limit (EDGE-2). One cell of the home region (else of the first region) answers the
 * wildcard `*.<environment domain>`: the no-LLM one when there is one, so a host no tenant owns reaches
 * no LLM egress. The other cells list their tenants' domains, which CloudFront prefers over the
 * wildcard, so each tenant reaches the cell of its own LLM profile. Dedicated tenants' own edges also
 * win over the wildcard.
 */
export class AwsPlatformEdgeStack extends AwsStack {
  constructor(scope: Construct, props: AwsPlatformEdgeStackProps) {
    const { environment } = props;
    super(scope, platformStackName('edge', environment), { ...props, region: PLATFORM.aws.homeRegion, labels: platformLabels(environment) });
    const id = (c: Pick<PooledCell, 'region' | 'profile'>) => `${c.region}${cellSuffix(c.profile)}`;
    const cells = [...props.cells].sort((a, b) => id(a).localeCompare(id(b)));
    const region = cells.some((c) => c.region === PLATFORM.aws.homeRegion) ? PLATFORM.aws.homeRegion : cells[0].region;
    const candidates = cells.filter((c) => c.region === region);
    const primary = candidates.find((c) => c.profile === NO_LLM) ?? candidates[0];
    for (const cell of cells) {
      const tenants = cell.serving;
      new CloudFrontEdge(this, `Edge-${id(cell)}`, {
        originDomainName: cellOriginHost(environment, cell.region, cell.profile),
        domainNames: cell === primary ? [`*.${environmentDomain(environment)}`] : tenants.map((t) => tenantDomain(t.id, environment)),
        rateLimits: tenants.map((t) => ({ host: tenantDomain(t.id, environment), perMinute: t.edge.rateLimitPerMinute })),
        logKey: props.logKey,
        // The longest audit contract among the cell's tenants: one log serves them all.
        logRetentionDays: cloudWatchRetentionForYears(Math.max(...tenants.map((t) => t.retention.auditYears))),
      });
    }
  }
}
