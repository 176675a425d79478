import { StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CloudFrontEdge } from '../../constructs/aws/cloudfront-edge';
import { cloudWatchRetentionForYears } from '../../constructs/aws/constants';
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
  /** Pooled AWS tenants of the environment by the region of their cell. */
  readonly cells: ReadonlyMap<string, readonly Tenant[]>;
  /** The platform `logs` key of the home region: encrypts the edges' access and WAF logs. */
  readonly logKey: kms.IKey;
}

/**
 * The pooled tenants' public entry (`cordon-edge-<env>`, home region): per cell one CloudFront + WAF in
 * front of the cell's ALB, with one rate-based rule per pooled tenant scoped down to its Host header at
 * that tenant's limit (EDGE-2). The home-region cell (else the first) answers the wildcard
 * `*.<environment domain>`; cells in other regions list their tenants' domains, which CloudFront
 * prefers over the wildcard. Dedicated tenants' own edges also win over the wildcard.
 */
export class AwsPlatformEdgeStack extends AwsStack {
  constructor(scope: Construct, props: AwsPlatformEdgeStackProps) {
    const { environment } = props;
    super(scope, platformStackName('edge', environment), { ...props, region: PLATFORM.aws.homeRegion, labels: platformLabels(environment) });
    const regions = [...props.cells.keys()].sort();
    const primary = regions.includes(PLATFORM.aws.homeRegion) ? PLATFORM.aws.homeRegion : regions[0];
    for (const region of regions) {
      const tenants = props.cells.get(region)!;
      new CloudFrontEdge(this, `Edge-${region}`, {
        originDomainName: cellOriginHost(environment, region),
        domainNames: region === primary ? [`*.${environmentDomain(environment)}`] : tenants.map((t) => tenantDomain(t.id, environment)),
        rateLimits: tenants.map((t) => ({ host: tenantDomain(t.id, environment), perMinute: t.edge.rateLimitPerMinute })),
        logKey: props.logKey,
        // The longest audit contract among the cell's tenants: one log serves them all.
        logRetentionDays: cloudWatchRetentionForYears(Math.max(...tenants.map((t) => t.retention.auditYears))),
      });
    }
  }
}
