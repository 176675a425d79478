import { StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformKey, PlatformKeyPurpose } from '../../constructs/aws/platform-key';
import { TenantKey } from '../../constructs/aws/tenant-key';
import { KeyPurpose } from '../../constructs/props';
import { platformLabels, tenantLabels } from '../platform';
import { Environment, Tenant } from '../registry/tenant';
import { platformKeysStackName, tenantKeysStackName } from './aws-names';
import { AwsStack } from './aws-stack';

export interface AwsTenantKeysStackProps extends StackProps {
  readonly tenant: Tenant;
  readonly environment: Environment;
  /**
   * Another region than the tenant's, for the keys of what lives there: only the `logs` key (the
   * edge's request logs in the home region), in `<id>-<env>-keys-<region>`.
   * @default the tenant's region, with all its keys
   */
  readonly region?: string;
}

/**
 * A tenant's KMS keys in one environment (`<id>-<env>-keys`), kept apart from the data they protect
 * (ENC-4): the data stack references them across stacks (CDK exports + Fn::ImportValue).
 *
 * One key stack per tenant and environment rather than one shared key stack per environment: a
 * CloudFormation stack holds at most 500 resources and 200 exports, so a shared key stack would cap the
 * estate near 60 tenants, and re-sharding it later would replace (and so lose) keys. Each tenant's key
 * stack lives in the same account and region as its data, as KMS requires.
 *
 * Keys: `database` and `logs` always; `documents` unless the tenant brings its own key (enterprise CMEK).
 * KMS keys are regional: a tenant edge outside the tenant's region gets a `logs`-only key stack there.
 * An offboarded tenant's keys are disabled and no longer retained (crypto-shredding, RET-5).
 */
export class AwsTenantKeysStack extends AwsStack {
  readonly keys: Partial<Record<KeyPurpose, kms.Key>> = {};

  constructor(scope: Construct, props: AwsTenantKeysStackProps) {
    const { tenant, environment } = props;
    const region = props.region ?? tenant.region;
    const elsewhere = region !== tenant.region;
    super(scope, `${tenantKeysStackName(tenant.id, environment)}${elsewhere ? `-${region}` : ''}`, { ...props, region, labels: tenantLabels(tenant, environment) });
    const purposes: KeyPurpose[] = elsewhere ? ['logs'] : tenant.cmek?.[environment] ? ['database', 'logs'] : ['documents', 'database', 'logs'];
    for (const purpose of purposes) {
      const id = `${purpose[0].toUpperCase()}${purpose.slice(1)}Key`;
      this.keys[purpose] = new TenantKey(this, id, { tenantId: tenant.id, purpose, shredded: tenant.status === 'offboarded' }).key;
    }
  }

  key(purpose: KeyPurpose): kms.Key {
    const key = this.keys[purpose];
    if (!key) throw new Error(`${this.stackName}: no ${purpose} key`);
    return key;
  }
}

export interface AwsPlatformKeysStackProps extends StackProps {
  readonly environment: Environment;
  readonly region: string;
  /** Which platform keys this region needs (the home region: audit and registry; a cell's region: logs). */
  readonly purposes: readonly PlatformKeyPurpose[];
}

/** An environment's platform keys in one region (`cordon-keys-<env>[-<region>]`), apart from the audit bucket, registry and cells they protect. */
export class AwsPlatformKeysStack extends AwsStack {
  readonly keys: Partial<Record<PlatformKeyPurpose, kms.Key>> = {};

  constructor(scope: Construct, props: AwsPlatformKeysStackProps) {
    const { environment, region } = props;
    super(scope, platformKeysStackName(environment, region), { ...props, labels: platformLabels(environment) });
    for (const purpose of props.purposes) {
      this.keys[purpose] = new PlatformKey(this, `${purpose[0].toUpperCase()}${purpose.slice(1)}Key`, { purpose }).key;
    }
  }

  key(purpose: PlatformKeyPurpose): kms.Key {
    const key = this.keys[purpose];
    if (!key) throw new Error(`${this.stackName}: no ${purpose} key`);
    return key;
  }
}
